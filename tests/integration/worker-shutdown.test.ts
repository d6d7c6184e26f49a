import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { testEnv } from "../setup/test-env.ts";
import { orderPayload, webhookRequest } from "../support/webhook-request.ts";
import { drainJobs } from "../support/worker.ts";

const root = path.resolve(import.meta.dirname, "../..");
let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

function startWorkerProcess(graceMs: number): {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
} {
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "worker/index.ts")], {
    cwd: root,
    env: {
      ...process.env,
      ...testEnv,
      DATABASE_URL: db.url,
      WORKER_CONCURRENCY: "1",
      WORKER_SHUTDOWN_GRACE_MS: String(graceMs),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** A webhook whose follow-up job will block on a row lock the test holds. */
async function enqueueBlockedJob(shop: string, id: number) {
  const response = await ordersCreate({
    request: webhookRequest({ topic: "orders/create", shop, body: orderPayload(id, "2026-11-01T10:00:00Z") }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  const reserved = await db.sql.reserve();
  await reserved`begin`;
  await reserved`select id from webhook_inbox where topic = 'orders/create' and status = 'received' for update`;
  return {
    release: async () => {
      await reserved`commit`;
      reserved.release();
    },
  };
}

async function waitForLockedJob(): Promise<void> {
  await expect
    .poll(
      // The webhook job itself (the worker's cron tick may be running too).
      async () =>
        (
          await db.sql`select count(*)::int as n from graphile_worker.jobs
            where locked_at is not null and task_identifier = 'webhook__process'`
        )[0]?.n,
      {
        timeout: 20_000,
        interval: 100,
      },
    )
    .toBe(1);
}

/** The webhook job's own effect; the order import it queues is tested in orders-import/. */
function inboxStatus(shop: string) {
  return db.sql`select i.status from webhook_inbox i join shops s on s.id = i.shop_id where s.domain = ${shop}`;
}

describe("worker shutdown on SIGTERM", () => {
  it("lets a running job finish, then exits with no job left locked", async () => {
    const lock = await enqueueBlockedJob("shutdown-finish.myshopify.com", 501);
    const worker = startWorkerProcess(20_000);
    await waitForLockedJob();

    worker.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await lock.release(); // the job can now complete, during the graceful shutdown

    expect(await worker.exited, worker.output()).toBe(0);
    expect(await db.sql`select id from graphile_worker.jobs where locked_at is not null`).toEqual([]);
    expect(await db.sql`select id from graphile_worker.jobs where task_identifier = 'webhook__process'`).toEqual([]);
    expect(await inboxStatus("shutdown-finish.myshopify.com")).toEqual([{ status: "processed" }]);
  });

  it("releases a job that outlives the grace period instead of leaving it locked", async () => {
    const lock = await enqueueBlockedJob("shutdown-release.myshopify.com", 502);
    const worker = startWorkerProcess(1_000);
    await waitForLockedJob();

    worker.child.kill("SIGTERM");
    expect(await worker.exited, worker.output()).toBe(0);
    await lock.release();

    const jobs =
      await db.sql`select locked_at, attempts from graphile_worker.jobs where task_identifier = 'webhook__process'`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.locked_at).toBeNull();
    expect(jobs[0]?.attempts).toBe(1); // the interrupted attempt counts; the retry is the next one

    await drainJobs(db.url); // any worker picks it up at once and finishes it
    expect(await db.sql`select id from graphile_worker.jobs where task_identifier = 'webhook__process'`).toEqual([]);
    expect(await inboxStatus("shutdown-release.myshopify.com")).toEqual([{ status: "processed" }]);
  });
});
