import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import type { ErpAdapter } from "../../app/.server/adapters/erp/port.ts";
import { isWritesDisabledError } from "../../app/.server/adapters/writes-disabled.ts";
import { getDb } from "../../app/.server/db.ts";
import { coerceError } from "../../app/.server/errors/coerce-error.ts";
import { defineTask } from "../../app/.server/runs/define-task.ts";
import { enqueueRun } from "../../app/.server/runs/enqueue-run.ts";
import { toWorkerTask } from "../../app/.server/runs/execute-run.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { connectedShop, startBusinessCentral } from "./orders-process/harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});

afterAll(async () => {
  await bc.close();
});

/** What the task saw when it tried to write anyway. */
const attempts: { erp?: string; shopify?: string; cursorAfterCheckpoint?: string | null; dryRun?: boolean } = {};

/** A task that ignores dryRun and writes to both sides and its cursor: the ports must stop it. */
const careless = defineTask({
  name: "careless__writer",
  title: "Careless writer",
  description: "test task",
  report: null,
  direction: "both",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number() }),
  schedule: { recurrence: { kind: "hourly", minute: 0 }, onHold: false },
  requires: { erp: true },
  preview: true,
  async run(ctx) {
    attempts.dryRun = ctx.dryRun;
    const erp = await ctx.erp();
    const refusal = (error: unknown) =>
      isWritesDisabledError(error) ? `refused: ${error.message}` : `other: ${coerceError(error).message}`;
    attempts.erp = await erp
      .createSalesDocument({} as Parameters<ErpAdapter["createSalesDocument"]>[0])
      .then(() => "written", refusal);
    const shopify = await ctx.shopify().catch((error: unknown) => coerceError(error));
    attempts.shopify =
      shopify instanceof Error
        ? `no client: ${shopify.message}`
        : await shopify
            .query(`mutation { tagsAdd(id: "gid://shopify/Order/1", tags: ["x"]) { node { id } } }`, {})
            .then(() => "written", refusal);
    const cursor = ctx.cursor("careless");
    await cursor.checkpoint("2026-06-01T00:00:00Z");
    attempts.cursorAfterCheckpoint = (await cursor.read()) ?? null;
    ctx.record({ type: "order", key: 1, outcome: "planned", reason: "would create a sales order" });
  },
});

describe("a preview (dry-run) run through toWorkerTask", () => {
  it("cannot write to the ERP, Shopify or its cursor, even when the task tries; it records what it planned", async () => {
    const { shopId, company } = await connectedShop(bc);
    const ordersBefore = company.salesOrders.all().length;
    await enqueueRun(getDb(), careless, { shopId, trigger: "manual", dryRun: true });
    await runOnce({
      connectionString: db.url,
      taskList: { [careless.name]: toWorkerTask(careless) },
      logger: new Logger(() => () => {}),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });

    expect(attempts.dryRun).toBe(true);
    expect(attempts.erp).toMatch(/^refused: /);
    // Shopify: the mutation is refused before it is sent (or the shop has no Admin client at all).
    expect(attempts.shopify).toMatch(/^(refused|no client): /);
    expect(attempts.cursorAfterCheckpoint).toBeNull();
    expect(company.salesOrders.all()).toHaveLength(ordersBefore);
    const [cursorRows] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from sync_cursors where shop_id = ${shopId}`;
    expect(cursorRows!.n).toBe(0);
    const [run] = await db.sql<{ status: string; dry_run: boolean; counts: { planned: number } }[]>`
      select status, dry_run, counts from task_runs where shop_id = ${shopId} and task = ${careless.name}`;
    expect(run).toMatchObject({ status: "succeeded", dry_run: true, counts: { planned: 1 } });
  });

  it("the same task for real writes its cursor (the check above can fail)", async () => {
    const { shopId } = await connectedShop(bc);
    await enqueueRun(getDb(), careless, { shopId, trigger: "manual" });
    await runOnce({
      connectionString: db.url,
      taskList: { [careless.name]: toWorkerTask(careless) },
      logger: new Logger(() => () => {}),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    expect(attempts.dryRun).toBe(false);
    expect(attempts.cursorAfterCheckpoint).toBe("2026-06-01T00:00:00Z");
    expect(attempts.erp).not.toMatch(/^refused/);
  });
});
