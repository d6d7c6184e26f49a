import { sql } from "drizzle-orm";

import type { Db } from "../db.ts";
import type { TaskDefinition } from "./define-task.ts";
import { DEFAULT_MAX_ATTEMPTS } from "./enqueue-run.ts";
import { entryTasks } from "./entries.ts";
import { nextRun } from "./recurrence.ts";

/** Most entries one tick takes; what is left stays due and goes with the next tick. */
export const TICK_BATCH = 50_000;

/**
 * The minute tick's schedule: every due entry, whatever the number of shops, in three statements —
 * the distinct (cron, zone) pairs that are due (the partial index on `next_run_at`), their next
 * times computed once per pair by croner, then one statement that locks the due entries, moves
 * them on and adds their runs through `graphile_worker.add_jobs` (queue per shop and category,
 * the task's job key with `preserve_run_at`, so a run already waiting is not doubled). Entries of
 * uninstalled shops move on without a run; tasks that need an ERP run only where one is connected.
 */
export async function enqueueDueEntries(
  db: Db,
  input: { tasks: readonly TaskDefinition[]; now: Date; limit?: number },
): Promise<{ enqueued: number; due: number }> {
  const { now } = input;
  const at = now.toISOString();
  const pairs = await db.execute<{ cron: string; timezone: string }>(sql`
    select distinct cron, timezone from job_queue_entries where not on_hold and next_run_at <= ${at}::timestamptz`);
  if (pairs.length === 0) return { enqueued: 0, due: 0 };
  const crons = pairs.map((p) => p.cron);
  const zones = pairs.map((p) => p.timezone);
  const nexts = pairs.map((p) => nextTime(p.cron, p.timezone, now));

  const tasks = entryTasks(input.tasks).map(({ task }) => task);
  const names = tasks.map((t) => t.name);
  const categories = tasks.map((t) => t.category);
  const attempts = tasks.map((t) => t.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const priorities = tasks.map((t) => t.priority ?? 0);
  const needsErp = tasks.map((t) => t.requires?.erp !== undefined);
  // One JSON parameter per table: drizzle expands a bare JS array into a row (`($1, $2)`), not an array.
  const pairRows = JSON.stringify(crons.map((cron, i) => ({ cron, timezone: zones[i], next_at: nexts[i] })));
  const defRows = JSON.stringify(
    names.map((task, i) => ({
      task,
      category: categories[i],
      max_attempts: attempts[i],
      priority: priorities[i],
      needs_erp: needsErp[i],
    })),
  );
  // Queue `<category>:<shop>` and key `<task>:<shop>` as enqueueRun makes them (tick.test.ts checks they agree).
  const [result] = await db.execute<{ enqueued: number; due: number }>(sql`
    with pairs as (
      select * from json_to_recordset(${pairRows}::json) as p(cron text, timezone text, next_at timestamptz)
    ),
    defs as (
      select * from json_to_recordset(${defRows}::json)
        as d(task text, category text, max_attempts int, priority int, needs_erp bool)
    ),
    due as (
      select e.id, e.shop_id, e.task, e.cron, e.timezone
      from job_queue_entries e
      where not e.on_hold and e.next_run_at <= ${at}::timestamptz
      order by e.next_run_at
      limit ${input.limit ?? TICK_BATCH}
      for update of e skip locked
    ),
    moved as (
      update job_queue_entries e set next_run_at = p.next_at, last_enqueued_at = ${at}::timestamptz
      from due join pairs p on p.cron = due.cron and p.timezone = due.timezone
      where e.id = due.id
      returning e.id
    ),
    runs as (
      select due.shop_id, d.*
      from due
      join defs d on d.task = due.task
      join shops s on s.id = due.shop_id and s.uninstalled_at is null
      where not d.needs_erp or exists (select 1 from erp_connections c where c.shop_id = due.shop_id)
    ),
    added as (
      select count(*)::int as n from graphile_worker.add_jobs(
        array(
          select row(
            r.task,
            json_build_object('shopId', r.shop_id, 'trigger', 'schedule'),
            r.category || ':' || r.shop_id,
            ${at}::timestamptz,
            r.max_attempts,
            r.task || ':' || r.shop_id,
            r.priority,
            null
          )::graphile_worker.job_spec
          from runs r
        ),
        true
      )
    )
    select (select n from added) as enqueued, (select count(*)::int from moved) as due`);
  return { enqueued: Number(result?.enqueued ?? 0), due: Number(result?.due ?? 0) };
}

/** A zone croner does not know (a stored one gone stale) is read as UTC rather than stopping every shop's tick. */
function nextTime(cron: string, timezone: string, now: Date): string | null {
  try {
    return nextRun(cron, timezone, now)?.toISOString() ?? null;
  } catch {
    return nextRun(cron, "UTC", now)?.toISOString() ?? null;
  }
}
