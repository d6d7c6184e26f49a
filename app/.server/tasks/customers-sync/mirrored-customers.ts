import { z } from "zod";

import type { DbOrTx } from "../../db.ts";
import { mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import type { MirroredErpCustomer } from "./plan-customer-import.ts";

// Our own table, but written from the ERP's answers: parsed again before planning.
const mirroredCustomer = z.object({
  number: z.string(),
  displayName: z.string(),
  email: z.string(),
  phoneNumber: z.string(),
  address: z.object({
    line1: z.string(),
    line2: z.string(),
    city: z.string(),
    state: z.string(),
    postalCode: z.string(),
    countryCode: z.string(),
  }),
});

/** The ERP customers of these numbers as last pulled into the mirror (deleted ones left out). */
export async function mirroredCustomers(
  db: DbOrTx,
  input: { shopId: number; numbers: readonly string[] },
): Promise<Map<string, MirroredErpCustomer>> {
  const found = new Map<string, MirroredErpCustomer>();
  const records = await mirrorRecordsOfItems(db, { shopId: input.shopId, itemNumbers: input.numbers });
  for (const [number, list] of records) {
    const record = list.find((r) => r.entity === "customers" && !r.deleted);
    const parsed = record ? mirroredCustomer.safeParse(record.data) : null;
    if (!parsed?.success) continue;
    const { displayName, email, phoneNumber, address } = parsed.data;
    found.set(number, { number, fields: { displayName, email, phoneNumber, address } });
  }
  return found;
}
