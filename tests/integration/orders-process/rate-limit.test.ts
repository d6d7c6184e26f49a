import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { enqueueOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { importedOrder } from "../../unit/orders-process/imported-order-factory.ts";
import { connectedShop, drainJobs, insertOrder, orderRow, startBusinessCentral } from "./harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});

afterAll(async () => {
  await bc.close();
});

describe("the ERP's request limit reached while processing", () => {
  it("keeps the order unprocessed (not in error) and brings its job back when the ERP says", async () => {
    const { shopId } = await connectedShop(bc);
    const orderId = await insertOrder(shopId, importedOrder());
    bc.failNext({ method: "POST", path: "/salesOrders$", count: 20, status: 429, retryAfter: 120 });
    await enqueueOrderProcessing(getDb(), { shopId, orderIds: [orderId] });
    await drainJobs(db.url);

    const order = await orderRow(shopId, orderId);
    expect(order).toMatchObject({ status: "unprocessed", errorMessage: null });
    const [event] =
      await db.sql`select kind, message from order_events where order_id = ${orderId} order by id desc limit 1`;
    expect(event).toMatchObject({ kind: "waiting", message: expect.stringMatching(/request limit/) });
    const jobs = await db.sql<{ attempts: number; due_in: number }[]>`
      select attempts, extract(epoch from run_at - now())::int as due_in from graphile_worker.jobs
      where task_identifier = 'orders__process'`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.attempts).toBe(0);
    expect(jobs[0]!.due_in).toBeGreaterThan(100);
    expect(jobs[0]!.due_in).toBeLessThanOrEqual(121);
  });
});
