import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { ORDER_CLOSE_MUTATION } from "../../adapters/shopify/fulfillment-queries.ts";
import { WRITES_OFF_REASON } from "../../adapters/writes-disabled.ts";
import type { Db } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  listPostingCandidates,
  markOrderPosted,
  markOrderPostingFailed,
  markShopifyOrderClosed,
  type PostingCandidate,
} from "../../queries/order-posting.ts";
import { recordSkipped, resolveSkipped } from "../../queries/skipped-records.ts";
import type { RecordResult, RunContext } from "../../runs/define-task.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";

export interface PostDocumentsResult {
  /** Documents of this batch: posted, failed, skipped, or (a preview) planned. */
  handled: number;
  /** The ERP's request budget ran out: the rest waits for the follow-up run queued at this time. */
  pausedUntil: Date | null;
  continued: boolean;
}

/**
 * Batch posting (BC reports 296/297 "Batch Post Sales Orders/Invoices") of the ERP documents made
 * from Shopify orders that pass the shop's filter: sales orders are shipped and invoiced, invoices
 * posted. One document failing does not stop the batch; its error is kept on the order and it
 * is not tried again until the merchant retries it. Optionally closes the Shopify order after.
 * Each document is a record of the run, keyed by the order (its page shows the posting runs).
 * A preview lists the batch as planned records and touches nothing.
 */
export async function postDocuments(ctx: RunContext): Promise<PostDocumentsResult> {
  const { db, shopId, settings } = ctx;
  const adapter = await ctx.erp();
  const now = ctx.clock.now();
  const batch = await listPostingCandidates(db, {
    shopId,
    processedBefore: new Date(now.getTime() - settings.posting.olderThanHours * 3_600_000),
    onlyFulfilled: settings.posting.onlyFulfilled,
    onlyPaid: settings.posting.onlyPaid,
    limit: settings.posting.batchSize,
  });
  const continued = batch.length === settings.posting.batchSize;
  ctx.progress({ done: 0, total: batch.length });
  if (ctx.dryRun) {
    for (const order of batch) ctx.record(orderRecord(order, "planned", plannedPosting(order, settings)));
    ctx.progress({ done: batch.length });
    return { handled: batch.length, pausedUntil: null, continued };
  }
  if (!ctx.writesAllowed) {
    // The kill switch: nothing is posted; each document is a skipped record with the reason and
    // stays a candidate, so it posts once writes are back on. No follow-up run: it would skip again.
    let done = 0;
    for (const order of batch) {
      ctx.record(orderRecord(order, "skipped", await skipPosting(db, shopId, order)));
      ctx.progress({ done: ++done });
    }
    return { handled: batch.length, pausedUntil: null, continued: false };
  }
  let admin: ShopifyAdmin | undefined;
  let done = 0;
  for (const order of batch) {
    const result = await postOne(ctx, adapter, order);
    if (result.kind === "paused") {
      // The ERP's request budget is spent: the run continues once it frees (the task queues it).
      const pausedUntil = new Date(ctx.clock.now().getTime() + result.retryAfterMs);
      return { handled: done, pausedUntil, continued: true };
    }
    ctx.record(
      orderRecord(
        order,
        result.kind === "posted" ? "updated" : "failed",
        result.message ?? `${describeDocument(order)} posted.`,
      ),
    );
    ctx.progress({ done: ++done });
    if (result.kind === "posted" && settings.posting.closeShopifyOrders) {
      admin ??= await ctx.shopify();
      await closeShopifyOrder(ctx, admin, order);
    }
  }
  return { handled: batch.length, pausedUntil: null, continued };
}

/** "#1001 (ERP sales order S-ORD101005)", keyed by orders.id so the order's page lists the run. */
function orderRecord(order: PostingCandidate, outcome: RecordResult["outcome"], reason: string): RecordResult {
  return { type: "order", key: order.id, label: `${order.name} (${describeDocument(order)})`, outcome, reason };
}

