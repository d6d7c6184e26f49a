import type { TaskRunTrigger } from "../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../db.ts";
import { enqueueJob } from "../jobs/enqueue.ts";
import { categoryQueue } from "./categories.ts";
import type { TaskDefinition } from "./define-task.ts";

/** Attempts per run unless a task says otherwise: a transient failure gets two more tries. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * The job key of a shop's run of a task: every trigger (schedule, Run now, retry, webhook) of one
 * task shares it, so they coalesce into one waiting run. A preview has its own key (it must not
 * turn a waiting real run into a dry one), and a per-record task one per record.
 */
export function runJobKey(
  task: TaskDefinition,
  shopId: number,
  options: { dryRun?: boolean; recordKey?: string | null } = {},
) {
  return [task.name, shopId, options.recordKey ?? null, options.dryRun ? "preview" : null]
    .filter((part) => part !== null)
    .join(":");
}

/** Per-record runs run beside each other (their record's lock keeps them apart); the rest in the category queue. */
export function runQueue(task: TaskDefinition, shopId: number, recordKey: string | null): string | undefined {
  return recordKey === null ? categoryQueue(task.category, shopId) : undefined;
}

export interface EnqueueRunInput {
  shopId: number;
  trigger: TaskRunTrigger;
  dryRun?: boolean;
  /** The task's own payload fields (or, for a batched task, its items without the envelope). */
  payload?: Record<string, unknown> | Record<string, unknown>[];
  runAt?: Date;
  /** `preserve_run_at` (default) keeps the earliest time asked for; `replace` moves it. */
  jobKeyMode?: "replace" | "preserve_run_at";
}

/**
 * Queue a shop's run of a registry task: always in its category queue, under its job key, with its
 * attempts and priority. The typed helpers of each task call this; nothing else queues a task.
 * Returns the graphile-worker job id (the waiting job's, when this coalesced into it).
 */
export async function enqueueRun(db: DbOrTx, task: TaskDefinition, input: EnqueueRunInput): Promise<string | null> {
  const envelope = { shopId: input.shopId, trigger: input.trigger, ...(input.dryRun ? { dryRun: true } : {}) };
  const payload = Array.isArray(input.payload)
    ? input.payload.map((item) => ({ ...item, ...envelope }))
    : { ...input.payload, ...envelope };
  if (task.batched && !Array.isArray(payload)) throw new Error(`${task.name} takes a batched (array) payload`);
  // Validate what we queue with the task's own schema: a bad payload fails here, not in the worker.
  const parsed = task.payload.parse(payload);
  const recordKey = task.recordKey?.(parsed) ?? null;
  return enqueueJob(db, {
    task: task.name,
    payload,
    queueName: runQueue(task, input.shopId, recordKey),
    jobKey: runJobKey(task, input.shopId, { dryRun: input.dryRun, recordKey }),
    jobKeyMode: input.jobKeyMode ?? "preserve_run_at",
    ...(input.runAt ? { runAt: input.runAt } : {}),
    maxAttempts: task.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(task.priority !== undefined ? { priority: task.priority } : {}),
  });
}
