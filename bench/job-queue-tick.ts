/**
 * The minute tick at scale: BENCH_SHOPS (default 10,000) shops × 12 job-queue entries (synthetic
 * task definitions with the recurrences merchants choose: every 1/5/10/15/30 minutes, hourly,
 * daily, weekdays; two of them on hold, and every tenth shop with one more entry on hold), shops in
 * eight time zones, a fifth of them without an ERP connection. Five ticks a minute apart (the jobs
 * of one tick taken away before the next, as workers would), then five ticks where every entry
 * that is not on hold is due (the worst case). Reports the median wall time of enqueueDueEntries
 * and the runs it enqueued; the target is under 1 s per tick.
 */
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";
import { z } from "zod";

import { setDatabaseUrl } from "../app/.server/config.ts";
import { closeDb, getDb } from "../app/.server/db.ts";
import { taskCategories, type TaskCategory } from "../app/.server/runs/categories.ts";
import { defineTask, type TaskDefinition } from "../app/.server/runs/define-task.ts";
import { ensureEntries } from "../app/.server/runs/entries.ts";
import type { Recurrence } from "../app/.server/runs/recurrence.ts";
import { enqueueDueEntries, TICK_BATCH, TICK_PARTS } from "../app/.server/runs/tick.ts";
import { startEmbeddedPostgres } from "../db/embedded-postgres.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { percentile, round } from "./stats.ts";

const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);
const TICKS = 5;
/** Parts the tick splits its work into (TICK_PARTS unless BENCH_TICK_PARTS says otherwise). */
const PARTS = process.env.BENCH_TICK_PARTS ? Number(process.env.BENCH_TICK_PARTS) : TICK_PARTS;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-tick");
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Asia/Kolkata",
];

