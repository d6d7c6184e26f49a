import { and, eq } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import { getDb } from "../db.ts";
import { addOrderEvent } from "../queries/order-events.ts";
import { retryPayment } from "../queries/order-payments.ts";
import { retryRefund } from "../queries/order-refunds.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { enqueueOrderProcessing } from "../tasks/orders-process/enqueue.ts";
import { enqueueOrderImport } from "../tasks/orders-sync/enqueue.ts";
import { paymentsSyncTask } from "../tasks/payments-sync/task.ts";
import { refundsProcessTask } from "../tasks/refunds-process/task.ts";

export type OrderActionResult = { ok: true; message: string } | { ok: false; message: string };

/** Queue processing now (the order page's Process / Retry). Conflicting or processed orders are refused. */
export async function requestProcessing(shopId: number, orderId: number): Promise<OrderActionResult> {
  return getDb().transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status, hasConflict: orders.hasConflict })
      .from(orders)
      .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)))
      .for("update");
    if (!order) return { ok: false, message: "No such order." };
    if (order.status === "processed") return { ok: false, message: "This order already has its ERP document." };
    if (order.hasConflict) return { ok: false, message: "Resolve the conflict first." };
    // The last failure or wait is answered by this attempt: clear it now, so the page the merchant
    // returns to (Remix revalidates it after the action) shows the order queued, not the old error.
    // The attempt records a new error or wait if there still is one.
    await tx
      .update(orders)
      .set({
        status: "unprocessed",
        ...(order.status === "ignored" ? { statusReason: null } : {}),
        waitingOn: null,
        errorMessage: null,
        updatedAt: new Date(),
      })
      .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
    await enqueueOrderProcessing(tx, { shopId, orderIds: [orderId], trigger: "manual" });
    await addOrderEvent(tx, { shopId, orderId, kind: "processing", message: "queued by the merchant" });
    return { ok: true, message: "Processing queued" };
  });
}

/** The merchant decides not to make an ERP document for this order. */
export async function ignoreOrder(shopId: number, orderId: number): Promise<OrderActionResult> {
  const updated = await getDb()
    .update(orders)
    .set({ status: "ignored", statusReason: "ignored by the merchant", waitingOn: null, updatedAt: new Date() })
    .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId), eq(orders.hasConflict, false)))
    .returning({ id: orders.id, status: orders.status });
  if (updated.length === 0) return { ok: false, message: "This order cannot be ignored now." };
  await addOrderEvent(getDb(), { shopId, orderId, kind: "ignored", message: "by the merchant" });
  return { ok: true, message: "Order ignored" };
}

/**
 * The merchant has dealt with a conflict (e.g. changed the ERP document by hand): the ERP document
 * stays as it is and the order leaves the conflicts list.
 */
export async function resolveConflict(shopId: number, orderId: number): Promise<OrderActionResult> {
  const updated = await getDb()
    .update(orders)
    .set({ hasConflict: false, conflictReason: null, updatedAt: new Date() })
    .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId), eq(orders.hasConflict, true)))
    .returning({ id: orders.id });
  if (updated.length === 0) return { ok: false, message: "This order has no conflict." };
  await addOrderEvent(getDb(), {
    shopId,
    orderId,
    kind: "resolved",
    message: "conflict marked resolved by the merchant",
  });
  return { ok: true, message: "Conflict resolved" };
}

/** Read the order from Shopify again (e.g. after fixing it there); a newer version replaces ours. */
export async function requestReimport(shopId: number, orderId: number): Promise<OrderActionResult> {
  return getDb().transaction(async (tx) => {
    const [order] = await tx
      .select({ shopifyOrderId: orders.shopifyOrderId })
      .from(orders)
      .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
    if (!order) return { ok: false, message: "No such order." };
    await enqueueOrderImport(tx, { shopId, orderId: order.shopifyOrderId, now: new Date(), trigger: "manual" });
    return { ok: true, message: "Re-import queued" };
  });
}

/** Retry a refund in error: the next run of Process refunds handles it again (queued now). */
export async function retryRefundOfOrder(
  shopId: number,
  orderId: number,
  refundId: number,
): Promise<OrderActionResult> {
  return getDb().transaction(async (tx) => {
    const retried = await retryRefund(tx, { shopId, id: refundId, orderId });
    if (!retried) return { ok: false, message: "That refund is not in error." };
    await enqueueRun(tx, refundsProcessTask, { shopId, trigger: "manual" });
    return { ok: true, message: "Refund queued again" };
  });
}

/** Retry a payment in error: the next run of Sync payments records it (asking the ERP first; queued now). */
export async function retryPaymentOfOrder(
  shopId: number,
  orderId: number,
  paymentId: number,
): Promise<OrderActionResult> {
  return getDb().transaction(async (tx) => {
    const retried = await retryPayment(tx, { shopId, id: paymentId, orderId });
    if (!retried) return { ok: false, message: "That payment is not in error." };
    await enqueueRun(tx, paymentsSyncTask, { shopId, trigger: "manual" });
    return { ok: true, message: "Payment queued again" };
  });
}
