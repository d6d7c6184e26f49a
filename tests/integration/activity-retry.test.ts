import { beforeAll, describe, expect, it } from "vitest";

import { retryFailedRun } from "../../app/.server/activity/retry.ts";
import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { recordFailedRun } from "../../app/.server/queries/task-runs.ts";
import { enqueueRun } from "../../app/.server/runs/enqueue-run.ts";
import { shipmentsSyncTask } from "../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

async function failedRun(shopId: number, task: string, payload: unknown): Promise<number> {
  await recordFailedRun(getDb(), {
    shopId,
    task,
    category: task.split("__")[0] ?? task,
    trigger: "schedule",
    attempts: 3,
    errorMessage: "ERP unreachable",
    retryJob: { task, payload },
  });
  const [row] = await db.sql<
    { id: number }[]
  >`select id from task_runs where shop_id = ${shopId} order by id desc limit 1`;
  return Number(row!.id);
}

const jobsOf = (task: string) =>
  db.sql<{ queue_name: string | null; key: string | null }[]>`
    select queue_name, key from graphile_worker.jobs where task_identifier = ${task} order by id`;

describe("Retry on a failed run", () => {
  it("queues a shipments run in the shop's shipments queue with its job key, sharing the scheduled run", async () => {
    const shopId = await ensureShop(getDb(), "retry-queue.myshopify.com");
    // A scheduled run is already waiting when the merchant presses Retry on yesterday's failure.
    await enqueueRun(getDb(), shipmentsSyncTask, {
      shopId,
      trigger: "schedule",
      runAt: new Date(Date.now() + 60_000),
    });
    const runId = await failedRun(shopId, "shipments__sync", { shopId, trigger: "manual" });

    expect(await retryFailedRun({ shopId, runId })).toEqual({ retried: true });

    // One waiting run in the category queue: the retry cannot run beside the scheduled one.
    expect(await jobsOf("shipments__sync")).toEqual([
      { queue_name: `shipments:${shopId}`, key: `shipments__sync:${shopId}` },
    ]);
  });

  it("queues a posting run in the shop's order-documents queue", async () => {
    const shopId = await ensureShop(getDb(), "retry-posting.myshopify.com");
    const runId = await failedRun(shopId, "documents__post", { shopId, trigger: "manual" });
    expect(await retryFailedRun({ shopId, runId })).toEqual({ retried: true });
    expect(await jobsOf("documents__post")).toEqual([
      { queue_name: `order-documents:${shopId}`, key: `documents__post:${shopId}` },
    ]);
  });

  it("queues failed order imports and reconciles under their shop's job keys", async () => {
    const shopId = await ensureShop(getDb(), "retry-orders.myshopify.com");
    const orderId = "gid://shopify/Order/77";
    const importRun = await failedRun(shopId, "orders__import", [{ shopId, orderId }]);
    const reconcileRun = await failedRun(shopId, "orders__reconcile", { shopId, trigger: "manual" });
    expect(await retryFailedRun({ shopId, runId: importRun })).toEqual({ retried: true });
    expect(await retryFailedRun({ shopId, runId: reconcileRun })).toEqual({ retried: true });
    // Both in the shop's orders queue: a retried import never runs beside a reconcile.
    expect(await jobsOf("orders__import")).toEqual([
      { queue_name: `orders:${shopId}`, key: `orders__import:${shopId}` },
    ]);
    expect(await jobsOf("orders__reconcile")).toEqual([
      { queue_name: `orders:${shopId}`, key: `orders__reconcile:${shopId}` },
    ]);
  });

  it("refuses a stored retry whose payload is not its task's, and keeps the run on the dashboard", async () => {
    const shopId = await ensureShop(getDb(), "retry-bad.myshopify.com");
    // An import retry whose items name no Shopify order: the task's own schema refuses it.
    const runId = await failedRun(shopId, "orders__import", [{ orderId: "not an order" }, { order: 77 }]);
    await expect(retryFailedRun({ shopId, runId })).rejects.toThrow(/orderId/);
    expect(await db.sql`select id from graphile_worker.jobs where key = ${`orders__import:${shopId}`}`).toEqual([]);
    const [row] = await db.sql<{ dismissed_at: Date | null }[]>`select dismissed_at from task_runs where id = ${runId}`;
    expect(row!.dismissed_at).toBeNull();
  });
});
