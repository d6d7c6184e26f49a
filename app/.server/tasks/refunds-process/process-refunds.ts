import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { documentInPresentment, erpCustomerOfOrder, postedInvoice } from "../../orders/order-money-facts.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  noteRefunds,
  type OrderRefundRow,
  type RefundOrder,
  refundOrdersOf,
  refundsToHandle,
  saveRefundOutcome,
} from "../../queries/order-refunds.ts";
import { noteReturns } from "../../queries/order-returns.ts";
import { singleErpLocationCodes } from "../../queries/shop-locations.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { discoverOrderChanges } from "../../shopify/order-changes-discovery.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";
import { erpDocumentLinesSchema } from "../shipments-sync/shipment-records.ts";
import { type CreditMemoContext, planCreditMemo } from "./plan-credit-memo.ts";
import {
  readRefund,
  readRefundedOrders,
  REFUNDED_ORDERS_STREAM,
  type ShopifyRefund,
  toRefundFacts,
} from "./read-refunds.ts";

/** A refund this task cannot credit as it is: an error with the reason, not a failed run. */
class RefundRefused extends Error {}

/** Refunds handled per run; more continue in the next one. */
const BATCH = 100;
const MAX_ORDER_PAGES = 10;

export interface RefundCounts {
  seen: number;
  created: number;
  imported: number;
  waiting: number;
  failed: number;
  skipped: number;
}

/**
 * "Process refunds": refunds the webhook noted, and those of orders changed since the cursor,
 * each read from Shopify with its order's other refunds, then per the shop's setting kept
 * ("import only") or made into an ERP credit memo applied to the order's posted invoice. A
 * refund of an order not yet in the ERP waits for it; one that cannot be credited is an error
 * with the reason (and a Retry).
 */
export async function processRefunds(ctx: RunContext): Promise<{ counts: RefundCounts; more: boolean }> {
  const counts: RefundCounts = { seen: 0, created: 0, imported: 0, waiting: 0, failed: 0, skipped: 0 };
  const admin = await ctx.shopify();
  let more = await discover(ctx, admin, counts);
  const rows = await refundsToHandle(ctx.db, { shopId: ctx.shopId, limit: BATCH });
  more ||= rows.length >= BATCH;
  if (rows.length === 0) return { counts, more };
  const process = ctx.settings.refunds.process;
  const adapter = process === "credit_memo" || process === "return_order" ? await ctx.erp() : null;
  const ordersById = await refundOrdersOf(ctx.db, {
    shopId: ctx.shopId,
    shopifyOrderIds: [...new Set(rows.map((r) => r.shopifyOrderId))],
  });
  const locations = new Map(Object.entries(await singleErpLocationCodes(ctx.db, ctx.shopId)));
  const byOrder = Map.groupBy(rows, (r) => r.shopifyOrderId);
  for (const [shopifyOrderId, refunds] of byOrder) {
    const order = ordersById.get(shopifyOrderId) ?? null;
    if (!order || order.status !== "processed") {
      for (const row of refunds) await wait(ctx, row, order, counts);
      continue;
    }
    for (const row of refunds) {
      const node = await readRefund(admin, row.shopifyRefundId);
      if (!node) {
        counts.skipped++;
        await outcome(ctx, row, order, "skipped", "Shopify no longer has this refund");
        continue;
      }
      try {
        await handle(ctx, adapter, { row, order, node, locations }, counts);
      } catch (error) {
        if (!isErpError(error) && !(error instanceof RefundRefused)) throw error;
        counts.failed++;
        const message = coerceError(error).message;
        await outcome(ctx, row, order, "error", message);
        ctx.record({ type: "refund", key: row.id, label: `${order.name} refund`, outcome: "failed", reason: message });
      }
    }
  }
  return { counts, more };
}

/** Refunds no webhook brought: the refund ids of orders changed since the cursor. */
async function discover(ctx: RunContext, admin: ShopifyAdmin, counts: RefundCounts): Promise<boolean> {
  const { noted, more } = await discoverOrderChanges(ctx, {
    stream: REFUNDED_ORDERS_STREAM,
    maxPages: MAX_ORDER_PAGES,
    read: async function* (cursor, options) {
      for await (const page of readRefundedOrders(admin, cursor, options)) {
        yield { items: [{ refunds: page.refunds, returns: page.returns }], next: page.next };
      }
    },
    note: async ([page]) => {
      if (!page) return 0;
      await noteReturns(ctx.db, { shopId: ctx.shopId, returns: page.returns });
      return noteRefunds(ctx.db, { shopId: ctx.shopId, refunds: page.refunds });
    },
  });
  counts.seen += noted;
  return more;
}

async function wait(ctx: RunContext, row: OrderRefundRow, order: RefundOrder | null, counts: RefundCounts) {
  counts.waiting++;
  const reason = order
    ? `waits for order ${order.name} to reach the ERP (it is ${order.status})`
    : "waits for its order to be imported";
  // Saved each time, so waiting refunds take turns with the batch instead of the oldest holding it.
  await outcome(ctx, row, order, "waiting", reason);
}

