import { and, desc, eq, inArray, isNull } from "drizzle-orm";

import { unmappedRecords } from "../../../db/schema/unmapped-records.ts";
import type { DbOrTx } from "../db.ts";

type UnmappedEntity = "customer" | "company" | "product";

export async function deleteUnmappedRecord(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyId: string },
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

/** Puts a record on the unmapped list, or back on it (a resolved one reopens, keeping first-seen). */
export async function openUnmappedRecord(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyId: string; label: string },
): Promise<void> {
  await db
    .insert(unmappedRecords)
    .values({ ...input, label: input.label.slice(0, 500) })
    .onConflictDoUpdate({
      target: [unmappedRecords.shopId, unmappedRecords.entity, unmappedRecords.shopifyId],
      set: { label: input.label.slice(0, 500), resolvedAt: null },
    });
}

/** Takes records off the unmapped list (mapped, created or ignored). */
export async function resolveUnmappedRecords(
  db: DbOrTx,
  input: { shopId: number; entity: UnmappedEntity; shopifyIds: readonly string[] },
): Promise<void> {
  if (input.shopifyIds.length === 0) return;
  await db
    .update(unmappedRecords)
    .set({ resolvedAt: new Date() })
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        inArray(unmappedRecords.shopifyId, [...input.shopifyIds]),
        isNull(unmappedRecords.resolvedAt),
      ),
    );
}

export async function getUnmappedRecord(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(unmappedRecords)
    .where(and(eq(unmappedRecords.shopId, input.shopId), eq(unmappedRecords.id, input.id)));
  return row ?? null;
}

/** The open records of one kind, newest first (the unmapped lists). */
export function listOpenUnmappedRecords(db: DbOrTx, input: { shopId: number; entity: UnmappedEntity; limit?: number }) {
  return db
    .select({
      id: unmappedRecords.id,
      label: unmappedRecords.label,
      shopifyId: unmappedRecords.shopifyId,
      firstSeenAt: unmappedRecords.firstSeenAt,
    })
    .from(unmappedRecords)
    .where(
      and(
        eq(unmappedRecords.shopId, input.shopId),
        eq(unmappedRecords.entity, input.entity),
        isNull(unmappedRecords.resolvedAt),
      ),
    )
    .orderBy(desc(unmappedRecords.firstSeenAt))
    .limit(input.limit ?? 200);
}
