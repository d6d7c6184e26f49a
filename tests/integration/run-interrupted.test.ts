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

interface RunRow {
  id: number;
  job_id: number;
  status: string;
  trigger: string;
  attempts: number;
  error_message: string | null;
  finished_at: Date | null;
}

const runsOf = (shopId: number) =>
  db.sql<RunRow[]>`select id::int, job_id::int, status, trigger, attempts, error_message, finished_at
    from task_runs where shop_id = ${shopId} and task = 'orders__process' order by id`;

describe("a run whose worker is SIGKILLed mid-way", () => {
  it("is marked interrupted, with a message, and retried as a new run of the same job that succeeds", async () => {
    const { shopId, company } = await connectedShop(bc, { allowBackgroundSyncs: false });
    const order = importedOrder();
    const orderId = await insertOrder(shopId, order);
    // BC holds its answer to the sales order: the kill lands while the run waits on it.
    bc.setKnobs({ delayAnswers: { method: "POST", path: "/salesOrders$", ms: 4_000 } });
    await enqueueOrderProcessing(getDb(), { shopId, orderIds: [orderId] });

    const victim = startWorkerProcess();
    await expect
      .poll(async () => (await runsOf(shopId)).map((r) => r.status), {
        timeout: 45_000,
        interval: 50,
        message: victim.output(),
      })
      .toEqual(["running"]);
    const [started] = await runsOf(shopId);
    victim.child.kill("SIGKILL");
    await victim.exited;
    bc.setKnobs({ delayAnswers: null });

    const survivor = startWorkerProcess();
    await expect
      .poll(async () => (await runsOf(shopId)).map((r) => r.status), {
        timeout: 90_000,
        interval: 250,
        message: survivor.output(),
      })
      .toEqual(["interrupted", "succeeded"]);
    const [interrupted, retried] = await runsOf(shopId);
    expect(interrupted).toMatchObject({ id: started!.id, job_id: started!.job_id, trigger: "webhook", attempts: 1 });
    expect(interrupted!.error_message).toMatch(/worker running this stopped before the run ended/);
    expect(interrupted!.finished_at).not.toBeNull();
    expect(retried).toMatchObject({ job_id: started!.job_id, trigger: "retry", attempts: 2, error_message: null });
    expect((await orderRow(shopId, orderId)).status).toBe("processed");
    // The sales order BC made before the kill is found again, not doubled.
    expect(company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === order.name)).toHaveLength(1);

    survivor.child.kill("SIGTERM");
    await survivor.exited;
  }, 180_000);
});
