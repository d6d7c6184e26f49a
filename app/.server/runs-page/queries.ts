import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import { type RecordOutcome, taskRunRecords } from "../../../db/schema/task-run-records.ts";
import { taskRuns, type TaskRunStatus, type TaskRunTrigger } from "../../../db/schema/task-runs.ts";
import type { DbOrTx } from "../db.ts";

/** The run-history queries: every one names the shop, and each is served by a task_runs index. */

export interface RunListFilter {
  shopId: number;
  task?: string | undefined;
  status?: TaskRunStatus | undefined;
  trigger?: TaskRunTrigger | undefined;
  /** First day (YYYY-MM-DD, in `timeZone`) of the runs shown, inclusive. */
  fromDay?: string | undefined;
  /** Last day (YYYY-MM-DD, in `timeZone`), inclusive. */
  toDay?: string | undefined;
  /** The shop's IANA zone: the days above are the shop's days. */
  timeZone: string;
  /** Only runs with an outcome row for this record (the record's own "runs" link). */
  record?: { type: string; key: string } | undefined;
}

const runColumns = {
  id: taskRuns.id,
  task: taskRuns.task,
  trigger: taskRuns.trigger,
  status: taskRuns.status,
  dryRun: taskRuns.dryRun,
  queuedAt: taskRuns.queuedAt,
  startedAt: taskRuns.startedAt,
  finishedAt: taskRuns.finishedAt,
  counts: taskRuns.counts,
  progressDone: taskRuns.progressDone,
  progressTotal: taskRuns.progressTotal,
  summary: taskRuns.summary,
  errorMessage: taskRuns.errorMessage,
};

function runWhere(filter: RunListFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(taskRuns.shopId, filter.shopId)];
  if (filter.task) conditions.push(eq(taskRuns.task, filter.task));
  if (filter.status) conditions.push(eq(taskRuns.status, filter.status));
  if (filter.trigger) conditions.push(eq(taskRuns.trigger, filter.trigger));
  // Constant bounds, so the (shop, queued_at) index still ranges over them.
  if (filter.fromDay) {
    conditions.push(sql`${taskRuns.queuedAt} >= (${filter.fromDay}::date::timestamp at time zone ${filter.timeZone})`);
  }
  if (filter.toDay) {
    conditions.push(
      sql`${taskRuns.queuedAt} < ((${filter.toDay}::date + 1)::timestamp at time zone ${filter.timeZone})`,
    );
  }
  if (filter.record) {
    // Served by task_run_records_record_idx (shop, type, key, run).
    conditions.push(
      inArray(
        taskRuns.id,
        sql`(select ${taskRunRecords.runId} from ${taskRunRecords} where ${and(
          eq(taskRunRecords.shopId, filter.shopId),
          eq(taskRunRecords.recordType, filter.record.type),
          eq(taskRunRecords.recordKey, filter.record.key),
        )})`,
      ),
    );
  }
  return and(...conditions);
}

/**
 * One page of the shop's runs, newest first (task_runs_shop_queued_idx, or task_runs_shop_task_idx
 * with a task filter); id breaks ties so paging never skips or repeats a run.
 */