async function outcome(
  ctx: RunContext,
  row: OrderRefundRow,
  order: RefundOrder | null,
  state: OrderRefundRow["state"],
  reason: string | null,
  extra: { facts?: unknown; erpDocumentNumber?: string; shopifyCreatedAt?: Date } = {},
) {
  if (ctx.dryRun) return;
  await saveRefundOutcome(ctx.db, {
    shopId: ctx.shopId,
    id: row.id,
    state,
    orderId: order?.id ?? null,
    reason,
    now: ctx.clock.now(),
    ...extra,
  });
}

async function handle(
  ctx: RunContext,
  adapter: ErpAdapter | null,
  input: {
    row: OrderRefundRow;
    order: RefundOrder;
    node: ShopifyRefund;
    locations: ReadonlyMap<string, string>;
  },
  counts: RefundCounts,
) {
  const { row, order, node } = input;
  if (node.refundLineItems.pageInfo.hasNextPage) {
    throw new RefundRefused("the refund has more than 50 lines; make its credit memo by hand");
  }
  const snapshot = importedOrderSchema.parse(order.snapshot);
  const presentment = documentInPresentment(ctx.settings, order);
  const facts = toRefundFacts(node, presentment ? "presentment" : "shop");
  const label = `${order.name} refund ${facts.legacyId}`;
  const shopifyCreatedAt = new Date(facts.createdAt);
  if (!adapter) {
    counts.imported++;
    await outcome(ctx, row, order, "imported", null, { facts, shopifyCreatedAt });
    ctx.record({
      type: "refund",
      key: row.id,
      label,
      outcome: ctx.dryRun ? "planned" : "updated",
      reason: "imported (no ERP document: Settings → Refunds)",
    });
    return;
  }
  const context: CreditMemoContext = {
    orderName: order.name,
    customerNumber: (await erpCustomerOfOrder(ctx.db, ctx.shopId, order)) ?? "",
    ...(presentment ? { currencyCode: snapshot.presentmentCurrency } : {}),
    pricesIncludeTax: snapshot.taxesIncluded,
    invoiceNumber: await postedInvoice(adapter, order),
    items: itemsOf(order),
    locations: input.locations,
  };
  if (!context.customerNumber) {
    counts.failed++;
    const reason = `the ERP customer of order ${order.name} is not known`;
    await outcome(ctx, row, order, "error", reason, { facts });
    ctx.record({ type: "refund", key: row.id, label, outcome: "failed", reason });
    return;
  }
  const r = ctx.settings.refunds;
  const plan = planCreditMemo(facts, context, {
    refundAccount: r.refundAccount,
    nonRestockAccount: r.nonRestockAccount,
    shippingAccount: ctx.settings.orders.shippingChargesAccount,
    returnLocation: { priority: r.returnLocationPriority, code: r.defaultReturnLocation },
  });
  if (!plan.ok) {
    const nothing = plan.reason === "the refund has nothing to credit";
    counts[nothing ? "skipped" : "failed"]++;
    await outcome(ctx, row, order, nothing ? "skipped" : "error", plan.reason, { facts, shopifyCreatedAt });
    ctx.record({ type: "refund", key: row.id, label, outcome: nothing ? "skipped" : "failed", reason: plan.reason });
    return;
  }
  const document = ctx.settings.refunds.process === "return_order" ? "return order" : "credit memo";
  const what = `${document} ${plan.draft.externalDocumentNumber} for customer ${context.customerNumber}${context.invoiceNumber ? `, applied to invoice ${context.invoiceNumber}` : ""}`;
  if (ctx.dryRun) {
    ctx.record({ type: "refund", key: row.id, label, outcome: "planned", reason: `create ${what}` });
    return;
  }
  if (!ctx.writesAllowed) {
    // Stays pending: made once writes are allowed again.
    counts.skipped++;
    ctx.record({
      type: "refund",
      key: row.id,
      label,
      outcome: "skipped",
      reason: `outgoing writes are off in Settings: create ${what}`,
    });
    return;
  }
  const written =
    ctx.settings.refunds.process === "return_order"
      ? await adapter.createReturnOrder(plan.draft)
      : await adapter.createCreditMemo(plan.draft);
  counts.created++;
  await ctx.db.transaction(async (tx) => {
    await saveRefundOutcome(tx, {
      shopId: ctx.shopId,
      id: row.id,
      state: "created",
      orderId: order.id,
      reason: null,
      facts,
      erpDocumentNumber: written.ref.number,
      shopifyCreatedAt,
      now: ctx.clock.now(),
    });
    await addOrderEvent(tx, {
      shopId: ctx.shopId,
      orderId: order.id,
      kind: "processed",
      message: `Refund ${facts.legacyId}: ERP ${document} ${written.ref.number}${written.created ? " created" : " found (made by an earlier attempt)"}.`,
    });
  });
  ctx.record({ type: "refund", key: row.id, label, outcome: "created", reason: `${what}: ${written.ref.number}` });
}

/** The ERP item of each Shopify line, as the order's document has it. */
function itemsOf(order: RefundOrder): CreditMemoContext["items"] {
  const lines = erpDocumentLinesSchema.safeParse(order.erpLines);
  const items = new Map<string, { itemNumber: string; variantCode: string; locationCode: string | null }>();
  for (const line of lines.success ? lines.data : []) {
    if (line.type === "item" && line.shopifyLineId) {
      items.set(line.shopifyLineId, {
        itemNumber: line.number,
        variantCode: line.variantCode ?? "",
        locationCode: null,
      });
    }
  }
  return items;
}
