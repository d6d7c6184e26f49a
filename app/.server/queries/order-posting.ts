import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";
import { markOrderVariantsForRecompute } from "./inventory-levels.ts";

const byOrder = (input: { shopId: number; orderId: number }) =>
  and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId));

/**
 * ERP documents made from Shopify orders that are due for posting: processed, not posted and not
 * failed yet, not in conflict, processed before `processedBefore`, and (per the filter) fully
 * fulfilled and paid in Shopify as last imported. Oldest first.
 */
export function listPostingCandidates(
  db: DbOrTx,
  input: { shopId: number; processedBefore: Date; onlyFulfilled: boolean; onlyPaid: boolean; limit: number },
) {
  return db
    .select({
      id: orders.id,
      name: orders.name,
      shopifyOrderId: orders.shopifyOrderId,
      erpDocumentType: orders.erpDocumentType,
      erpDocumentId: orders.erpDocumentId,
      erpDocumentNumber: orders.erpDocumentNumber,
      snapshot: orders.snapshot,
    })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        eq(orders.status, "processed"),
        isNotNull(orders.erpDocumentId),
        isNull(orders.postingStatus),
        eq(orders.hasConflict, false),
        lte(orders.processedAt, input.processedBefore),
        input.onlyFulfilled ? sql`${orders.snapshot}->>'fulfillmentStatus' = 'FULFILLED'` : undefined,
        input.onlyPaid ? sql`${orders.snapshot}->>'financialStatus' = 'PAID'` : undefined,
      ),
    )
    .orderBy(asc(orders.processedAt), asc(orders.id))
    .limit(input.limit);
}

export type PostingCandidate = Awaited<ReturnType<typeof listPostingCandidates>>[number];

export async function markOrderPosted(db: DbOrTx, input: { shopId: number; orderId: number; at: Date }) {
  await db
    .update(orders)
    .set({ postingStatus: "posted", postingError: null, postedAt: input.at, updatedAt: input.at })
    .where(byOrder(input));
  await markOrderVariantsForRecompute(db, input);
}

export async function markOrderPostingFailed(db: DbOrTx, input: { shopId: number; orderId: number; message: string }) {
  await db
    .update(orders)
    .set({ postingStatus: "error", postingError: input.message.slice(0, 2000), updatedAt: new Date() })
    .where(byOrder(input));
}

/** "Retry posting": the document is a candidate again on the next run. */
export async function clearPostingError(db: DbOrTx, input: { shopId: number; orderId: number }): Promise<boolean> {
  const rows = await db
    .update(orders)
    .set({ postingStatus: null, postingError: null, updatedAt: new Date() })
    .where(and(byOrder(input), eq(orders.postingStatus, "error")))
    .returning({ id: orders.id });
  return rows.length > 0;
}

export async function markShopifyOrderClosed(db: DbOrTx, input: { shopId: number; orderId: number; at: Date }) {
  await db.update(orders).set({ shopifyClosedAt: input.at }).where(byOrder(input));
}