export function listRuns(db: DbOrTx, filter: RunListFilter & { limit: number; offset: number }) {
  return db
    .select(runColumns)
    .from(taskRuns)
    .where(runWhere(filter))
    .orderBy(desc(taskRuns.queuedAt), desc(taskRuns.id))
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function getRun(db: DbOrTx, input: { shopId: number; runId: number }) {
  const [row] = await db
    .select({
      ...runColumns,
      category: taskRuns.category,
      attempts: taskRuns.attempts,
      errorCode: taskRuns.errorCode,
      stats: taskRuns.stats,
      heartbeatAt: taskRuns.heartbeatAt,
      dismissedAt: taskRuns.dismissedAt,
      canRetry: sql<boolean>`${taskRuns.retryJob} is not null`,
    })
    .from(taskRuns)
    .where(and(eq(taskRuns.shopId, input.shopId), eq(taskRuns.id, input.runId)));
  return row;
}

/** A run's per-record outcomes in the order they were written (task_run_records_run_idx). */
export function listRunRecords(
  db: DbOrTx,
  input: { shopId: number; runId: number; outcome?: RecordOutcome | undefined; limit: number; offset: number },
) {
  return db
    .select({
      id: taskRunRecords.id,
      recordType: taskRunRecords.recordType,
      recordKey: taskRunRecords.recordKey,
      label: taskRunRecords.label,
      outcome: taskRunRecords.outcome,
      reason: taskRunRecords.reason,
      at: taskRunRecords.at,
    })
    .from(taskRunRecords)
    .where(
      and(
        eq(taskRunRecords.shopId, input.shopId),
        eq(taskRunRecords.runId, input.runId),
        input.outcome ? eq(taskRunRecords.outcome, input.outcome) : undefined,
      ),
    )
    .orderBy(taskRunRecords.id)
    .limit(input.limit)
    .offset(input.offset);
}

/** The latest runs that touched one record, with what each did to it (task_run_records_record_idx). */
export function listRunsOfRecord(
  db: DbOrTx,
  input: { shopId: number; recordType: string; recordKey: string | readonly string[]; limit: number },
) {
  // A company's page lists the runs that touched it or one of its locations: several keys.
  const keys = typeof input.recordKey === "string" ? [input.recordKey] : [...input.recordKey];
  return db
    .select({
      runId: taskRuns.id,
      task: taskRuns.task,
      dryRun: taskRuns.dryRun,
      status: taskRuns.status,
      queuedAt: taskRuns.queuedAt,
      outcome: taskRunRecords.outcome,
      reason: taskRunRecords.reason,
      at: taskRunRecords.at,
    })
    .from(taskRunRecords)
    .innerJoin(taskRuns, and(eq(taskRuns.id, taskRunRecords.runId), eq(taskRuns.shopId, input.shopId)))
    .where(
      and(
        eq(taskRunRecords.shopId, input.shopId),
        eq(taskRunRecords.recordType, input.recordType),
        keys.length === 1 ? eq(taskRunRecords.recordKey, keys[0]!) : inArray(taskRunRecords.recordKey, keys),
      ),
    )
    .orderBy(desc(taskRunRecords.runId), desc(taskRunRecords.id))
    .limit(input.limit);
}

export interface RunsPerDay {
  /** YYYY-MM-DD in the shop's time zone. */
  day: string;
  succeeded: number;
  failed: number;
  other: number;
}

/**
 * Runs per day of the shop's time zone over the last `days` days (today included), by outcome, in one grouped statement over
 * task_runs_shop_queued_idx. Days without runs are absent (the caller fills them).
 */
export async function countRunsPerDay(
  db: DbOrTx,
  input: { shopId: number; now: Date; days: number; timeZone: string },
): Promise<RunsPerDay[]> {
  const today = sql`(${input.now.toISOString()}::timestamptz at time zone ${input.timeZone})::date`;
  const since = sql`((${today} - ${input.days - 1}::int)::timestamp at time zone ${input.timeZone})`;
  const day = sql`to_char(date_trunc('day', ${taskRuns.queuedAt} at time zone ${input.timeZone}), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day: sql<string>`${day}`,
      succeeded: sql<number>`count(*) filter (where ${taskRuns.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${taskRuns.status} = 'failed')::int`,
      other: sql<number>`count(*) filter (where ${taskRuns.status} not in ('succeeded', 'failed'))::int`,
    })
    .from(taskRuns)
    .where(and(eq(taskRuns.shopId, input.shopId), sql`${taskRuns.queuedAt} >= ${since}`))
    // By position: the zone is a bound parameter, so the repeated expression would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((row) => ({
    day: row.day,
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
    other: Number(row.other),
  }));
}

/** Order numbers (#1001) of the orders a page of outcomes names by our id. */
export async function orderNamesById(
  db: DbOrTx,
  input: { shopId: number; ids: number[] },
): Promise<Map<number, string>> {
  if (input.ids.length === 0) return new Map();
  const rows = await db
    .select({ id: orders.id, name: orders.name })
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), inArray(orders.id, input.ids)));
  return new Map(rows.map((row) => [row.id, row.name]));
}
