import { getDb } from "../db.ts";
import { requestOrderProcessing } from "../tasks/orders-process/enqueue.ts";
import { requestReconcile } from "../tasks/orders-sync/enqueue.ts";

/** The orders list's "Sync orders": one reconcile run of the shop, coalesced with a waiting one. */
export async function requestOrderSync(shopId: number): Promise<void> {
  await requestReconcile(getDb(), { shopId });
}

/** The orders list's "Process waiting orders": one run over every order waiting for its ERP document. */
export async function requestWaitingOrdersProcessing(shopId: number): Promise<void> {
  await requestOrderProcessing(getDb(), { shopId });
}
