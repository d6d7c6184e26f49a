import type { Tx } from "../../db.ts";
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
export async function enqueueOrderImport(tx: Tx, input: { shopId: number; orderId: string; now: Date }): Promise<void> {
  await enqueueJob(tx, {
    task: "orders__import",
    payload: [{ shopId: input.shopId, orderId: input.orderId }],
    jobKey: importJobKey(input.shopId),
    jobKeyMode: "preserve_run_at",
    runAt: new Date(input.now.getTime() + IMPORT_BATCH_DELAY_MS),
    priority: -1,
    maxAttempts: 8,
  });
}
