import { getDb } from "../db.ts";
import { enqueueShopRun } from "../jobs/shop-runs.ts";
import { clearPostingError } from "../queries/order-posting.ts";

/** "Post documents now": a manual batch with the shop's posting filter, even with the schedule off. */
export async function requestPosting(shopId: number): Promise<void> {
  await enqueueShopRun(getDb(), { task: "documents__post", shopId, trigger: "manual" });
}

/** "Retry posting" on an order: its document is a candidate again, and a batch runs. */
export async function retryPosting(shopId: number, orderId: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const cleared = await clearPostingError(tx, { shopId, orderId });
    if (cleared) await enqueueShopRun(tx, { task: "documents__post", shopId, trigger: "manual" });
    return cleared;
  });
}
