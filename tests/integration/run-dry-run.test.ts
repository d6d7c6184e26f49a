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
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { startShipmentsWorld } from "./shipments/shipments-harness.ts";

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

/** What the task saw when it tried to write anyway. */
const attempts: { erp?: string; shopify?: string; cursorAfterCheckpoint?: string | null; dryRun?: boolean } = {};
/** The store order the careless task tags (set per test). */
let target = "";

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
    const shopify = await ctx.shopify();
    attempts.shopify = await shopify
      .query(`mutation T($id: ID!) { tagsAdd(id: $id, tags: ["careless"]) { userErrors { message } } }`, { id: target })
      .then(() => "written", refusal);
    const cursor = ctx.cursor("careless");
    await cursor.checkpoint("2026-06-01T00:00:00Z");
    attempts.cursorAfterCheckpoint = (await cursor.read()) ?? null;
    ctx.record({ type: "order", key: 1, outcome: "planned", reason: "would create a sales order" });
  },
});

describe("a preview (dry-run) run through toWorkerTask", () => {
  it("cannot write to the ERP, Shopify or its cursor, even when the task tries; it records what it planned", async () => {
    const shop = await world.newShop();
    const { shopId } = shop;
    const order = await shop.placeProcessedOrder([[0, 1]]);
    target = order.id;
    const ordersBefore = shop.company.salesOrders.all().length;
    await enqueueRun(getDb(), careless, { shopId, trigger: "manual", dryRun: true });
    await runOnce({
      connectionString: db.url,
      taskList: { [careless.name]: toWorkerTask(careless) },
      logger: new Logger(() => () => {}),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });

    expect(attempts.dryRun).toBe(true);
    expect(attempts.erp).toMatch(/^refused: /);
    // Shopify: the mutation is refused before it is sent; the order has no new tag.
    expect(attempts.shopify).toMatch(/^refused: /);
    expect(
      (await shop.gql(`query O($id: ID!) { order(id: $id) { tags } }`, { id: order.id })).order.tags,
    ).not.toContain("careless");
    expect(attempts.cursorAfterCheckpoint).toBeNull();
    expect(shop.company.salesOrders.all()).toHaveLength(ordersBefore);
    const [cursorRows] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from sync_cursors where shop_id = ${shopId} and stream = ${"careless"}`;
    expect(cursorRows!.n).toBe(0);
    const [run] = await db.sql<{ status: string; dry_run: boolean; counts: { planned: number } }[]>`
      select status, dry_run, counts from task_runs where shop_id = ${shopId} and task = ${careless.name}`;
    expect(run).toMatchObject({ status: "succeeded", dry_run: true, counts: { planned: 1 } });
  });

  it("the same task for real writes its cursor (the check above can fail)", async () => {
    const shop = await world.newShop();
    const { shopId } = shop;
    const order = await shop.placeProcessedOrder([[0, 1]]);
    target = order.id;
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
    expect(attempts.shopify).toBe("written");
    expect((await shop.gql(`query O($id: ID!) { order(id: $id) { tags } }`, { id: order.id })).order.tags).toContain(
      "careless",
    );
  });
});
