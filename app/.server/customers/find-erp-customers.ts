import type { CustomerLookup, ErpAdapter } from "../adapters/erp/port.ts";
import type { DbOrTx } from "../db.ts";
import { findMirroredCustomers, type MirrorCustomerLookup } from "../queries/erp-records.ts";

/**
 * The ERP customers a lookup finds, at most two (two = ambiguous: the caller stops with both
 * numbers rather than guess). Once every ERP customer is in the mirror, the mirror answers (no ERP
 * request); before that, or for a field the mirror does not hold, the port's findCustomer (first hit).
 */
export async function findErpCustomers(
  input: { db: DbOrTx; adapter: ErpAdapter; shopId: number; mirrorComplete: boolean },
  lookup: CustomerLookup,
): Promise<string[]> {
  const mirrorable = mirrorLookup(lookup);
  if (input.mirrorComplete && mirrorable) {
    return findMirroredCustomers(input.db, { shopId: input.shopId, lookup: mirrorable, limit: 2 });
  }
  const found = await input.adapter.findCustomer(lookup);
  return found ? [found.number] : [];
}

function mirrorLookup(lookup: CustomerLookup): MirrorCustomerLookup | null {
  if ("number" in lookup) return null;
  if ("taxId" in lookup) {
    return lookup.field === "vat_registration_number" ? { taxId: lookup.taxId, field: lookup.field } : null;
  }
  return lookup;
}

/** A lookup in the merchant's words, for an ambiguous match's reason. */
export function describeLookup(lookup: CustomerLookup): string {
  if ("number" in lookup) return `the number ${lookup.number}`;
  if ("email" in lookup) return `the e-mail ${lookup.email}`;
  if ("phone" in lookup) return `the phone ${lookup.phone}`;
  if ("taxId" in lookup) return `the tax id ${lookup.taxId}`;
  return "the bill-to name and address";
}
