import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { documentInPresentment, erpCustomerOfOrder, postedInvoice } from "../../orders/order-money-facts.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  notePayments,
  type OrderPaymentRow,
  paymentsToHandle,
  savePaymentOutcome,
} from "../../queries/order-payments.ts";
import { type RefundOrder, refundOrdersOf } from "../../queries/order-refunds.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { discoverOrderChanges } from "../../shopify/order-changes-discovery.ts";
import { type PaymentOrderFacts, type PaymentPlan, planPayment, transactionNumber } from "./plan-payment.ts";
import { PAID_ORDERS_STREAM, readPaidOrders } from "./read-transactions.ts";

/** Payments handled per run; more continue in the next one. */
const BATCH = 200;
const MAX_ORDER_PAGES = 10;

export interface PaymentCounts {
  seen: number;
  recorded: number;
  imported: number;
  waiting: number;
  skipped: number;
  failed: number;
}

/**
 * "Sync payments", the payments half: successful sales and captures of orders changed since the
 * cursor are noted once each, then per the shop's setting kept ("import only") or recorded in the
 * ERP as a customer payment applied to the order's posted invoice, exactly once: the payment is
 * committed as `recording` before the ERP is asked, and the ERP finds it by the transaction's id,
 * so neither a replay nor a run killed after the ERP took it records a second one.
 */
export async function syncPayments(
  ctx: RunContext,
  admin: ShopifyAdmin,
): Promise<{ counts: PaymentCounts; more: boolean }> {
  const counts: PaymentCounts = { seen: 0, recorded: 0, imported: 0, waiting: 0, skipped: 0, failed: 0 };
  const discovered = await discoverOrderChanges(ctx, {
    stream: PAID_ORDERS_STREAM,
    maxPages: MAX_ORDER_PAGES,
    read: async function* (cursor, options) {
      for await (const page of readPaidOrders(admin, cursor, options)) yield { items: page.payments, next: page.next };
    },
    note: (payments) => notePayments(ctx.db, { shopId: ctx.shopId, payments }),
  });
  counts.seen = discovered.noted;
  const rows = await paymentsToHandle(ctx.db, { shopId: ctx.shopId, limit: BATCH });
  const more = discovered.more || rows.length >= BATCH;
  if (rows.length === 0) return { counts, more };
  const adapter = ctx.settings.payments.process === "record" ? await ctx.erp() : null;
  const ordersById = await refundOrdersOf(ctx.db, {
    shopId: ctx.shopId,
    shopifyOrderIds: [...new Set(rows.map((r) => r.shopifyOrderId))],
  });
  const invoices = new Map<number, string | null>();
  for (const row of rows) {
    const order = ordersById.get(row.shopifyOrderId) ?? null;
    try {
      await handle(ctx, adapter, row, order, invoices, counts);
    } catch (error) {
      // A spent request budget ends the run; it goes on when the ERP has room (runs/execute-run.ts).
      if (!isErpError(error) || error.code === "RATE_LIMITED") throw error;
      counts.failed++;
      const message = coerceError(error).message;
      await outcome(ctx, row, order, "error", message);
      ctx.record({
        type: "payment",
        key: row.shopifyTransactionId,
        label: label(row, order),
        outcome: "failed",
        reason: message,
      });
    }
  }
  return { counts, more };
}

const label = (row: OrderPaymentRow, order: RefundOrder | null) =>
  `${order?.name ?? "order"} payment ${transactionNumber(row.shopifyTransactionId)}`;

async function outcome(
  ctx: RunContext,
  row: OrderPaymentRow,
  order: RefundOrder | null,
  state: OrderPaymentRow["state"],
  reason: string | null,
  extra: { paymentMethod?: string | null; erpDocumentNumber?: string; appliedToInvoice?: string } = {},
) {
  if (ctx.dryRun) return;
  await savePaymentOutcome(ctx.db, {
    shopId: ctx.shopId,
    id: row.id,
    state,
    orderId: order?.id ?? null,
    reason,
    now: ctx.clock.now(),
    ...extra,
  });
}

async function orderFacts(
  ctx: RunContext,
  adapter: ErpAdapter | null,
  order: RefundOrder,
  invoices: Map<number, string | null>,
): Promise<PaymentOrderFacts> {
  if (order.status !== "processed") {
    return { name: order.name, status: order.status, presentment: false, invoiceNumber: null, customerNumber: null };
  }
  if (adapter && !invoices.has(order.id)) invoices.set(order.id, await postedInvoice(adapter, order));
  return {
    name: order.name,
    status: order.status,
    presentment: documentInPresentment(ctx.settings, order),
    invoiceNumber: invoices.get(order.id) ?? null,
    customerNumber: await erpCustomerOfOrder(ctx.db, ctx.shopId, order),
  };
}

