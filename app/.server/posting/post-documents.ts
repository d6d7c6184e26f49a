import { isErpError } from "../adapters/erp/errors.ts";
import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { runOperation } from "../adapters/shopify/admin-port.ts";
import { ORDER_CLOSE_MUTATION } from "../adapters/shopify/fulfillment-queries.ts";
import { WRITES_OFF_REASON } from "../adapters/writes-disabled.ts";
import { type Db, getDb } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import { addOrderEvent } from "../queries/order-events.ts";
import {
  listPostingCandidates,
  markOrderPosted,
  markOrderPostingFailed,
  markShopifyOrderClosed,
  type PostingCandidate,
} from "../queries/order-posting.ts";
import { getShopSettings } from "../queries/shops.ts";
import { recordSkipped, resolveSkipped } from "../queries/skipped-records.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { importedOrderSchema } from "../sync/orders/imported-order.ts";

export interface PostDocumentsResult {
  skipped?: "no ERP connection" | "the ERP cannot post documents";
  outcomes: Array<{
    orderName: string;
    documentNumber: string;
    result: "posted" | "error" | "skipped";
    message: string | null;
  }>;
  /** The ERP's request budget ran out: the rest waits for the follow-up run queued at this time. */
  pausedUntil: Date | null;
  continued: boolean;
}

/**
 * Batch posting (BC reports 296/297 "Batch Post Sales Orders/Invoices") of the ERP documents made
 * from Shopify orders that pass the shop's filter: sales orders are shipped and invoiced, invoices
 * posted. One document failing does not stop the batch; its error is kept on the order and it
 * is not tried again until the merchant retries it. Optionally closes the Shopify order after.
 */
export async function postDocuments(
  shopId: number,
  options: { trigger?: "schedule" | "manual"; db?: Db; adapter?: ErpAdapter; admin?: ShopifyAdmin; now?: Date } = {},
): Promise<PostDocumentsResult> {
  const db = options.db ?? getDb();
  const settings = await getShopSettings(db, shopId);
  const none = { outcomes: [], pausedUntil: null, continued: false };
  const adapter = options.adapter ?? (await erpAdapterForShop(shopId));
  if (!adapter) return { skipped: "no ERP connection", ...none };
  if (!(await adapter.capabilities()).posting) return { skipped: "the ERP cannot post documents", ...none };

  const now = options.now ?? new Date();
  const batch = await listPostingCandidates(db, {
    shopId,
    processedBefore: new Date(now.getTime() - settings.posting.olderThanHours * 3_600_000),
    onlyFulfilled: settings.posting.onlyFulfilled,
    onlyPaid: settings.posting.onlyPaid,
    limit: settings.posting.batchSize,
  });
  if (!settings.allowOutgoingWrites) {
    // The kill switch: nothing is posted; each document is a skipped record with the reason and
    // stays a candidate, so it posts once writes are back on. No follow-up run: it would skip again.
    const outcomes = [];
    for (const order of batch) outcomes.push(await skipPosting(db, shopId, order));
    return { outcomes, pausedUntil: null, continued: false };
  }
  const outcomes: PostDocumentsResult["outcomes"] = [];
  let admin = options.admin;
  for (const order of batch) {
    const result = await postOne(db, adapter, shopId, order);
    if (result.kind === "paused") {
      // The ERP's request budget is spent: the run continues once it frees (the task queues it).
      const pausedUntil = new Date(Date.now() + result.retryAfterMs);
      return { outcomes, pausedUntil, continued: true };
    }
    outcomes.push({
      orderName: order.name,
      documentNumber: order.erpDocumentNumber ?? "",
      result: result.kind,
      message: result.message,
    });
    if (result.kind === "posted" && settings.posting.closeShopifyOrders) {
      admin ??= await shopifyAdminForShopId(shopId);
      await closeShopifyOrder(db, admin, shopId, order, settings);
    }
  }
  const continued = batch.length === settings.posting.batchSize;
  return { outcomes, pausedUntil: null, continued };
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

async function skipPosting(
  db: Db,
  shopId: number,
  order: PostingCandidate,
): Promise<PostDocumentsResult["outcomes"][number]> {
  const message = `${WRITES_OFF_REASON}: ${describeDocument(order)} of ${order.name} was not posted.`;
  await recordSkipped(db, { ...postingSkipKey(shopId, order), reason: message });
  await addOrderEvent(db, { shopId, orderId: order.id, kind: "skipped", message });
  return { orderName: order.name, documentNumber: order.erpDocumentNumber ?? "", result: "skipped", message };
}

async function postOne(db: Db, adapter: ErpAdapter, shopId: number, order: PostingCandidate): Promise<PostOne> {
  const type = order.erpDocumentType ?? "order";
  const what = describeDocument(order);
  try {
    await adapter.postDocument({ type, id: order.erpDocumentId ?? "" });
    await resolveSkipped(db, postingSkipKey(shopId, order));
    await markOrderPosted(db, { shopId, orderId: order.id, at: new Date() });
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
        await markOrderPosted(db, { shopId, orderId: order.id, at: new Date() });
        await addOrderEvent(db, { shopId, orderId: order.id, kind: "posted", message });
        return { kind: "posted", message };
      }
    }
    const detail = isErpError(error) ? (error.userMessage ?? error.message) : String(error);
    const message = `Posting ${what} failed: ${detail}`;
    await markOrderPostingFailed(db, { shopId, orderId: order.id, message });
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "posting_error", message });
    return { kind: "error", message };
  }
}

/** BC "Archive Processed Orders": only an order that is paid and fulfilled in Shopify is closed. */
async function closeShopifyOrder(
  db: Db,
  admin: ShopifyAdmin,
  shopId: number,
  order: PostingCandidate,
  settings: ShopSettings,
): Promise<void> {
  const snapshot = importedOrderSchema.safeParse(order.snapshot);
  if (!snapshot.success || snapshot.data.closed) return;
  if (snapshot.data.financialStatus !== "PAID" || snapshot.data.fulfillmentStatus !== "FULFILLED") return;
  if (!settings.allowOutgoingWrites) return;
  try {
    const data = await runOperation(admin, ORDER_CLOSE_MUTATION, { input: { id: order.shopifyOrderId } });
    const problem = data.orderClose?.userErrors[0];
    if (problem) throw new Error(problem.message);
    await markShopifyOrderClosed(db, { shopId, orderId: order.id, at: new Date() });
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "closed", message: "Shopify order closed (archived)." });
  } catch (error) {
    // Closing is a courtesy: the posting stands, and the order's history says why it stayed open.
    const message = `The Shopify order was not closed: ${error instanceof Error ? error.message : String(error)}`;
    await addOrderEvent(db, { shopId, orderId: order.id, kind: "error", message });
  }
}
