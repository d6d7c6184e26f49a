import { z } from "zod";

import { coerceError } from "../../errors/coerce-error.ts";
import { defineTask, RunFailure } from "../../runs/define-task.ts";
import { enqueueImportEntries } from "./enqueue.ts";
import { importOrders, type ImportOutcome } from "./import-orders.ts";
import { importRecord } from "./record-import-outcome.ts";

/** Import attempts per order before it becomes a synchronization error with Retry. */
export const MAX_IMPORT_ATTEMPTS = 8;

/** How long a webhook-triggered import waits for the rest of its burst. */
export const IMPORT_BATCH_DELAY_MS = 1500;

const entrySchema = z.looseObject({
  shopId: z.number().int().positive(),
  orderId: z.string().startsWith("gid://shopify/Order/"),
  /** How many imports failed this order so far. */
  attempt: z.number().int().positive().optional(),
});

/**
 * The webhook side of "Sync orders": the orders Shopify announced, read back in full. The payload
 * is an array: each order webhook adds one entry under the shop's job key and graphile-worker
 * concatenates array payloads, so one run imports the whole burst (duplicates included). Orders
 * that fail are queued again with a growing delay, never by failing the job (graphile-worker
 * gives up on a running keyed job once a new add takes its key, so a job retry would drop them);
 * after MAX_IMPORT_ATTEMPTS they are a synchronization error with Retry.
 */
export const ordersImportTask = defineTask({
  name: "orders__import",
  title: "Sync orders (webhooks)",
  description: "Reads back the orders that Shopify's order webhooks announced.",
  report: "30104",
  direction: "shopify_to_app",
  category: "orders",
  batched: true,
  payload: z.array(entrySchema).min(1),
  schedule: { partOf: "orders__reconcile" },
  priority: -1,
  // The job's own retries cover a crash before it could queue its failed orders again.
  maxAttempts: 3,
  async run(ctx, entries) {
    const attempts = new Map<string, number>();
    for (const { orderId, attempt = 1 } of entries) {
      attempts.set(orderId, Math.max(attempt, attempts.get(orderId) ?? 0));
    }
    const orderIds = [...attempts.keys()];
    ctx.progress({ done: 0, total: orderIds.length });
    const outcomes: ImportOutcome[] = await importOrders(ctx.shopId, orderIds, {
      admin: await ctx.shopify(),
      db: ctx.db,
      settings: ctx.settings,
      dryRun: ctx.dryRun,
    }).catch((error: unknown) =>
      orderIds.map((shopifyOrderId) => ({ shopifyOrderId, action: "failed" as const, error })),
    );
    outcomes.forEach((outcome) => ctx.record(importRecord(outcome)));
    ctx.progress({ done: orderIds.length });
    ctx.summarize(`read back ${orderIds.length} order(s)`);

    const failed = outcomes.filter((o) => o.action === "failed");
    const attemptOf = (o: ImportOutcome) => attempts.get(o.shopifyOrderId) ?? 1;
    // A preview queues nothing: its failures are on its run, the real import retries on its own.
    const again = ctx.dryRun ? [] : failed.filter((o) => attemptOf(o) < MAX_IMPORT_ATTEMPTS);
    if (again.length > 0) {
      const next = Math.min(...again.map(attemptOf)) + 1;
      await enqueueImportEntries(ctx.db, {
        shopId: ctx.shopId,
        trigger: ctx.trigger,
        entries: again.map((o) => ({ orderId: o.shopifyOrderId, attempt: attemptOf(o) + 1 })),
        // 2 s, 4 s, … 64 s: a THROTTLED burst or a Shopify hiccup clears well within the attempts.
        runAt: new Date(ctx.clock.now().getTime() + Math.min(64, 2 ** (next - 1)) * 1000),
      });
      ctx.log.warn(`${again.length} order(s) not imported yet, queued again: ${describe(again)}`);
    }
    const exhausted = failed.filter((o) => attemptOf(o) >= MAX_IMPORT_ATTEMPTS);
    if (exhausted.length > 0) {
      throw new RunFailure(`orders not imported:\n${describe(exhausted)}`, {
        retryPayload: exhausted.map((o) => ({ orderId: o.shopifyOrderId })),
      });
    }
  },
});

function describe(outcomes: ImportOutcome[]): string {
  return outcomes.map((o) => `${o.shopifyOrderId}: ${coerceError(o.error).message}`).join("\n");
}
