import { sql } from "drizzle-orm";

import type { Db } from "../db.ts";
import type { TaskDefinition } from "./define-task.ts";
import { DEFAULT_MAX_ATTEMPTS } from "./enqueue-run.ts";
import { entryTasks } from "./entries.ts";
import { nextRun } from "./recurrence.ts";
import { settingCheck } from "./requirements.ts";

/** Most entries one tick takes; what is left stays due and goes with the next tick. */
export const TICK_BATCH = 50_000;

/**
 * The due entries are taken in this many parts at once, on as many connections, split by shop:
 * moving an entry and adding its job are row work inside Postgres (about 50–80 µs per run, mostly
 * graphile-worker's add_jobs), so one statement per part lets the server use more than one core.
 * Parts never share a shop, hence never a queue or a job key.
 */
export const TICK_PARTS = 2;

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
  input: { tasks: readonly TaskDefinition[]; now: Date; limit?: number; parts?: number },
): Promise<{ enqueued: number; due: number }> {
  const { now } = input;
  const at = now.toISOString();
  const pairs = await db.execute<{ cron: string; timezone: string }>(sql`
    select distinct cron, timezone from job_queue_entries where not on_hold and next_run_at <= ${at}::timestamptz`);
  if (pairs.length === 0) return { enqueued: 0, due: 0 };
  // Arrays go in as one JSON parameter each: drizzle expands a JS array into a row `($1, $2, …)`,
  // which Postgres cannot cast to an array.
  const nexts = JSON.stringify(
    pairs.map((p) => ({ cron: p.cron, timezone: p.timezone, next_at: nextTime(p.cron, p.timezone, now) })),
  );
  const defs = JSON.stringify(
    entryTasks(input.tasks).map(({ task }) => ({
      task: task.name,
      category: task.category,
      max_attempts: task.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      priority: task.priority ?? 0,
      needs_erp: task.requires?.erp !== undefined,
      batched: task.batched === true,
      // A sync direction that is off: the entry moves on, no run is queued to be skipped.
      setting: task.requires?.setting ? settingCheck(task.requires.setting) : null,
    })),
  );
  const parts = Math.max(1, input.parts ?? TICK_PARTS);
  const limit = Math.ceil((input.limit ?? TICK_BATCH) / parts);
  const results = await Promise.all(
    Array.from({ length: parts }, (_, part) => enqueuePart(db, { at, nexts, defs, limit, parts, part })),
  );
  return results.reduce((sum, r) => ({ enqueued: sum.enqueued + r.enqueued, due: sum.due + r.due }), {
    enqueued: 0,
    due: 0,
  });
}

/** One part of the tick, one statement: lock its due entries, move them on, add their runs. */
async function enqueuePart(
  db: Db,
  input: { at: string; nexts: string; defs: string; limit: number; parts: number; part: number },
): Promise<{ enqueued: number; due: number }> {
  const { at, nexts, defs, limit, parts, part } = input;
  // Queue `<category>:<shop>` and key `<task>:<shop>` as enqueueRun makes them (job-queue-tick.test.ts checks they agree).
  const [result] = await db.execute<{ enqueued: number; due: number }>(sql`
    with pairs as (
      select * from jsonb_to_recordset(${nexts}::jsonb) as p(cron text, timezone text, next_at timestamptz)
    ),
    defs as (
      select * from jsonb_to_recordset(${defs}::jsonb)
        as d(task text, category text, max_attempts int, priority int, needs_erp bool, batched bool, setting jsonb)
    ),
    due as (
      select e.id, e.shop_id, e.task, e.cron, e.timezone
      from job_queue_entries e
      where not e.on_hold and e.next_run_at <= ${at}::timestamptz
        -- only the pairs computed above: an entry that became due since then waits for the next tick
        and exists (select 1 from pairs p where p.cron = e.cron and p.timezone = e.timezone)
        and e.shop_id % ${parts} = ${part}
      order by e.next_run_at
      limit ${limit}
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
      where (not d.needs_erp or exists (select 1 from erp_connections c where c.shop_id = due.shop_id))
        and (d.setting is null or coalesce(
          s.settings #>> array(select jsonb_array_elements_text(d.setting -> 'path')),
          d.setting ->> 'fallback'
        ) in (select jsonb_array_elements_text(d.setting -> 'oneOf')))
    ),
    added as (
      select count(*)::int as n from graphile_worker.add_jobs(
        array(
          select row(
            r.task,
            -- a batched task's payload is an array (graphile-worker concatenates it with a waiting one)
            case when r.batched then json_build_array(json_build_object('shopId', r.shop_id, 'trigger', 'schedule'))
              else json_build_object('shopId', r.shop_id, 'trigger', 'schedule') end,
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
