import { Logger, run, type Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { retryFailedRun } from "../../app/.server/activity/retry.ts";
import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { recordFailedRun } from "../../app/.server/queries/task-runs.ts";
import { defineTask, type TaskDefinition } from "../../app/.server/runs/define-task.ts";
import { enqueueRun, runJobKey, runQueue } from "../../app/.server/runs/enqueue-run.ts";
import { ensureEntries } from "../../app/.server/runs/entries.ts";
import { toWorkerTask } from "../../app/.server/runs/execute-run.ts";
import { enqueueDueEntries } from "../../app/.server/runs/tick.ts";
import { documentsPostTask } from "../../app/.server/tasks/documents-post/task.ts";
import { ordersSyncTask } from "../../app/.server/tasks/orders-sync/task.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { shipmentsSyncTask } from "../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let runner: Runner | undefined;

beforeAll(async () => {
  db = await useTestDatabase();
});

afterAll(async () => {
  await runner?.stop();
});

/** Long enough that a worker with free slots would certainly start the other job meanwhile. */
const RUN_MS = 2_000;

/** A slow task of a category: it only waits, so any overlap is the queue's doing. */
const slowTask = (name: string) =>
  defineTask({
    name,
    title: name,
    description: "test task",
    report: null,
    direction: "in_erp",
    category: "order-documents",
    payload: z.looseObject({ shopId: z.number() }),
    schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
    async run(ctx) {
      await new Promise((resolve) => setTimeout(resolve, RUN_MS));
      ctx.summarize("waited");
    },
  });

const jobsWithKey = (key: string) =>
  db.sql<
    { queue_name: string | null; key: string }[]
  >`select queue_name, key from graphile_worker.jobs where key = ${key}`;

interface Interval {
  shop_id: number;
  task: string;
  started_at: Date;
  finished_at: Date;
}
const overlap = (a: Interval, b: Interval) => a.started_at < b.finished_at && b.started_at < a.finished_at;

describe("job-queue categories with a real worker (concurrency 4)", () => {
  it("never runs two tasks of one category for one shop at once; another shop's run goes beside them", async () => {
    const first = slowTask("slow__first");
    const second = slowTask("slow__second");
    const shopA = await ensureShop(getDb(), "category-a.myshopify.com");
    const shopB = await ensureShop(getDb(), "category-b.myshopify.com");
    const tasks: TaskDefinition[] = [first, second];
    await enqueueRun(getDb(), first, { shopId: shopA, trigger: "schedule" });
    await enqueueRun(getDb(), second, { shopId: shopA, trigger: "manual" });
    await enqueueRun(getDb(), first, { shopId: shopB, trigger: "schedule" });

    runner = await run({
      connectionString: db.url,
      concurrency: 4,
      noHandleSignals: true,
      taskList: Object.fromEntries(tasks.map((task) => [task.name, toWorkerTask(task)])),
      logger: new Logger(() => () => {}),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0, pollInterval: 200 } },
    });
    const finished = () =>
      db.sql<Interval[]>`select shop_id::int, task, started_at, finished_at from task_runs
        where task like 'slow__%' and status = 'succeeded' order by started_at`;
    await expect.poll(async () => (await finished()).length, { timeout: 60_000, interval: 200 }).toBe(3);
    await runner.stop();
    runner = undefined;

    const runs = await finished();
    const ofA = runs.filter((r) => r.shop_id === shopA);
    const ofB = runs.filter((r) => r.shop_id === shopB);
    expect(ofA.map((r) => r.task).sort()).toEqual(["slow__first", "slow__second"]);
    for (const r of runs) expect(r.finished_at.getTime() - r.started_at.getTime()).toBeGreaterThanOrEqual(RUN_MS - 50);
    expect(overlap(ofA[0]!, ofA[1]!), JSON.stringify(ofA)).toBe(false);
    // Shop B's queue is its own: its run started while shop A's first one was running.
    expect(
      ofA.some((a) => overlap(a, ofB[0]!)),
      JSON.stringify(runs),
    ).toBe(true);
    const [row] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from task_runs where task like 'slow__%' and category <> 'order-documents'`;
    expect(row!.n).toBe(0);
  }, 90_000);

  it("coalesces a schedule tick, Run now and a Retry of one task into one waiting job", async () => {
    const shopId = await ensureShop(getDb(), "category-coalesce.myshopify.com");
    const now = new Date("2026-06-01T10:00:00Z");
    await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shopId], now });
    await db.sql`update job_queue_entries set on_hold = (task <> 'orders__reconcile') where shop_id = ${shopId}`;

    const runNow = await enqueueRun(getDb(), ordersSyncTask, { shopId, trigger: "manual" });
    const tick = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date(now.getTime() + 3_600_000) });
    expect(tick.enqueued).toBeGreaterThanOrEqual(1);
    await recordFailedRun(getDb(), {
      shopId,
      task: "orders__reconcile",
      category: "orders",
      trigger: "schedule",
      attempts: 3,
      errorMessage: "Shopify unreachable",
      retryJob: { task: "orders__reconcile", payload: {} },
    });
    const [failed] = await db.sql<
      { id: number }[]
    >`select id::int from task_runs where shop_id = ${shopId} and status = 'failed'`;
    expect(await retryFailedRun({ shopId, runId: failed!.id })).toEqual({ retried: true });
    const again = await enqueueRun(getDb(), ordersSyncTask, { shopId, trigger: "manual" });

    const key = runJobKey(ordersSyncTask, shopId);
    expect(await jobsWithKey(key)).toEqual([{ queue_name: `orders:${shopId}`, key }]);
    expect(again).toBe(runNow);
    const [job] = await db.sql<{ payload: { trigger: string } }[]>`
      select payload from graphile_worker._private_jobs where key = ${key}`;
    expect(job!.payload.trigger).toBe("manual");
  });
});

describe("a retry runs in its category", () => {
  it.each([
    [shipmentsSyncTask, "shipments"],
    [documentsPostTask, "order-documents"],
    [ordersSyncTask, "orders"],
  ] as const)(
    "Retry on a failed %s run queues it in <category>:<shop> under the task's key",
    async (task, category) => {
      const shopId = await ensureShop(getDb(), `retry-${task.name.replace("__", "-")}.myshopify.com`);
      await recordFailedRun(getDb(), {
        shopId,
        task: task.name,
        category: task.category,
        trigger: "schedule",
        attempts: 3,
        errorMessage: "ERP unreachable",
        retryJob: { task: task.name, payload: {} },
      });
      const [failed] = await db.sql<
        { id: number }[]
      >`select id::int from task_runs where shop_id = ${shopId} and status = 'failed'`;
      expect(await retryFailedRun({ shopId, runId: failed!.id })).toEqual({ retried: true });
      const key = runJobKey(task, shopId);
      expect(await jobsWithKey(key)).toEqual([{ queue_name: `${category}:${shopId}`, key }]);
      expect(runQueue(task, shopId, null)).toBe(`${category}:${shopId}`);
      const [job] = await db.sql<{ payload: { trigger: string; shopId: number } }[]>`
      select payload from graphile_worker._private_jobs where key = ${key}`;
      expect(job!.payload).toEqual({ shopId, trigger: "retry" });
      // Retried once: the run is off the dashboard, a second press queues nothing more.
      expect(await retryFailedRun({ shopId, runId: failed!.id })).toEqual({ retried: false });
    },
  );
});
