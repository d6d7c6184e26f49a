import { z } from "zod";

import { listProcessableOrderIds } from "../../queries/order-processing.ts";
import { defineTask, type RecordResult, type RunContext } from "../../runs/define-task.ts";
import { enqueueOrderProcessing } from "./enqueue.ts";
import { previewOrder } from "./preview-order.ts";
import { processOrder, type ProcessOutcome, RetryProcessingError } from "./process-order.ts";

/** Most orders one scheduled run or button press takes; the rest continue in the next run. */
export const PENDING_BATCH = 500;
/** Orders of one run processed side by side (BC allows 5 requests in flight per connection). */
const IN_PARALLEL = 4;

/**
 * "Process orders" (BC report 30103): imported orders into ERP sales orders or invoices, exactly
 * once. With an `orderId` a run is one order (queued by its import, keyed per order, outside the
 * category queue: the order's row lock keeps two runs of it apart and a shop's orders go in
 * parallel, up to BC's limit); without, it takes every order that is waiting and not blocked by
 * an open mapping. Its preview resolves each order with ERP reads only and records the document it
 * would create ("would create an ERP sales order with 3 lines for customer C00010"), writing
 * nothing to the ERP, Shopify or the order rows.
 */
export const ordersProcessTask = defineTask({
  name: "orders__process",
  title: "Process orders",
  description:
    "Creates the ERP sales document of each imported order (with import, and on this schedule for the rest).",
  report: "30103",
  direction: "app_to_erp",
  category: "order-documents",
  payload: z.looseObject({ shopId: z.number().int().positive(), orderId: z.number().int().positive().optional() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  requires: { erp: true },
  recordKey: (payload) => (payload.orderId === undefined ? null : String(payload.orderId)),
  maxAttempts: 25,
  priority: -1,
  preview: true,
  async run(ctx, payload) {
    if (payload.orderId !== undefined) {
      await processOne(ctx, payload.orderId);
      return;
    }
    const orderIds = await listProcessableOrderIds(ctx.db, { shopId: ctx.shopId, limit: PENDING_BATCH });
    ctx.progress({ done: 0, total: orderIds.length });
    let done = 0;
    for (let i = 0; i < orderIds.length; i += IN_PARALLEL) {
      const settled = await Promise.allSettled(orderIds.slice(i, i + IN_PARALLEL).map((id) => processOne(ctx, id)));
      done += settled.length;
      ctx.progress({ done });
      const stopped = settled.find((s) => s.status === "rejected");
      if (stopped?.status === "rejected") throw stopped.reason;
    }
    // A preview looks at one batch: the executor queues no continuation for it.
    if (orderIds.length === PENDING_BATCH && !ctx.dryRun) {
      ctx.continueLater({ reason: `${PENDING_BATCH} orders done, continuing` });
    }
    ctx.summarize(`${orderIds.length} order(s) waiting for their ERP document`);
  },
});

async function processOne(ctx: RunContext, orderId: number): Promise<void> {
  const erp = await ctx.erp();
  if (ctx.dryRun) {
    ctx.record(await previewOrder({ db: ctx.db, adapter: erp, shopId: ctx.shopId, orderId, settings: ctx.settings }));
    return;
  }
  try {
    const outcome = await processOrder(ctx.shopId, orderId, {
      db: ctx.db,
      erp,
      shopify: () => ctx.shopify(),
      writesAllowed: ctx.writesAllowed,
    });
    ctx.record(processRecord(orderId, outcome));
  } catch (error) {
    // The ERP said when to come back (its request budget, a Retry-After): queue the order for then.
    if (!(error instanceof RetryProcessingError) || error.erpError.retryAfterMs === undefined) throw error;
    const retryAfterMs = error.erpError.retryAfterMs;
    ctx.record({ type: "order", key: orderId, outcome: "skipped", reason: `ERP busy, queued again: ${error.message}` });
    await enqueueOrderProcessing(ctx.db, {
      shopId: ctx.shopId,
      orderIds: [orderId],
      trigger: "continuation",
      runAt: new Date(ctx.clock.now().getTime() + retryAfterMs + 250),
    });
  }
}

function processRecord(orderId: number, outcome: ProcessOutcome): RecordResult {
  const base = { type: "order", key: orderId };
  switch (outcome.kind) {
    case "processed":
      return {
        ...base,
        outcome: outcome.created ? "created" : "unchanged",
        reason: `ERP ${outcome.documentType} ${outcome.documentNumber}${outcome.created ? "" : " (found, already made)"}`,
      };
    case "left_alone":
      return { ...base, outcome: "unchanged", reason: `left alone: ${outcome.reason.replace("_", " ")}` };
    case "skipped":
      return { ...base, outcome: "skipped", reason: outcome.reason };
    case "waiting":
      return { ...base, outcome: "skipped", reason: `waiting for a ${outcome.waitingOn.replace("_", " ")}` };
    case "error":
      return { ...base, outcome: "failed", reason: outcome.message };
  }
}
