import { and, asc, eq, inArray, min, sql } from "drizzle-orm";

import { orderRefunds, type RefundState } from "../../../db/schema/order-refunds.ts";
import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

export type OrderRefundRow = typeof orderRefunds.$inferSelect;

/** Refunds seen (webhook, or an order's refund ids): new ones are pending; known ones stay as they are. */
export async function noteRefunds(
  db: DbOrTx,
  input: { shopId: number; refunds: ReadonlyArray<{ refundId: string; orderId: string }> },
): Promise<number> {
  if (input.refunds.length === 0) return 0;
  const inserted = await db
    .insert(orderRefunds)
    .values(
      input.refunds.map((r) => ({ shopId: input.shopId, shopifyRefundId: r.refundId, shopifyOrderId: r.orderId })),
    )
    .onConflictDoNothing()
    .returning({ id: orderRefunds.id });
  return inserted.length;
}

/** Refunds to handle this run: new ones, and those waiting for their order, oldest first. */
export async function refundsToHandle(db: DbOrTx, input: { shopId: number; limit: number }): Promise<OrderRefundRow[]> {
  return db
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.shopId, input.shopId), inArray(orderRefunds.state, ["pending", "waiting"])))
    // New ones first; then those least recently looked at.
    .orderBy(sql`${orderRefunds.state} <> 'pending'`, asc(orderRefunds.updatedAt), asc(orderRefunds.id))
    .limit(input.limit);
}

export async function saveRefundOutcome(
  db: DbOrTx,
  input: {
    shopId: number;
    id: number;
    state: RefundState;
    orderId: number | null;
    facts?: unknown;
    reason: string | null;
    erpDocumentNumber?: string | null;
    shopifyCreatedAt?: Date | null;
    now: Date;
  },
): Promise<void> {
  await db
    .update(orderRefunds)
    .set({
      state: input.state,
      orderId: input.orderId,
      reason: input.reason,
      updatedAt: input.now,
      ...(input.facts !== undefined ? { facts: input.facts } : {}),
      ...(input.erpDocumentNumber !== undefined ? { erpDocumentNumber: input.erpDocumentNumber } : {}),
      ...(input.shopifyCreatedAt !== undefined ? { shopifyCreatedAt: input.shopifyCreatedAt } : {}),
    })
    .where(and(eq(orderRefunds.shopId, input.shopId), eq(orderRefunds.id, input.id)));
}

/** Retry: a refund in error is handled again by the next run. */
export async function retryRefund(
  db: DbOrTx,
  input: { shopId: number; id: number; orderId: number },
): Promise<boolean> {
  const updated = await db
    .update(orderRefunds)
    .set({ state: "pending", reason: null, updatedAt: new Date() })
    .where(
      and(
        eq(orderRefunds.shopId, input.shopId),
        eq(orderRefunds.id, input.id),
        eq(orderRefunds.orderId, input.orderId),
        eq(orderRefunds.state, "error"),
      ),
    )
    .returning({ id: orderRefunds.id });
  return updated.length > 0;
}

/** When the shop's first order was imported: refunds of orders older than that are not ours to credit. */
export async function firstOrderImportedAt(db: DbOrTx, shopId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(orders.createdAt) })
    .from(orders)
    .where(eq(orders.shopId, shopId));
  return row?.at ?? null;
}

/** The refunds of an order, oldest first (its page). */
export function refundsOfOrder(db: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  return db
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.shopId, input.shopId), eq(orderRefunds.shopifyOrderId, input.shopifyOrderId)))
    .orderBy(asc(sql`coalesce(${orderRefunds.shopifyCreatedAt}, ${orderRefunds.createdAt})`));
}

/** What a refund's credit memo needs of its order (our row), by Shopify order id. */
export async function refundOrdersOf(db: DbOrTx, input: { shopId: number; shopifyOrderIds: readonly string[] }) {
  if (input.shopifyOrderIds.length === 0) return new Map<string, RefundOrder>();
  const rows = await db
    .select({
      id: orders.id,
      shopifyOrderId: orders.shopifyOrderId,
      name: orders.name,
      status: orders.status,
      snapshot: orders.snapshot,
      erpDocumentType: orders.erpDocumentType,
      erpDocumentNumber: orders.erpDocumentNumber,
      erpCustomerNumber: orders.erpCustomerNumber,
      erpLines: orders.erpLines,
      postingStatus: orders.postingStatus,
    })
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), inArray(orders.shopifyOrderId, [...input.shopifyOrderIds])));
  return new Map(rows.map((r) => [r.shopifyOrderId, r]));
}
export type RefundOrder = {
  id: number;
  shopifyOrderId: string;
  name: string;
  status: string;
  snapshot: unknown;
  erpDocumentType: "order" | "invoice" | null;
  erpDocumentNumber: string | null;
  erpCustomerNumber: string | null;
  erpLines: unknown;
  postingStatus: "posted" | "error" | null;
};
