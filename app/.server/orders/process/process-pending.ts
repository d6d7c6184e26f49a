import { getDb } from "../../db.ts";
import { listProcessableOrderIds } from "../../queries/order-processing.ts";
import { enqueueOrderProcessing } from "./enqueue-processing.ts";

/** Most orders one scheduled run or button press enqueues; the next run takes the rest. */
export const PENDING_BATCH = 500;

/**
 * For the scheduled task and the "process orders" button: one keyed job per order that is
 * unprocessed or failed and not waiting on a mapping that is still open.
 */
export async function processPendingOrders(shopId: number): Promise<{ enqueued: number }> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const orderIds = await listProcessableOrderIds(tx, { shopId, limit: PENDING_BATCH });
    await enqueueOrderProcessing(tx, { shopId, orderIds });
    return { enqueued: orderIds.length };
  });
}
