import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { ErpError } from "../../app/.server/adapters/erp/errors.ts";
import { getDb } from "../../app/.server/db.ts";
import { markShopInstalled } from "../../app/.server/queries/shops.ts";
import { defineTask } from "../../app/.server/runs/define-task.ts";
import { enqueueRun } from "../../app/.server/runs/enqueue-run.ts";
import { toWorkerTask } from "../../app/.server/runs/execute-run.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

let calls = 0;
/** A task whose ERP says its request budget is spent for 90 seconds (the budget is shared by shops). */
const budgetSpent = defineTask({
  name: "budget__spent",
  title: "Budget spent",
  description: "test task",
  report: null,
  direction: "shopify_to_erp",
  category: "customers",
  payload: z.looseObject({ shopId: z.number() }),
  schedule: { recurrence: { kind: "hourly", minute: 0 }, onHold: false },
  requires: {},
  preview: true,
  run() {
    calls++;
    throw new ErpError({
      code: "RATE_LIMITED",
      message: "request budget: next slot in 90000 ms",
      retryAfterMs: 90_000,
    });
  },
});

const runJobs = () =>
  runOnce({
    connectionString: db.url,
    taskList: { [budgetSpent.name]: toWorkerTask(budgetSpent) },
    logger: new Logger(() => () => {}),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });

describe("a run whose ERP request budget is spent", () => {
  it("is continued when the budget has room again, not retried into failure", async () => {
    const shopId = await markShopInstalled(getDb(), {
      domain: "budget-spent.myshopify.com",
      scopes: "",
      at: new Date(),
    });
    const before = Date.now();
    await enqueueRun(getDb(), budgetSpent, { shopId, trigger: "manual" });
    await runJobs();
    expect(calls).toBe(1);
    const runs = await db.sql<
      Array<{ status: string; trigger: string; summary: string | null; error_message: string | null }>
    >`
      select status, trigger, summary, error_message from task_runs where shop_id = ${shopId} order by id`;
    expect(runs[0]).toMatchObject({
      status: "continued",
      error_message: null,
      summary: expect.stringContaining("budget"),
    });
    const [job] = await db.sql<Array<{ run_at: Date; attempts: number }>>`
      select run_at, attempts from graphile_worker.jobs where task_identifier = ${budgetSpent.name}`;
    expect(job!.attempts).toBe(0);
    expect(job!.run_at.getTime()).toBeGreaterThanOrEqual(before + 89_000);
    // Not due yet: a worker pass leaves it alone (no retry burning the budget that is left).
    await runJobs();
    expect(calls).toBe(1);
  });
});
