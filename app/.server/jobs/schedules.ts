import type { Db } from "../db.ts";
import { reconcileJobKey } from "../orders/import/job-keys.ts";
import { listInstalledShops } from "../queries/background-shops.ts";
import { enqueueJob } from "./enqueue.ts";

/** Minutes between two scheduled order reconciles of one shop. */
export const ORDER_RECONCILE_EVERY_MINUTES = 5;

/**
 * Is this minute the shop's reconcile slot? Shops are spread over the interval by id, so the
 * minute tick enqueues a fifth of them each time instead of every shop at once, with no state.
 */
export function isReconcileMinute(shopId: number, now: Date): boolean {
  const minute = Math.floor(now.getTime() / 60_000);
  return minute % ORDER_RECONCILE_EVERY_MINUTES === shopId % ORDER_RECONCILE_EVERY_MINUTES;
}

/**
 * The per-shop schedules the minute tick fans out, every ORDER_RECONCILE_EVERY_MINUTES for each
 * installed shop that allows background syncs: an order reconcile (when it imports orders) and a
 * run that processes pending orders. Keyed per shop
 * with `preserve_run_at`: a backfilled tick or a reconcile already queued does not add a second.
 */
export async function enqueueDueSchedules(db: Db, now: Date): Promise<{ reconciles: number; processRuns: number }> {
  let reconciles = 0;
  let processRuns = 0;
  for (const shop of await listInstalledShops(db)) {
    if (!shop.settings.allowBackgroundSyncs || !isReconcileMinute(shop.id, now)) continue;
    // The scheduled "create sales documents" run (BC report 30103): picks up orders left in error,
    // and, with auto-process off, everything imported since the last run.
    await enqueueJob(db, {
      task: "orders__process_pending",
      payload: { shopId: shop.id },
      jobKey: `orders__process_pending:${shop.id}`,
      jobKeyMode: "preserve_run_at",
      runAt: now,
      maxAttempts: 3,
    });
    processRuns += 1;
    if (!shop.settings.orders.importEnabled) continue;
    await enqueueJob(db, {
      task: "orders__reconcile",
      payload: { shopId: shop.id, trigger: "schedule" },
      jobKey: reconcileJobKey(shop.id),
      jobKeyMode: "preserve_run_at",
      runAt: now,
      maxAttempts: 3,
    });
    reconciles += 1;
  }
  return { reconciles, processRuns };
}