async function handle(
  ctx: RunContext,
  adapter: ErpAdapter | null,
  row: OrderPaymentRow,
  order: RefundOrder | null,
  invoices: Map<number, string | null>,
  counts: PaymentCounts,
) {
  const what = label(row, order);
  if (row.state === "recording" && adapter && order) return resumeRecording(ctx, adapter, row, order, counts);
  const plan: PaymentPlan = planPayment(
    {
      shopifyTransactionId: row.shopifyTransactionId,
      gateway: row.gateway,
      cardBrand: row.cardBrand,
      amount: row.amount,
      presentmentAmount: row.presentmentAmount,
      processedAt: row.processedAt?.toISOString() ?? null,
    },
    order ? await orderFacts(ctx, adapter, order, invoices) : null,
    ctx.settings.payments,
    ctx.clock.now().toISOString().slice(0, 10),
  );
  switch (plan.kind) {
    case "wait":
      counts.waiting++;
      // Saved each time, so waiting payments take turns with the batch instead of the oldest holding it.
      await outcome(ctx, row, order, "waiting", plan.reason);
      return;
    case "import":
      counts.imported++;
      await outcome(ctx, row, order, "imported", null);
      ctx.record({
        type: "payment",
        key: row.shopifyTransactionId,
        label: what,
        outcome: ctx.dryRun ? "planned" : "updated",
        reason: "imported (not recorded in the ERP: Settings → Payments)",
      });
      return;
    case "skip":
      counts.skipped++;
      await outcome(ctx, row, order, "skipped", plan.reason, { paymentMethod: plan.method });
      ctx.record({
        type: "payment",
        key: row.shopifyTransactionId,
        label: what,
        outcome: ctx.dryRun ? "planned" : "skipped",
        reason: plan.reason,
      });
      return;
    case "error":
      counts.failed++;
      await outcome(ctx, row, order, "error", plan.reason);
      ctx.record({
        type: "payment",
        key: row.shopifyTransactionId,
        label: what,
        outcome: "failed",
        reason: plan.reason,
      });
      return;
    case "record":
      return record(ctx, adapter!, row, order!, plan.draft, counts);
  }
}

async function record(
  ctx: RunContext,
  adapter: ErpAdapter,
  row: OrderPaymentRow,
  order: RefundOrder,
  draft: Extract<PaymentPlan, { kind: "record" }>["draft"],
  counts: PaymentCounts,
) {
  const what = `payment of ${draft.amount} by ${draft.paymentMethodCode} from customer ${draft.customerNumber}, applied to invoice ${draft.appliesToInvoiceNumber}`;
  const key = row.shopifyTransactionId;
  if (ctx.dryRun) {
    ctx.record({ type: "payment", key, label: label(row, order), outcome: "planned", reason: `record ${what}` });
    return;
  }
  if (!ctx.writesAllowed) {
    // Stays as it is: recorded once writes are allowed again.
    counts.skipped++;
    ctx.record({
      type: "payment",
      key,
      label: label(row, order),
      outcome: "skipped",
      reason: `outgoing writes are off in Settings: record ${what}`,
    });
    return;
  }
  // Committed before the ERP is asked: a run that dies from here on leaves the next one to look.
  await outcome(ctx, row, order, "recording", "being recorded in the ERP", {
    paymentMethod: draft.paymentMethodCode,
    appliedToInvoice: draft.appliesToInvoiceNumber,
  });
  const written = await adapter.recordPayment(draft);
  await recorded(
    ctx,
    row,
    order,
    written.ref.number,
    written.created ? "recorded" : "found (recorded by an earlier attempt)",
    counts,
  );
  ctx.record({
    type: "payment",
    key,
    label: label(row, order),
    outcome: "created",
    reason: `${what}: ${written.ref.number}`,
  });
}

/**
 * A payment a run left while recording: the ERP is asked whether it has it. When it cannot find
 * it, it may have been posted since (BC's journal no longer lists posted lines), so it is not
 * sent again on a guess: an error with the reason, and the merchant's Retry records it.
 */
async function resumeRecording(
  ctx: RunContext,
  adapter: ErpAdapter,
  row: OrderPaymentRow,
  order: RefundOrder,
  counts: PaymentCounts,
) {
  const externalDocumentNumber = transactionNumber(row.shopifyTransactionId);
  if (ctx.dryRun) {
    const reason = `look in the ERP for payment ${externalDocumentNumber}: a run stopped while recording it`;
    ctx.record({
      type: "payment",
      key: row.shopifyTransactionId,
      label: label(row, order),
      outcome: "planned",
      reason,
    });
    return;
  }
  const found = await adapter.findPayment({
    externalDocumentNumber,
    ...(ctx.settings.payments.journal ? { journalCode: ctx.settings.payments.journal } : {}),
  });
  if (found) {
    await recorded(ctx, row, order, found.number, "found (recorded by an earlier attempt)", counts);
    return;
  }
  counts.failed++;
  const reason = `a run stopped while recording this payment and the ERP's payment journal does not have it: if the journal was posted since, check the customer's ledger for external document ${externalDocumentNumber}; Retry records it`;
  await outcome(ctx, row, order, "error", reason);
  ctx.record({ type: "payment", key: row.shopifyTransactionId, label: label(row, order), outcome: "failed", reason });
}

async function recorded(
  ctx: RunContext,
  row: OrderPaymentRow,
  order: RefundOrder,
  number: string,
  how: string,
  counts: PaymentCounts,
) {
  counts.recorded++;
  if (ctx.dryRun) return;
  await ctx.db.transaction(async (tx) => {
    await savePaymentOutcome(tx, {
      shopId: ctx.shopId,
      id: row.id,
      state: "recorded",
      orderId: order.id,
      reason: null,
      erpDocumentNumber: number,
      now: ctx.clock.now(),
    });
    await addOrderEvent(tx, {
      shopId: ctx.shopId,
      orderId: order.id,
      kind: "processed",
      message: `Payment ${transactionNumber(row.shopifyTransactionId)} (${row.gateway}): ERP payment ${number} ${how}.`,
    });
  });
}
