import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { orderPayments, type PaymentState } from "../../../db/schema/order-payments.ts";
import type { DbOrTx } from "../db.ts";

export type OrderPaymentRow = typeof orderPayments.$inferSelect;

/** A money-receiving transaction as Shopify reports it (the task's reader makes these). */
export interface SeenPayment {
  shopifyTransactionId: string;
  shopifyOrderId: string;
  kind: string;
  gateway: string;
  cardBrand: string | null;
  amount: string;
  presentmentAmount: string;
  currency: string;
  presentmentCurrency: string;
  processedAt: string | null;
}

/** Payments seen: new ones are pending; known ones stay as they are (a replay changes nothing). */
export async function notePayments(
  db: DbOrTx,
  input: { shopId: number; payments: readonly SeenPayment[] },
): Promise<number> {
  if (input.payments.length === 0) return 0;
  const inserted = await db
    .insert(orderPayments)
    .values(
      input.payments.map((p) => ({
        shopId: input.shopId,
        shopifyTransactionId: p.shopifyTransactionId,
        shopifyOrderId: p.shopifyOrderId,
        kind: p.kind,
        gateway: p.gateway,
        cardBrand: p.cardBrand,
        amount: p.amount,
        presentmentAmount: p.presentmentAmount,
        currency: p.currency,
        presentmentCurrency: p.presentmentCurrency,
        processedAt: p.processedAt ? new Date(p.processedAt) : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: orderPayments.id });
  return inserted.length;
}

/**
 * Payments to handle this run: new ones, those waiting, and those a run left while recording
 * (looked for in the ERP before anything is written again), oldest first.
 */
export async function paymentsToHandle(
  db: DbOrTx,
  input: { shopId: number; limit: number },
): Promise<OrderPaymentRow[]> {
  return db
    .select()
    .from(orderPayments)
    .where(
      and(eq(orderPayments.shopId, input.shopId), inArray(orderPayments.state, ["pending", "waiting", "recording"])),
    )
    // New ones first; then those least recently looked at.
    .orderBy(sql`${orderPayments.state} <> 'pending'`, asc(orderPayments.updatedAt), asc(orderPayments.id))
    .limit(input.limit);
}

export async function savePaymentOutcome(
  db: DbOrTx,
  input: {
    shopId: number;
    id: number;
    state: PaymentState;
    orderId: number | null;
    reason: string | null;
    paymentMethod?: string | null;
    erpDocumentNumber?: string | null;
    appliedToInvoice?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .update(orderPayments)
    .set({
      state: input.state,
      orderId: input.orderId,
      reason: input.reason,
      updatedAt: input.now,
      ...(input.paymentMethod !== undefined ? { paymentMethod: input.paymentMethod } : {}),
      ...(input.erpDocumentNumber !== undefined ? { erpDocumentNumber: input.erpDocumentNumber } : {}),
      ...(input.appliedToInvoice !== undefined ? { appliedToInvoice: input.appliedToInvoice } : {}),
    })
    .where(and(eq(orderPayments.shopId, input.shopId), eq(orderPayments.id, input.id)));
}

/** Retry: a payment in error is handled again by the next run (as a new one: the ERP is asked first). */
export async function retryPayment(
  db: DbOrTx,
  input: { shopId: number; id: number; orderId: number },
): Promise<boolean> {
  const updated = await db
    .update(orderPayments)
    .set({ state: "pending", reason: null, updatedAt: new Date() })
    .where(
      and(
        eq(orderPayments.shopId, input.shopId),
        eq(orderPayments.id, input.id),
        eq(orderPayments.orderId, input.orderId),
        eq(orderPayments.state, "error"),
      ),
    )
    .returning({ id: orderPayments.id });
  return updated.length > 0;
}

/** The payments of an order, oldest first (its page). */
export function paymentsOfOrder(db: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  return db
    .select()
    .from(orderPayments)
    .where(and(eq(orderPayments.shopId, input.shopId), eq(orderPayments.shopifyOrderId, input.shopifyOrderId)))
    .orderBy(asc(orderPayments.processedAt), asc(orderPayments.id));
}
