import type { TaskRunTrigger } from "../../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../../db.ts";
import { enqueueRun } from "../../runs/enqueue-run.ts";
import { IMPORT_BATCH_DELAY_MS, ordersImportTask } from "./import-task.ts";
import { ordersSyncTask } from "./task.ts";

/**
 * Queue orders into the shop's pending import, merged with what is already waiting.
 * `preserve_run_at` keeps the first webhook's run time, so a burst waits at most
 * IMPORT_BATCH_DELAY_MS; `replace` would push the run back on every webhook, and a shop with a
 * steady stream of order updates would never be imported. A job already running has released its
 * key, so a webhook arriving mid-run queues the next run instead of being lost.
 */
export async function enqueueImportEntries(
  db: DbOrTx,
  input: {
    shopId: number;
    trigger: TaskRunTrigger;
    entries: { orderId: string; attempt?: number }[];
    runAt: Date;
  },
): Promise<void> {
  if (input.entries.length === 0) return;
  await enqueueRun(db, ordersImportTask, {
    shopId: input.shopId,
    trigger: input.trigger,
    payload: input.entries.map((e) => ({ orderId: e.orderId, ...(e.attempt ? { attempt: e.attempt } : {}) })),
    runAt: input.runAt,
  });
}

/** One order a webhook (or "re-import") announced. */
export async function enqueueOrderImport(
  db: DbOrTx,
  input: { shopId: number; orderId: string; now: Date; trigger?: TaskRunTrigger },
): Promise<void> {
  await enqueueImportEntries(db, {
    shopId: input.shopId,
    trigger: input.trigger ?? "webhook",
    entries: [{ orderId: input.orderId }],
    runAt: new Date(input.now.getTime() + IMPORT_BATCH_DELAY_MS),
  });
}

/** "Sync orders now": a reconcile as soon as the shop's orders queue is free (merged with one waiting). */
export async function requestReconcile(db: DbOrTx, input: { shopId: number; dryRun?: boolean }) {
  return enqueueRun(db, ordersSyncTask, { shopId: input.shopId, trigger: "manual", dryRun: input.dryRun });
}