/** What a preview says of one candidate: "would ship and invoice sales order S-ORD101005 (#1001)". */
function plannedPosting(order: PostingCandidate, settings: ShopSettings): string {
  const number = order.erpDocumentNumber ?? "";
  const action =
    (order.erpDocumentType ?? "order") === "order"
      ? `would ship and invoice sales order ${number} (${order.name})`
      : `would post sales invoice ${number} (${order.name})`;
  return settings.posting.closeShopifyOrders && closable(order)
    ? `${action}, then close the Shopify order`
    : `${action}.`;
}

type PostOne =
  | { kind: "posted"; message: string | null }
  | { kind: "error"; message: string }
  | { kind: "paused"; retryAfterMs: number };

const describeDocument = (order: PostingCandidate) =>
  `ERP sales ${order.erpDocumentType ?? "order"} ${order.erpDocumentNumber ?? ""}`.trim();
const postingSkipKey = (shopId: number, order: PostingCandidate) => ({
  shopId,
  entity: "erp-document-posting",
  recordKey: order.erpDocumentNumber ?? order.shopifyOrderId,
});

async function skipPosting(db: Db, shopId: number, order: PostingCandidate): Promise<string> {
  const message = `${WRITES_OFF_REASON}: ${describeDocument(order)} of ${order.name} was not posted.`;
  await recordSkipped(db, { ...postingSkipKey(shopId, order), reason: message });
  await addOrderEvent(db, { shopId, orderId: order.id, kind: "skipped", message });
  return message;
}

async function postOne(ctx: RunContext, adapter: ErpAdapter, order: PostingCandidate): Promise<PostOne> {
  const { db, shopId } = ctx;
  const type = order.erpDocumentType ?? "order";
  const what = describeDocument(order);
  try {
    await adapter.postDocument({ type, id: order.erpDocumentId ?? "" });
    await resolveSkipped(db, postingSkipKey(shopId, order));
    await markOrderPosted(db, { shopId, orderId: order.id, at: ctx.clock.now() });
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "posted", message: `${what} posted.` });
    return { kind: "posted", message: null };
  } catch (error) {
    if (isErpError(error) && error.code === "RATE_LIMITED") {
      return { kind: "paused", retryAfterMs: error.retryAfterMs ?? 60_000 };
    }
    if (isErpError(error) && error.code === "NOT_FOUND") {
      // Posted in the ERP by someone else: a posted order leaves the order list for its invoice.
      const found = await adapter.findSalesDocument(order.name).catch(() => null);
      if (found?.source === "salesInvoice") {
        const message = `${what} was already posted in the ERP (invoice ${found.number}).`;
        await markOrderPosted(db, { shopId, orderId: order.id, at: ctx.clock.now() });
        await addOrderEvent(db, { shopId, orderId: order.id, kind: "posted", message });
        return { kind: "posted", message };
      }
    }
    const detail = isErpError(error) ? (error.userMessage ?? error.message) : coerceError(error).message;
    const message = `Posting ${what} failed: ${detail}`;
    await markOrderPostingFailed(db, { shopId, orderId: order.id, message });
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "posting_error", message });
    return { kind: "error", message };
  }
}

/** BC "Archive Processed Orders": only an order that is paid and fulfilled in Shopify is closed. */
function closable(order: PostingCandidate): boolean {
  const snapshot = importedOrderSchema.safeParse(order.snapshot);
  if (!snapshot.success || snapshot.data.closed) return false;
  return snapshot.data.financialStatus === "PAID" && snapshot.data.fulfillmentStatus === "FULFILLED";
}

async function closeShopifyOrder(ctx: RunContext, admin: ShopifyAdmin, order: PostingCandidate): Promise<void> {
  const { db, shopId } = ctx;
  if (!closable(order) || !ctx.writesAllowed) return;
  try {
    const data = await runOperation(admin, ORDER_CLOSE_MUTATION, { input: { id: order.shopifyOrderId } });
    const problem = data.orderClose?.userErrors[0];
    if (problem) throw new Error(problem.message);
    await markShopifyOrderClosed(db, { shopId, orderId: order.id, at: ctx.clock.now() });
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "closed", message: "Shopify order closed (archived)." });
  } catch (error) {
    // Closing is a courtesy: the posting stands, and the order's history says why it stayed open.
    const message = `The Shopify order was not closed: ${coerceError(error).message}`;
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "error", message });
  }
}
