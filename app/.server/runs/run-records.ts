import { and, eq, sql } from "drizzle-orm";

import { taskRunRecords } from "../../../db/schema/task-run-records.ts";
import { type RunCounts, taskRuns, type TaskRunStatus, type TaskRunTrigger } from "../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../db.ts";
import type { RecordResult } from "./define-task.ts";

export const emptyCounts = (): RunCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  planned: 0,
});

/**
 * A run starts: one row per attempt. A row of the same job still `running` belongs to an attempt
 * whose worker died (the sweep released its job, or it was SIGKILLed and retried): it is marked
 * interrupted, and this attempt is a new run.
 */
export async function startRun(
  db: DbOrTx,
  input: {
    shopId: number;
    task: string;
    category: string;
    trigger: TaskRunTrigger;
    dryRun: boolean;
    jobId: number | null;
    attempts: number;
    now: Date;
  },
): Promise<number> {
  if (input.jobId !== null) {
    await db
      .update(taskRuns)
      .set({
        status: "interrupted",
        finishedAt: input.now,
        errorMessage: "The worker running this stopped before the run ended; it was started again.",
      })
      .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.jobId, input.jobId), eq(taskRuns.status, "running")));
  }
  const [row] = await db
    .insert(taskRuns)
    .values({
      shopId: input.shopId,
      task: input.task,
      category: input.category,
      trigger: input.trigger,
      dryRun: input.dryRun,
      jobId: input.jobId,
      attempts: input.attempts,
      status: "running",
      queuedAt: input.now,
      startedAt: input.now,
      heartbeatAt: input.now,
    })
    .returning({ id: taskRuns.id });
  return row!.id;
}

export interface RunProgressWrite {
  done: number;
  total: number | null;
  counts: RunCounts;
  at: Date;
}

export async function writeRunProgress(db: DbOrTx, input: { shopId: number; runId: number } & RunProgressWrite) {
  await db
    .update(taskRuns)
    .set({ progressDone: input.done, progressTotal: input.total, counts: input.counts, heartbeatAt: input.at })
    .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.id, input.runId)));
}

/** One insert for a batch of outcomes (the run context buffers them). */
export async function insertRunRecords(
  db: DbOrTx,
  input: { shopId: number; runId: number; records: readonly (RecordResult & { at: Date })[] },
): Promise<void> {
  if (input.records.length === 0) return;
  await db.insert(taskRunRecords).values(
    input.records.map((r) => ({
      shopId: input.shopId,
      runId: input.runId,
      recordType: r.type,
      recordKey: String(r.key),
      label: r.label?.slice(0, 200) ?? null,
      outcome: r.outcome,
      reason: r.reason?.slice(0, 2000) ?? null,
      at: r.at,
    })),
  );
}

export async function finishRun(
  db: DbOrTx,
  input: {
    shopId: number;
    runId: number;
    status: TaskRunStatus;
    at: Date;
    counts: RunCounts;
    done: number;
    total: number | null;
    summary: string | null;
    stats: Record<string, number>;
    errorMessage?: string | null;
    errorCode?: string | null;
    retryJob?: { task: string; payload: unknown } | null;
  },
): Promise<void> {
  await db
    .update(taskRuns)
    .set({
      status: input.status,
      finishedAt: input.at,
      heartbeatAt: input.at,
      counts: input.counts,
      progressDone: input.done,
      progressTotal: input.total,
      summary: input.summary?.slice(0, 500) ?? null,
      stats: input.stats,
      errorMessage: input.errorMessage?.slice(0, 2000) ?? null,
      errorCode: input.errorCode ?? null,
      retryJob: input.retryJob ?? null,
    })
    .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.id, input.runId)));
}

/** A running run's sign of life between progress writes (a long API call writes no progress). */
export async function touchRun(db: DbOrTx, input: { shopId: number; runId: number; at: Date }): Promise<void> {
  await db
    .update(taskRuns)
    .set({ heartbeatAt: input.at })
    .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.id, input.runId), eq(taskRuns.status, "running")));
}

/**
 * Housekeeping, every shop at once: runs still `running` whose heartbeat stopped and whose job
 * is no longer locked by a worker ended when their process died. They are marked interrupted
 * (the job itself is retried by graphile-worker or released by the dead-worker sweep).
 */
export async function markInterruptedRuns(db: DbOrTx, input: { silentSince: Date; now: Date }): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    update task_runs r set status = 'interrupted', finished_at = ${input.now.toISOString()}::timestamptz,
      error_message = 'The worker running this stopped before the run ended.'
    where r.status = 'running' and r.heartbeat_at < ${input.silentSince.toISOString()}::timestamptz
      and not exists (
        select 1 from graphile_worker._private_jobs j where j.id = r.job_id and j.locked_at is not null
      )
    returning r.id`);
  return rows.length;
}

/**
 * Runs older than each shop's retention (Settings → runs kept, default 30 days), a batch at a
 * time so the minute tick never holds a long delete; their records go with them (cascade).
 */
export async function pruneOldRuns(db: DbOrTx, input: { now: Date; batch?: number }): Promise<number> {
  const rows = await db.execute<{ id: string }>(sql`
    delete from task_runs where id in (
      select r.id from task_runs r join shops s on s.id = r.shop_id
      where r.queued_at < ${input.now.toISOString()}::timestamptz
        - make_interval(days => coalesce((s.settings #>> '{runs,keepDays}')::int, 30))
        and r.status not in ('running', 'queued')
      limit ${input.batch ?? 5000}
    ) returning id`);
  return rows.length;
}
