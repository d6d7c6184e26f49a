import type { TaskRunTrigger } from "../../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../../db.ts";
import { enqueueRun } from "../../runs/enqueue-run.ts";
import { ordersProcessTask } from "./task.ts";

/** One keyed run per order: a burst (import, button, retry) leaves one waiting run of each order. */
export async function enqueueOrderProcessing(
  db: DbOrTx,
  input: { shopId: number; orderIds: readonly number[]; trigger?: TaskRunTrigger; runAt?: Date },
): Promise<void> {
  for (const orderId of input.orderIds) {
    await enqueueRun(db, ordersProcessTask, {
      shopId: input.shopId,
      trigger: input.trigger ?? "webhook",
      payload: { orderId },
      ...(input.runAt ? { runAt: input.runAt, jobKeyMode: "replace" as const } : {}),
    });
  }
}

/** "Process orders now" (or its preview): every waiting order, in the shop's order-documents queue. */
export async function requestOrderProcessing(db: DbOrTx, input: { shopId: number; dryRun?: boolean }) {
  return enqueueRun(db, ordersProcessTask, { shopId: input.shopId, trigger: "manual", dryRun: input.dryRun });
}
