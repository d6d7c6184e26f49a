import { and, eq } from "drizzle-orm";

import { unmappedRecords } from "../../../db/schema/unmapped-records.ts";
import type { DbOrTx } from "../db.ts";

export async function deleteUnmappedRecord(
  db: DbOrTx,
  input: { shopId: number; entity: "customer" | "company" | "product"; shopifyId: string },
): Promise<void> {
  await db
    .delete(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        eq(unmappedRecords.shopifyId, input.shopifyId),
      ),
    );
}
