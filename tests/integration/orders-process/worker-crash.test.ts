import { spawn } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { enqueueOrderProcessing, requestOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { testEnv } from "../../setup/test-env.ts";
import { importedOrder } from "../../unit/orders-process/imported-order-factory.ts";
import { connectedShop, drainJobs, insertOrder, orderRow, startBusinessCentral } from "./harness.ts";

const root = path.resolve(import.meta.dirname, "../../..");
let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});

afterAll(async () => {
  await bc.close();
});

describe("a worker killed while Business Central is creating the order's document", () => {
  it("leaves no duplicate and no half document once processing runs again", async () => {
    const { shopId, company } = await connectedShop(bc);
    const order = importedOrder();
    const orderId = await insertOrder(shopId, order);
    await enqueueOrderProcessing(getDb(), { shopId, orderIds: [orderId] });
    // BC does the insert, then holds its answer: the worker dies in that window.
    bc.setKnobs({ delayAnswers: { method: "POST", path: "/salesOrders$", ms: 10_000 } });

    let output = "";
    const worker = spawn(process.execPath, [path.join(root, "worker/index.ts")], {
      cwd: root,
      env: {
        ...process.env,
        ...testEnv,
        DATABASE_URL: db.url,
        BUSINESS_CENTRAL_SANDBOX_URL: bc.url,
        WORKER_CONCURRENCY: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    const documentsFor = () => company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === order.name);

    await expect.poll(() => documentsFor().length, { timeout: 30_000, interval: 50, message: output }).toBe(1);
    worker.kill("SIGKILL");
    await exited;
    bc.setKnobs({ delayAnswers: null });

    expect((await orderRow(shopId, orderId)).status).not.toBe("processed");
    // The dead worker's job stays locked until a surviving worker's sweep frees it (worker-heartbeat
    // test); here the scheduled "process pending orders" run queues a fresh one for the same order.
    await requestOrderProcessing(getDb(), { shopId });
    await drainJobs(db.url);

    const documents = documentsFor();
    expect(documents).toHaveLength(1);
    const after = await orderRow(shopId, orderId);
    expect(after).toMatchObject({ status: "processed", erpDocumentId: documents[0]!.id });
    expect(company.salesOrderLines.all().filter((line) => line.documentId === documents[0]!.id).length).toBeGreaterThan(
      0,
    );
  });
});
