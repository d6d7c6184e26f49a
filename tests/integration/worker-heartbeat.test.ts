import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { enqueueOrderProcessing } from "../../app/.server/tasks/orders-process/enqueue.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { testEnv } from "../setup/test-env.ts";
import { importedOrder } from "../unit/orders-process/imported-order-factory.ts";
import { connectedShop, insertOrder, orderRow, startBusinessCentral } from "./orders-process/harness.ts";

const root = path.resolve(import.meta.dirname, "../..");
const ORDERS = 8;
let db: TestDatabase;
let bc: BusinessCentralSandbox;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await bc.close();
});

/** A real `npm run worker` process with short heartbeat thresholds (defaults are 15 s / 60 s). */
function startWorkerProcess() {
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "worker/index.ts")], {
    cwd: root,
    env: {
      ...process.env,
      ...testEnv,
      DATABASE_URL: db.url,
      BUSINESS_CENTRAL_SANDBOX_URL: bc.url,
      WORKER_CONCURRENCY: "2",
      WORKER_HEARTBEAT_MS: "2000",
      WORKER_DEAD_AFTER_MS: "6000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, output: () => output };
}

/** The graphile-worker ids of a process, from its heartbeat rows. */
async function workerIdsOf(pid: number): Promise<string[]> {
  const rows = await db.sql<{ worker_id: string }[]>`select worker_id from worker_heartbeats where pid = ${pid}`;
  return rows.map((row) => row.worker_id);
}

async function jobsLockedBy(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from graphile_worker.jobs
    where task_identifier = 'orders__process' and locked_by = any(${ids})`;
  return row!.n;
}

describe("a worker SIGKILLed while processing orders", () => {
  it("has its jobs retried by the surviving worker: every order reaches the ERP exactly once", async () => {
    // Background syncs off: no scheduled "process pending orders" run may rescue the stuck order.
    const { shopId, company } = await connectedShop(bc, { allowBackgroundSyncs: false });
    const orders = Array.from({ length: ORDERS }, () => importedOrder());
    const orderIds: number[] = [];
    for (const order of orders) {
      const id = await insertOrder(shopId, order);
      orderIds.push(id);
      await enqueueOrderProcessing(getDb(), { shopId, orderIds: [id] });
    }
    // BC creates each document, then holds its answer: a kill lands mid-job.
    bc.setKnobs({ delayAnswers: { method: "POST", path: "/salesOrders$", ms: 3_000 } });

    const victim = startWorkerProcess();
    await expect
      .poll(async () => jobsLockedBy(await workerIdsOf(victim.child.pid!)), {
        timeout: 30_000,
        interval: 50,
        message: victim.output(),
      })
      .toBeGreaterThan(0);
    const survivor = startWorkerProcess();
    await expect
      .poll(async () => (await workerIdsOf(survivor.child.pid!)).length, {
        timeout: 30_000,
        message: survivor.output(),
      })
      .toBeGreaterThan(0);

    const victimIds = await workerIdsOf(victim.child.pid!);
    const lockedWhenKilled = await jobsLockedBy(victimIds);
    victim.child.kill("SIGKILL");
    await victim.exited;
    const killedAt = Date.now();
    expect(lockedWhenKilled).toBeGreaterThan(0);

    const unprocessed = async () => {
      let left = 0;
      for (const id of orderIds) if ((await orderRow(shopId, id)).status !== "processed") left += 1;
      return left;
    };
    // Far under the two minutes: dead after 6 s, swept every 4 s, then the job itself.
    await expect.poll(unprocessed, { timeout: 60_000, interval: 250, message: survivor.output() }).toBe(0);
    const recoveredInMs = Date.now() - killedAt;
    console.log(`every order processed ${recoveredInMs} ms after the kill (${lockedWhenKilled} jobs were locked)`);

    for (const order of orders) {
      const documents = company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === order.name);
      expect(documents, order.name).toHaveLength(1);
    }
    expect(await jobsLockedBy(victimIds)).toBe(0);
    expect(await workerIdsOf(victim.child.pid!)).toEqual([]);
    expect(survivor.output()).toMatch(/released the jobs of dead workers/);

    bc.setKnobs({ delayAnswers: null });
    survivor.child.kill("SIGTERM");
    await survivor.exited;
    expect(survivor.child.exitCode).toBe(0);
    // A clean stop deletes its own heartbeat: a stopped worker is not a dead one.
    expect(await workerIdsOf(survivor.child.pid!)).toEqual([]);
  }, 150_000);

  it("never releases a live worker's job, however long it runs", async () => {
    const { shopId, company } = await connectedShop(bc, { allowBackgroundSyncs: false });
    const order = importedOrder();
    const orderId = await insertOrder(shopId, order);
    // Longer than the dead-after time (6 s): only the heartbeat tells this worker is alive.
    bc.setKnobs({ delayAnswers: { method: "POST", path: "/salesOrders$", ms: 12_000 } });
    const workers = [startWorkerProcess(), startWorkerProcess()];
    for (const worker of workers) {
      await expect
        .poll(async () => (await workerIdsOf(worker.child.pid!)).length, { timeout: 30_000 })
        .toBeGreaterThan(0);
    }
    await enqueueOrderProcessing(getDb(), { shopId, orderIds: [orderId] });
    /** The job's lock: undefined once the job is done (its row is gone), null when unlocked. */
    const lockedBy = async () =>
      (
        await db.sql<{ locked_by: string | null }[]>`select locked_by from graphile_worker.jobs
          where task_identifier = 'orders__process'`
      )[0]?.locked_by;
    await expect.poll(async () => (await lockedBy()) ?? null, { timeout: 30_000, interval: 50 }).not.toBeNull();
    const holder = await lockedBy();

    // Through several sweeps and past the dead-after time, the job stays with its worker.
    for (let second = 0; second < 9; second += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const now = await lockedBy();
      if (now === undefined) break;
      expect(now, `after ${second + 1} s`).toBe(holder);
    }
    await expect.poll(async () => (await orderRow(shopId, orderId)).status, { timeout: 30_000 }).toBe("processed");
    expect(company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === order.name)).toHaveLength(1);
    expect(workers.map((worker) => worker.output()).join("")).not.toMatch(/released the jobs/);

    bc.setKnobs({ delayAnswers: null });
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
  }, 120_000);
});
