import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { ensureShop, getShopSettings } from "../../app/.server/queries/shops.ts";
import { defineTask } from "../../app/.server/runs/define-task.ts";
import { createRunContext, RECORD_BATCH } from "../../app/.server/runs/run-context.ts";
import { finishRun, startRun } from "../../app/.server/runs/run-records.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let counted: postgres.Sql | undefined;
const statements: string[] = [];

beforeAll(async () => {
  db = await useTestDatabase();
  // The run's own pool, with postgres.js's debug hook: every statement it sends is seen here.
  counted = postgres(db.url, { max: 4, onnotice: () => {}, debug: (_connection, query) => statements.push(query) });
});

afterAll(async () => {
  await counted?.end();
});

const RECORDS = 100_000;
const PAGE = 1_000;

const task = defineTask({
  name: "many__records",
  title: "Many records",
  description: "test task",
  report: null,
  direction: "in_erp",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number() }),
  schedule: { recurrence: { kind: "hourly", minute: 0 }, onHold: false },
  run: async () => {},
});

describe("a run that records 100,000 outcomes", () => {
  it("writes them in batches of 200, progress at most once a second, with no transaction open, counts only in memory", async () => {
    const shopId = await ensureShop(getDb(), "many-records.myshopify.com");
    let fakeNow = Date.parse("2026-06-01T10:00:00Z");
    const clock = { now: () => new Date(fakeNow) };
    const runDb = drizzle(counted!);
    const runId = await startRun(runDb, {
      shopId,
      task: task.name,
      category: task.category,
      trigger: "manual",
      dryRun: false,
      jobId: null,
      attempts: 1,
      now: clock.now(),
    });
    const handle = createRunContext({
      db: runDb,
      task,
      shopId,
      runId,
      trigger: "manual",
      dryRun: false,
      attempt: 1,
      settings: await getShopSettings(getDb(), shopId),
      clock,
      log: { info: () => {}, warn: () => {}, debug: () => {} },
    });
    statements.length = 0;
    const openTransactions: number[] = [];
    const largestState: number[] = [];

    for (let page = 0; page < RECORDS / PAGE; page += 1) {
      for (let i = 0; i < PAGE; i += 1) {
        // 1 ms of the run's clock per record: 100 s in all, so at most ~100 progress writes.
        fakeNow += 1;
        const n = page * PAGE + i;
        handle.ctx.record({
          type: "product",
          key: n,
          label: `P-${n}`,
          outcome: n % 10 === 0 ? "failed" : "created",
          reason: n % 10 === 0 ? "no price" : undefined,
        });
        handle.ctx.progress({ done: n + 1, total: RECORDS });
      }
      // Between pages a task awaits its API call: nothing of the run's may hold a transaction meanwhile.
      if (page % 10 === 5) {
        const [row] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state like 'idle in transaction%'`;
        openTransactions.push(row!.n);
      }
      largestState.push(JSON.stringify(handle.state).length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await handle.flush();
    await finishRun(runDb, {
      shopId,
      runId,
      status: "succeeded",
      at: clock.now(),
      counts: handle.state.counts,
      done: handle.state.done,
      total: handle.state.total,
      summary: null,
      stats: {},
    });

    const inserts = statements.filter((s) => /^insert into "task_run_records"/i.test(s));
    const progress = statements.filter((s) => /^update "task_runs" set "counts" = \$1, "progress_done"/i.test(s));
    expect(inserts).toHaveLength(RECORDS / RECORD_BATCH);
    expect(progress.length).toBeGreaterThanOrEqual(50);
    expect(progress.length).toBeLessThanOrEqual(RECORDS / 1000 + 2);
    expect(statements.filter((s) => /^(begin|start transaction)/i.test(s.trim()))).toEqual([]);
    expect(
      openTransactions.every((n) => n === 0),
      String(openTransactions),
    ).toBe(true);
    // The run keeps numbers, not records: its state stays the same small size from start to end.
    expect(Math.max(...largestState)).toBeLessThan(500);
    expect(handle.state.counts).toEqual({
      created: 90_000,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 10_000,
      planned: 0,
    });

    const [rows] = await db.sql<{ n: number; failed: number; keys: number }[]>`
      select count(*)::int as n, count(*) filter (where outcome = 'failed' and reason = 'no price')::int as failed,
        count(distinct record_key)::int as keys
      from task_run_records where shop_id = ${shopId} and run_id = ${runId}`;
    expect(rows).toEqual({ n: RECORDS, failed: 10_000, keys: RECORDS });
    const [run] = await db.sql<{ progress_done: number; progress_total: number; counts: { failed: number } }[]>`
      select progress_done, progress_total, counts from task_runs where id = ${runId}`;
    expect(run).toMatchObject({ progress_done: RECORDS, progress_total: RECORDS, counts: { failed: 10_000 } });
  }, 180_000);
});
