import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";

import { taskRuns } from "../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../db.ts";

export interface RetryJob {
  task: string;
  payload: unknown;
}

/** A run that failed for good: shown on the dashboard's "synchronization errors" with its reason. */
export async function recordFailedRun(
  db: DbOrTx,
  input: {
    shopId: number;
    task: string;
    category: string;
    trigger: "webhook" | "schedule" | "manual" | "system";
    attempts: number;
    errorMessage: string;
    retryJob: RetryJob | null;
  },
): Promise<void> {
  const now = new Date();
  await db.insert(taskRuns).values({
    ...input,
    status: "failed",
    errorMessage: input.errorMessage.slice(0, 2000),
    startedAt: now,
    finishedAt: now,
  });
}

/**
 * Take a failed run off the dashboard and hand back the job that redoes its work; `undefined` when
 * there is no such open, retryable run for this shop (already retried, or never retryable).
 */
export async function claimRetry(db: DbOrTx, input: { shopId: number; runId: number }): Promise<RetryJob | undefined> {
  const [row] = await db
    .update(taskRuns)
    .set({ dismissedAt: new Date() })
    .where(
      and(
        eq(taskRuns.shopId, input.shopId),
        eq(taskRuns.id, input.runId),
        eq(taskRuns.status, "failed"),
        isNull(taskRuns.dismissedAt),
        isNotNull(taskRuns.retryJob),
      ),
    )
    .returning({ retryJob: taskRuns.retryJob });
  return row?.retryJob ?? undefined;
}

/** When the shop's last succeeded (non-preview) run of a task started; null when it never ran. */
export async function lastSucceededRunStart(db: DbOrTx, input: { shopId: number; task: string }): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | null>`max(${taskRuns.startedAt})` })
    .from(taskRuns)
    .where(
      and(
        eq(taskRuns.shopId, input.shopId),
        eq(taskRuns.task, input.task),
        eq(taskRuns.status, "succeeded"),
        eq(taskRuns.dryRun, false),
      ),
    );
  return row?.at ? new Date(row.at) : null;
}
