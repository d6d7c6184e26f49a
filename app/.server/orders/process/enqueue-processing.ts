import type { DbOrTx } from "../../db.ts";
import { enqueueJob, type JobSpec } from "../../jobs/enqueue.ts";

/**
 * The job that turns one order into its ERP document. Keyed by the order, so a burst (import,
 * button, scheduled run) leaves one pending job. No named queue: the order row lock keeps one
 * order to one worker, and an advisory lock per buyer keeps two orders of a new buyer from
 * creating the ERP customer twice; a shop's orders may run in parallel (BC's limit is the throttle's).
 */
export function processOrderJob(shopId: number, orderId: number): JobSpec {
  return {
    task: "orders__process",
    payload: { shopId, orderId },
    jobKey: `orders__process:${shopId}:${orderId}`,
    // Ahead of the webhook backlog: under a burst of thousands of deliveries, orders already
    // imported should not wait for every other webhook to be read first.
    priority: -1,
  };
}

export async function enqueueOrderProcessing(db: DbOrTx, input: { shopId: number; orderIds: readonly number[] }) {
  for (const orderId of input.orderIds) await enqueueJob(db, processOrderJob(input.shopId, orderId));
}
