import { z } from "zod";

import type { DbOrTx } from "../db.ts";
import { enqueueImportEntries } from "../orders/import/job-keys.ts";
import { requestReconcile } from "../orders/import/reconcile-orders.ts";
import type { RetryJob } from "../queries/task-runs.ts";
import { enqueueShopRun, type ShopRunTask } from "./shop-runs.ts";
import { enqueueWebhookProcessing } from "./webhook-jobs.ts";

const shopRunRetry = (task: ShopRunTask) => async (db: DbOrTx, payload: unknown) => {
  const { shopId } = z.object({ shopId: z.number().int().positive() }).parse(payload);
  await enqueueShopRun(db, { task, shopId, trigger: "manual" });
};

/**
 * How a failed run of each task is queued again: through the very helper its first run used, so a
 * retry lands in the task's category queue with its job key (a retried shipments run cannot overlap
 * a scheduled one, and coalesces with one already waiting).
 */
const RETRY_PATHS: Record<string, (db: DbOrTx, payload: unknown) => Promise<void>> = {
  shipments__sync: shopRunRetry("shipments__sync"),
  documents__post: shopRunRetry("documents__post"),
  orders__import: async (db, payload) => {
    const entries = z
      .array(z.object({ shopId: z.number().int().positive(), orderId: z.string() }))
      .min(1)
      .parse(payload);
    // A fresh count of attempts: the merchant asked for another round.
    await enqueueImportEntries(db, {
      entries: entries.map(({ shopId, orderId }) => ({ shopId, orderId })),
      runAt: new Date(),
    });
  },
  orders__reconcile: async (db, payload) => {
    const { shopId } = z.object({ shopId: z.number().int().positive() }).parse(payload);
    await requestReconcile(shopId, { db });
  },
  webhook__process: async (db, payload) => {
    const input = z
      .object({ shopId: z.number().int().positive(), inboxId: z.number().int().positive() })
      .parse(payload);
    await enqueueWebhookProcessing(db, input);
  },
};

/** Queue a failed run's work again; throws for a task with no retry path (a bug, not user input). */
export async function enqueueRetry(db: DbOrTx, job: RetryJob): Promise<void> {
  const path = RETRY_PATHS[job.task];
  if (!path) throw new Error(`no retry path for task ${job.task}`);
  await path(db, job.payload);
}
