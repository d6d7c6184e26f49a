import { z } from "zod";

import type { DbOrTx } from "../db.ts";
import { enqueueWebhookProcessing } from "../jobs/webhook-jobs.ts";
import type { RetryJob } from "../queries/task-runs.ts";
import { findTask } from "../tasks/registry.ts";
import { enqueueRun } from "./enqueue-run.ts";

const retryPayloadSchema = z.union([z.looseObject({}), z.array(z.looseObject({}))]);

/**
 * Queue a failed run's work again, through the registry: in the task's category queue with its
 * job key (a retried shipments run cannot overlap a scheduled one, and coalesces with one already
 * waiting), as a run triggered by "retry". Webhook follow-ups (a system task) have their own key.
 */
export async function enqueueRetry(db: DbOrTx, job: RetryJob & { shopId: number }): Promise<void> {
  if (job.task === "webhook__process") {
    const input = z.object({ inboxId: z.number().int().positive() }).parse(job.payload);
    await enqueueWebhookProcessing(db, { shopId: job.shopId, inboxId: input.inboxId });
    return;
  }
  const task = findTask(job.task);
  if (!task) throw new Error(`no task ${job.task} in the registry`);
  await enqueueRun(db, task, { shopId: job.shopId, trigger: "retry", payload: retryPayloadSchema.parse(job.payload) });
}
