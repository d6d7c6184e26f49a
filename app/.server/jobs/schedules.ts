import type { Db } from "../db.ts";
import { reconcileJobKey } from "../orders/import/job-keys.ts";
import { listInstalledShops } from "../queries/background-shops.ts";
import { enqueueJob } from "./enqueue.ts";
import { enqueueShopRun } from "./shop-runs.ts";

/** Minutes between two scheduled order reconciles of one shop. */
export const ORDER_RECONCILE_EVERY_MINUTES = 5;

/**
 * Is this minute the shop's reconcile slot? Shops are spread over the interval by id, so the
 * minute tick enqueues a fifth of them each time instead of every shop at once, with no state.
 */
export function isReconcileMinute(shopId: number, now: Date): boolean {
  return isShopSlot(shopId, now, ORDER_RECONCILE_EVERY_MINUTES);
}

/** The same spreading for any interval in minutes (every minute when 1). */
export function isShopSlot(shopId: number, now: Date, everyMinutes: number): boolean {
  const minute = Math.floor(now.getTime() / 60_000);
  return minute % everyMinutes === shopId % everyMinutes;
}

export interface DueSchedules {
  reconciles: number;
  processRuns: number;
  shipmentRuns: number;
  postingRuns: number;
}

/**
 * The per-shop schedules the minute tick fans out for each installed shop that allows background
 * syncs: every ORDER_RECONCILE_EVERY_MINUTES an order reconcile (when it imports orders) and a run
 * that processes pending orders; shipments and posting at the shop's own intervals. Keyed per
 * shop with `preserve_run_at`: a backfilled tick or a run already queued does not add a second.
 */
export async function enqueueDueSchedules(db: Db, now: Date): Promise<DueSchedules> {
  const due: DueSchedules = { reconciles: 0, processRuns: 0, shipmentRuns: 0, postingRuns: 0 };
  for (const shop of await listInstalledShops(db)) {
    if (!shop.settings.allowBackgroundSyncs) continue;
    const { shipments, posting } = shop.settings;
    if (shipments.enabled && isShopSlot(shop.id, now, shipments.everyMinutes)) {
      await enqueueShopRun(db, { task: "shipments__sync", shopId: shop.id, trigger: "schedule", runAt: now });
      due.shipmentRuns += 1;
    }
    if (posting.enabled && isShopSlot(shop.id, now, posting.everyMinutes)) {
      await enqueueShopRun(db, { task: "documents__post", shopId: shop.id, trigger: "schedule", runAt: now });
      due.postingRuns += 1;
    }
    if (!isReconcileMinute(shop.id, now)) continue;
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
    due.processRuns += 1;
    if (!shop.settings.orders.importEnabled) continue;
    await enqueueJob(db, {
      task: "orders__reconcile",
      payload: { shopId: shop.id, trigger: "schedule" },
      jobKey: reconcileJobKey(shop.id),
      jobKeyMode: "preserve_run_at",
      runAt: now,
      maxAttempts: 3,
    });
    due.reconciles += 1;
  }
  return due;
}
