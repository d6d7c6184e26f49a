import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { enqueueImportEntries } from "../../../app/.server/tasks/orders-sync/enqueue.ts";
import { taskList } from "../../../worker/task-list.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { ORDER_CREATE, orderInput, startOrdersSandbox } from "./orders-sandbox.ts";

let db: TestDatabase;
let sandbox: Awaited<ReturnType<typeof startOrdersSandbox>>;

beforeAll(async () => {
  db = await useTestDatabase();
  sandbox = await startOrdersSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

const runDueImports = () =>
  runOnce({
    connectionString: db.url,
    taskList: { orders__import: taskList.orders__import! },
    logger: new Logger(() => () => {}),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });

const importJobs = () =>
  db.sql<
    {
      key: string | null;
      queue_name: string | null;
      payload: Array<{ orderId: string; attempt?: number }>;
      attempts: number;
      max_attempts: number;
    }[]
  >`
    select j.key, q.queue_name, j.payload, j.attempts, j.max_attempts from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    left join graphile_worker._private_job_queues q on q.id = j.job_queue_id where t.identifier = 'orders__import' order by j.id`;

describe("an order whose import fails", () => {
  it("is queued again by the import itself, so no job-level give-up can drop it", async () => {
    const shop = await sandbox.newShop("import-retries");
    const created = await shop.gql(ORDER_CREATE, { order: orderInput() });
    const orderId: string = created.orderCreate.order.id;
    const token = await db.sql`select "accessToken" as access_token from sessions where shop = ${shop.domain}`;
    // Shopify refuses the app for a while (a revoked token here; THROTTLED or a 5xx in real life).
    await db.sql`update sessions set "accessToken" = 'shpat_revoked' where shop = ${shop.domain}`;

    await enqueueImportEntries(getDb(), {
      shopId: shop.shopId,
      trigger: "webhook",
      entries: [{ orderId }],
      runAt: new Date(),
    });
    // graphile-worker sets a running keyed job's attempts to the maximum when a new add takes its
    // key; a job that then fails is never retried. Play that: the job is on its last attempt.
    await db.sql`update graphile_worker._private_jobs set max_attempts = 1 where key like 'orders__import:%'`;
    await runDueImports();

    // The job itself ended fine; the order waits in a new job of the shop's orders queue, under
    // the task's key, on its second attempt, a little later (same trigger as the first).
    const waiting = await importJobs();
    expect(waiting).toEqual([
      expect.objectContaining({
        key: `orders__import:${shop.shopId}`,
        queue_name: `orders:${shop.shopId}`,
        payload: [{ shopId: shop.shopId, trigger: "webhook", orderId, attempt: 2 }],
      }),
    ]);
    expect(await db.sql`select id from orders where shop_id = ${shop.shopId}`).toEqual([]);

    await db.sql`update sessions set "accessToken" = ${token[0]!.access_token} where shop = ${shop.domain}`;
    await db.sql`update graphile_worker._private_jobs set run_at = now() where key like 'orders__import:%'`;
    await runDueImports();
    expect(await db.sql`select shopify_order_id from orders where shop_id = ${shop.shopId}`).toEqual([
      { shopify_order_id: orderId },
    ]);
    expect(await importJobs()).toEqual([]);
  });
});
