import { and, eq, isNull } from "drizzle-orm";

import { skippedRecords } from "../../../db/schema/skipped-records.ts";
import type { DbOrTx } from "../db.ts";

/** What a skipped record is about: the entity a task chose not to write, and its key. */
export interface SkippedRecordKey {
  shopId: number;
  /** e.g. "order", "erp-document", "order-write-back", "fulfillment". */
  entity: string;
  recordKey: string;
}

/** One open skipped row per record (BC's "Shopify Skipped Record"), refreshed when skipped again. */
export async function recordSkipped(db: DbOrTx, input: SkippedRecordKey & { reason: string }): Promise<void> {
  await db
    .insert(skippedRecords)
    .values({ shopId: input.shopId, entity: input.entity, recordKey: input.recordKey, reason: input.reason })
    .onConflictDoUpdate({
      target: [skippedRecords.shopId, skippedRecords.entity, skippedRecords.recordKey],
      targetWhere: isNull(skippedRecords.resolvedAt),
      set: { reason: input.reason, skippedAt: new Date() },
    });
}

/** The record was written after all: its open skipped row leaves the dashboard. */
export async function resolveSkipped(db: DbOrTx, input: SkippedRecordKey): Promise<void> {
  await db
    .update(skippedRecords)
    .set({ resolvedAt: new Date() })
    .where(
      and(
        eq(skippedRecords.shopId, input.shopId),
        eq(skippedRecords.entity, input.entity),
        eq(skippedRecords.recordKey, input.recordKey),
        isNull(skippedRecords.resolvedAt),
      ),
    );
}
