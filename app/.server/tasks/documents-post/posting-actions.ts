import { getDb } from "../../db.ts";
import { erpAdapterForShop } from "../../erp/connections.ts";
import { clearPostingError } from "../../queries/order-posting.ts";
import { enqueueRun } from "../../runs/enqueue-run.ts";
import { documentsPostTask } from "./task.ts";

/**
 * "Post documents now": a manual batch with the shop's posting filter, even with the schedule off;
 * refused at once when there is no ERP connection or it cannot post.
 */
export async function requestPosting(shopId: number): Promise<{ ok: boolean; message: string }> {
  const adapter = await erpAdapterForShop(shopId);
  if (!adapter) return { ok: false, message: "Connect your ERP first (ERP connection)." };
  if (!(await adapter.capabilities()).posting) {
    return { ok: false, message: "This ERP connection cannot post documents." };
  }
  await enqueueRun(getDb(), documentsPostTask, { shopId, trigger: "manual" });
  return { ok: true, message: "Posting queued" };
}

/** "Retry posting" on an order: its document is a candidate again, and a batch runs. */
export async function retryPosting(shopId: number, orderId: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const cleared = await clearPostingError(tx, { shopId, orderId });
    if (cleared) await enqueueRun(tx, documentsPostTask, { shopId, trigger: "manual" });
    return cleared;
  });
}
