import type { DbOrTx } from "../../db.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";

/** One pending import per shop: a burst of order webhooks coalesces into one run. */
export const importJobKey = (shopId: number) => `orders__import:${shopId}`;
/** One pending reconcile per shop, whoever asked (the schedule, the "Sync orders now" button). */
export const reconcileJobKey = (shopId: number) => `orders__reconcile:${shopId}`;

/** How long a webhook-triggered import waits for the rest of its burst. */
export const IMPORT_BATCH_DELAY_MS = 1500;

/**
 * Queue an import of one order, merged with every other order of the shop queued meanwhile.
 * The payload is an array: graphile-worker concatenates array payloads under the same job key.
 * `preserve_run_at` keeps the first webhook's run time, so a burst waits at most
 * IMPORT_BATCH_DELAY_MS; `replace` would push the run back on every webhook, and a shop with a
 * steady stream of order updates would never be imported. A job already running has released its
 * key, so a webhook arriving mid-run queues the next run instead of being lost.
 */
export async function enqueueOrderImport(
  tx: DbOrTx,
  input: { shopId: number; orderId: string; now: Date },
): Promise<void> {
  await enqueueImportEntries(tx, {
    entries: [{ shopId: input.shopId, orderId: input.orderId }],
    runAt: new Date(input.now.getTime() + IMPORT_BATCH_DELAY_MS),
  });
}

/** One order the import job is asked to read back; `attempt` counts the imports that failed it. */
export interface ImportEntry {
  shopId: number;
  orderId: string;
  attempt?: number;
}

/** Import attempts per order before it becomes a synchronization error with Retry. */
export const MAX_IMPORT_ATTEMPTS = 8;

/**
 * Queue orders into the shop's pending import (merged with what is already waiting). Orders
 * that failed are queued again this way rather than by failing the job: graphile-worker gives up
 * on a running keyed job once a new add takes its key (it sets its attempts to the maximum), so a
 * job retry would silently drop the orders it failed.
 */
export async function enqueueImportEntries(db: DbOrTx, input: { entries: ImportEntry[]; runAt: Date }): Promise<void> {
  const shopIds = new Set(input.entries.map((e) => e.shopId));
  for (const shopId of shopIds) {
    await enqueueJob(db, {
      task: "orders__import",
      payload: input.entries.filter((e) => e.shopId === shopId),
      jobKey: importJobKey(shopId),
      jobKeyMode: "preserve_run_at",
      runAt: input.runAt,
      priority: -1,
      // The job's own retries cover a crash before it could queue its failed orders again.
      maxAttempts: 3,
    });
  }
}
