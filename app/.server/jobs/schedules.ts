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
 * The per-shop schedules the minute tick fans out: an order reconcile for each installed shop that
 * allows background syncs and imports orders, every ORDER_RECONCILE_EVERY_MINUTES. Keyed per shop
 * with `preserve_run_at`: a backfilled tick or a reconcile already queued does not add a second.
 */
export async function enqueueDueSchedules(db: Db, now: Date): Promise<{ reconciles: number }> {
  let reconciles = 0;
  for (const shop of await listInstalledShops(db)) {
    if (!shop.settings.allowBackgroundSyncs || !shop.settings.orders.importEnabled) continue;
    if (!isReconcileMinute(shop.id, now)) continue;
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
  return { reconciles };
}
