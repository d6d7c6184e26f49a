import { and, desc, eq, sql } from "drizzle-orm";

import { type RunCounts, taskRuns, type TaskRunStatus } from "../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../db.ts";

export interface LastRunRow {
  /** The entry task the run counts for (itself, or the task it is part of). */
  entryTask: string;
  id: number;
  task: string;
  status: TaskRunStatus;
  trigger: string;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: RunCounts;
  errorMessage: string | null;
}

/**
 * The latest real run (previews left out: they say nothing about what was synced) of each entry
 * task, counting the runs of the tasks that are part of it ("Sync orders" and its webhook
 * imports). One small indexed look-up per entry (task_runs_shop_task_idx), in one statement.
 */
export async function latestRunsByEntry(
  db: DbOrTx,
  input: { shopId: number; groups: ReadonlyArray<{ entryTask: string; tasks: readonly string[] }> },
): Promise<LastRunRow[]> {
  if (input.groups.length === 0) return [];
  // One JSON parameter: drizzle spreads a JS array into a row, which Postgres cannot take as text[].
  const groups = JSON.stringify(input.groups.map((g) => ({ entry_task: g.entryTask, members: g.tasks })));
  const rows = await db.execute<{
    entry_task: string;
    id: string;
    task: string;
    status: TaskRunStatus;
    trigger: string;
    started_at: string | null;
    finished_at: string | null;
    counts: RunCounts;
    error_message: string | null;
  }>(sql`
    select g.entry_task, r.id, r.task, r.status, r.trigger, r.started_at, r.finished_at, r.counts, r.error_message
    from jsonb_to_recordset(${groups}::jsonb) as g(entry_task text, members text[])
    cross join lateral (
      select * from task_runs t
      where t.shop_id = ${input.shopId} and t.task = any(g.members) and not t.dry_run
      order by t.queued_at desc, t.id desc
      limit 1
    ) r`);
  return rows.map((r) => ({
    entryTask: r.entry_task,
    id: Number(r.id),
    task: r.task,
    status: r.status,
    trigger: r.trigger,
    startedAt: r.started_at ? new Date(r.started_at) : null,
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    counts: r.counts,
    errorMessage: r.error_message,
  }));
}

/** The latest run (attempt) of a graphile-worker job, for the shop. */
export async function latestRunOfJob(db: DbOrTx, input: { shopId: number; jobId: number }) {
  const [row] = await db
    .select({
      id: taskRuns.id,
      task: taskRuns.task,
      status: taskRuns.status,
      dryRun: taskRuns.dryRun,
      counts: taskRuns.counts,
      progressDone: taskRuns.progressDone,
      progressTotal: taskRuns.progressTotal,
      summary: taskRuns.summary,
      errorMessage: taskRuns.errorMessage,
      startedAt: taskRuns.startedAt,
      finishedAt: taskRuns.finishedAt,
    })
    .from(taskRuns)
    .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.jobId, input.jobId)))
    .orderBy(desc(taskRuns.id))
    .limit(1);
  return row;
}

/** Is a job of this shop still in graphile-worker's queue (waiting, running or failed for good)? */
export async function jobOfShopExists(db: DbOrTx, input: { shopId: number; jobId: number }): Promise<boolean> {
  const rows = await db.execute<{ found: number }>(sql`
    select 1 as found from graphile_worker._private_jobs j
    where j.id = ${input.jobId} and (j.payload #>> '{shopId}' = ${String(input.shopId)}
      or j.payload #>> '{0,shopId}' = ${String(input.shopId)})`);
  return rows.length > 0;
}