const schedules: { recurrence: Recurrence; onHold: boolean }[] = [
  { recurrence: { kind: "minutes", every: 1 }, onHold: false },
  { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  { recurrence: { kind: "minutes", every: 10 }, onHold: false },
  { recurrence: { kind: "minutes", every: 15 }, onHold: false },
  { recurrence: { kind: "minutes", every: 15 }, onHold: false },
  { recurrence: { kind: "minutes", every: 30 }, onHold: false },
  { recurrence: { kind: "hourly", minute: 0 }, onHold: false },
  { recurrence: { kind: "daily", time: "02:30" }, onHold: false },
  { recurrence: { kind: "weekly", days: ["mon", "tue", "wed", "thu", "fri"], time: "06:00" }, onHold: false },
  { recurrence: { kind: "hourly", minute: 30 }, onHold: true },
  { recurrence: { kind: "daily", time: "23:00" }, onHold: true },
];
const categories = Object.keys(taskCategories) as TaskCategory[];
const tasks: TaskDefinition[] = schedules.map((schedule, i) =>
  defineTask({
    name: `bench${String(i + 1).padStart(2, "0")}__sync`,
    title: `Bench task ${i + 1}`,
    description: "A synthetic entry task for the tick benchmark.",
    report: null,
    direction: "both",
    category: categories[i % categories.length]!,
    payload: z.looseObject({ shopId: z.number() }),
    schedule,
    // Half of the tasks need an ERP: the tick leaves them out where none is connected.
    ...(i % 2 === 0 ? { requires: { erp: true as const } } : {}),
    run: async () => {},
  }),
);

await rm(dataDir, { recursive: true, force: true });
const database = await startEmbeddedPostgres({ dataDir, port: 0, database: "bench" });
try {
  await migrateDatabase(database.url);
  setDatabaseUrl(database.url);
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const db = getDb();

  const t0 = new Date("2026-06-01T08:00:30Z");
  const setupStarted = performance.now();
  await sql`
    insert into shops (domain, iana_timezone, installed_at, uninstalled_at)
    select 'bench-' || n || '.myshopify.com', (${ZONES}::text[])[1 + n % ${ZONES.length}], now(),
      case when n % 100 = 0 then now() end
    from generate_series(1, ${SHOPS}) n`;
  await sql`
    insert into erp_connections (shop_id, kind, settings, sealed_secret, company_name)
    select id, 'business-central', '{}'::jsonb, 'not-a-secret', 'Bench' from shops where id % 5 <> 0`;
  const shopIds = (await sql<{ id: number }[]>`select id::int from shops order by id`).map((r) => r.id);
  const added = await ensureEntries(db, { tasks, shopIds, now: new Date(t0.getTime() - 60_000) });
  // Every tenth shop put one more task on hold.
  await sql`update job_queue_entries set on_hold = true where shop_id % 10 = 0 and task = 'bench02__sync'`;
  await sql`vacuum analyze`;
  const setupMs = performance.now() - setupStarted;

  const [held] = await sql<{ n: number }[]>`select count(*)::int as n from job_queue_entries where on_hold`;
  const takeJobs = () => sql`delete from graphile_worker._private_jobs`;

  const measure = async (label: string, prepare: (tick: number) => Promise<Date>, limit?: number) => {
    const times: number[] = [];
    const enqueued: number[] = [];
    const due: number[] = [];
    for (let tick = 1; tick <= TICKS; tick += 1) {
      const now = await prepare(tick);
      const started = performance.now();
      const result = await enqueueDueEntries(db, { tasks, now, parts: PARTS, ...(limit ? { limit } : {}) });
      times.push(performance.now() - started);
      enqueued.push(result.enqueued);
      due.push(result.due);
    }
    const [jobs] = await sql<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs`;
    return { label, times, enqueued, due, jobsAfterLast: jobs!.n };
  };

  // Warm-up (not measured): the first tick creates the shops' category queues once.
  await enqueueDueEntries(db, { tasks, now: t0 });
  await takeJobs();

  const normal = await measure("a minute's due entries", async (tick) => {
    await takeJobs();
    return new Date(t0.getTime() + tick * 60_000);
  });
  const everyEntryDue = (offset: number) => async (tick: number) => {
    await takeJobs();
    const now = new Date(t0.getTime() + (offset + tick) * 60_000);
    await sql`update job_queue_entries set next_run_at = ${new Date(now.getTime() - 1000)} where not on_hold`;
    await sql`vacuum analyze job_queue_entries`;
    return now;
  };
  const worst = await measure(`every entry due, one tick's batch (${TICK_BATCH})`, everyEntryDue(10));
  const all = await measure("every entry due, all in one tick", everyEntryDue(20), SHOPS * tasks.length);

  const [plan] = await sql<{ "QUERY PLAN": string }[]>`
    explain select distinct cron, timezone from job_queue_entries where not on_hold and next_run_at <= now()`;

  console.log(
    `\n${SHOPS} shops × ${tasks.length} entries = ${added} entries (${held!.n} on hold, ${SHOPS / 100} shops uninstalled, ` +
      `${SHOPS / 5} without an ERP); set up in ${round(setupMs / 1000)} s; the tick in ${PARTS} part(s)\n`,
  );
  console.log("| tick | due entries (median) | runs enqueued (median) | enqueueDueEntries p50 | max | target |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const r of [normal, worst, all]) {
    const p50 = percentile(r.times, 50);
    console.log(
      `| ${r.label} | ${percentile(r.due, 50)} | ${percentile(r.enqueued, 50)} | ${round(p50)} ms | ` +
        `${round(Math.max(...r.times))} ms | ${p50 < 1000 ? "met (< 1 s)" : "MISSED (≥ 1 s)"} |`,
    );
  }
  console.log(
    `\nper tick (ms): normal ${normal.times.map((t) => round(t)).join(", ")}; worst ${worst.times.map((t) => round(t)).join(", ")}; all ${all.times.map((t) => round(t)).join(", ")}`,
  );
  console.log(`runs enqueued per tick: normal ${normal.enqueued.join(", ")}; worst ${worst.enqueued.join(", ")}`);
  console.log(`due-pairs query plan: ${plan?.["QUERY PLAN"]}`);
  await sql.end();
  await closeDb();
} finally {
  await database.stop();
}
