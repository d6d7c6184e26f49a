import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { markShopInstalled, markShopUninstalled } from "../../app/.server/queries/shops.ts";
import { enqueueRun, runJobKey, runQueue } from "../../app/.server/runs/enqueue-run.ts";
import {
  ensureEntries,
  holdAllEntries,
  listEntries,
  setEntriesTimezone,
  updateEntry,
} from "../../app/.server/runs/entries.ts";
import { enqueueDueEntries } from "../../app/.server/runs/tick.ts";
import { ordersSyncTask } from "../../app/.server/tasks/orders-sync/task.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { shipmentsSyncTask } from "../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let shopCount = 0;

beforeAll(async () => {
  db = await useTestDatabase();
});

// The tick takes every shop's due entries: each test starts from an empty job queue.
beforeEach(async () => {
  await db.sql`delete from job_queue_entries`;
  await db.sql`delete from graphile_worker._private_jobs`;
});

/** An installed shop in a time zone, with the registry's entries made at `now`. */
async function shopIn(timezone: string, now: Date): Promise<number> {
  shopCount += 1;
  const shopId = await markShopInstalled(getDb(), { domain: `tick-${shopCount}.myshopify.com`, scopes: null, at: now });
  await setEntriesTimezone(getDb(), { shopId, timezone, now });
  await db.sql`update shops set iana_timezone = ${timezone} where id = ${shopId}`;
  await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shopId], now });
  return shopId;
}

async function connectErp(shopId: number) {
  await db.sql`insert into erp_connections (shop_id, kind, settings, sealed_secret, company_name)
    values (${shopId}, 'business-central', '{}'::jsonb, 'sealed', 'Test company')`;
}

const jobs = (task: string) =>
  db.sql<
    {
      queue_name: string | null;
      key: string | null;
      run_at: Date;
      payload: unknown;
      max_attempts: number;
      priority: number;
    }[]
  >`
    select q.queue_name, j.key, j.run_at, j.payload, j.max_attempts, j.priority
    from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
    where t.identifier = ${task} order by j.id`;

const nextRunAt = async (shopId: number, task: string) =>
  (await listEntries(getDb(), shopId)).find((e) => e.task === task)?.nextRunAt?.toISOString() ?? null;

/** Only "Sync orders" on, daily at 02:30 in the shop's zone (its other entries on hold). */
async function dailyAt0230(shopId: number, now: Date) {
  await holdAllEntries(getDb(), { shopId, onHold: true, now });
  await updateEntry(getDb(), {
    shopId,
    task: "orders__reconcile",
    recurrence: { kind: "daily", time: "02:30" },
    onHold: false,
    now,
    by: "merchant",
  });
}

/**
 * Ticks every five minutes from `from` to `to` (as workers would, each tick's jobs taken away):
 * the instants at which a run was queued, with the job's run_at and the entry's next run after it.
 */
async function tickThrough(shopId: number, from: Date, to: Date) {
  const queued: { tick: string; runAt: string; next: string | null }[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 5 * 60_000) {
    const now = new Date(t);
    const result = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now });
    if (result.enqueued === 0) continue;
    const [job] = await jobs("orders__reconcile");
    queued.push({
      tick: now.toISOString(),
      runAt: job!.run_at.toISOString(),
      next: await nextRunAt(shopId, "orders__reconcile"),
    });
    await db.sql`delete from graphile_worker._private_jobs`;
  }
  return queued;
}

describe("the minute tick across daylight-saving changes (Europe/Berlin, daily 02:30)", () => {
  it("spring-forward, 2026-03-29: one run that day, at 03:00 local (01:00 UTC)", async () => {
    const from = new Date("2026-03-28T12:00:00Z");
    const shopId = await shopIn("Europe/Berlin", from);
    await dailyAt0230(shopId, from);
    expect(await nextRunAt(shopId, "orders__reconcile")).toBe("2026-03-29T01:00:00.000Z");

    const queued = await tickThrough(shopId, from, new Date("2026-03-30T12:00:00Z"));
    expect(queued).toEqual([
      { tick: "2026-03-29T01:00:00.000Z", runAt: "2026-03-29T01:00:00.000Z", next: "2026-03-30T00:30:00.000Z" },
      { tick: "2026-03-30T00:30:00.000Z", runAt: "2026-03-30T00:30:00.000Z", next: "2026-03-31T00:30:00.000Z" },
    ]);
  }, 120_000);

  it("fall-back, 2026-10-25: one run that day, at the first 02:30 (00:30 UTC), not again an hour later", async () => {
    const from = new Date("2026-10-24T12:00:00Z");
    const shopId = await shopIn("Europe/Berlin", from);
    await dailyAt0230(shopId, from);

    const queued = await tickThrough(shopId, from, new Date("2026-10-26T12:00:00Z"));
    expect(queued).toEqual([
      { tick: "2026-10-25T00:30:00.000Z", runAt: "2026-10-25T00:30:00.000Z", next: "2026-10-26T01:30:00.000Z" },
      { tick: "2026-10-26T01:30:00.000Z", runAt: "2026-10-26T01:30:00.000Z", next: "2026-10-27T01:30:00.000Z" },
    ]);
  }, 120_000);

  it("a late tick queues one run, not one per missed time, and moves the entry past now", async () => {
    const from = new Date("2026-03-28T12:00:00Z");
    const shopId = await shopIn("Europe/Berlin", from);
    await dailyAt0230(shopId, from);
    // The worker was down for three days.
    const result = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date("2026-04-01T09:00:00Z") });
    expect(result).toEqual({ enqueued: 1, due: 1 });
    expect(await jobs("orders__reconcile")).toHaveLength(1);
    expect(await nextRunAt(shopId, "orders__reconcile")).toBe("2026-04-02T00:30:00.000Z");
  });
});

describe("what the tick leaves out", () => {
  const from = new Date("2026-06-01T10:00:00Z");
  const later = new Date("2026-06-01T12:00:00Z");

  it("does not queue an entry on hold, and leaves its next run alone", async () => {
    const shopId = await shopIn("UTC", from);
    await holdAllEntries(getDb(), { shopId, onHold: true, now: from });
    const before = await listEntries(getDb(), shopId);
    expect(await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later })).toEqual({ enqueued: 0, due: 0 });
    expect(await db.sql`select id from graphile_worker.jobs`).toHaveLength(0);
    expect(await listEntries(getDb(), shopId)).toEqual(before);
  });

  it("moves an uninstalled shop's entries on without a job", async () => {
    const shopId = await shopIn("UTC", from);
    await markShopUninstalled(getDb(), { shopId, domain: `tick-${shopCount}.myshopify.com`, at: from });
    const result = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later });
    // Eleven entries are due (orders, processing, refunds, payments, shipments, products, prices, images, inventory, customers, companies); posting is on hold by default, the drift report is daily.
    expect(result).toEqual({ enqueued: 0, due: 11 });
    expect(await db.sql`select id from graphile_worker.jobs`).toHaveLength(0);
    expect(await nextRunAt(shopId, "orders__reconcile")).toBe(
      // every 5 minutes, spread by shop id
      new Date(later.getTime() + (shopId % 5 || 5) * 60_000).toISOString(),
    );
  });

  it("does not queue a task that needs an ERP for a shop without a connection; does for one with", async () => {
    const lonely = await shopIn("UTC", from);
    const connected = await shopIn("UTC", from);
    await connectErp(connected);
    const result = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later });
    expect(result.due).toBe(22);
    const queued = await db.sql<{ task_identifier: string; queue_name: string }[]>`
      select task_identifier, queue_name from graphile_worker.jobs order by task_identifier, queue_name`;
    expect(queued).toEqual(
      [
        // Customers and companies are imported with their orders by default: the tasks run (and find little to do).
        { task_identifier: "companies__sync", queue_name: `customers:${connected}` },
        { task_identifier: "customers__sync", queue_name: `customers:${connected}` },
        { task_identifier: "orders__process", queue_name: `order-documents:${connected}` },
        { task_identifier: "orders__reconcile", queue_name: `orders:${connected}` },
        { task_identifier: "orders__reconcile", queue_name: `orders:${lonely}` },
        // Refunds and payments are imported (not sent to the ERP) by default.
        { task_identifier: "refunds__process", queue_name: `order-documents:${connected}` },
        { task_identifier: "payments__sync", queue_name: `payments:${connected}` },
        { task_identifier: "shipments__sync", queue_name: `shipments:${connected}` },
      ].sort((a, b) => a.task_identifier.localeCompare(b.task_identifier) || a.queue_name.localeCompare(b.queue_name)),
    );
    // Product, price, picture and stock sync are off in the shops' settings: their entries move on, no run is queued.
    expect(result.enqueued).toBe(8);
    // The lonely shop's ERP entries moved on all the same: no pile-up when it connects.
    expect(new Date((await nextRunAt(lonely, "shipments__sync"))!).getTime()).toBeGreaterThan(later.getTime());
  });

  it("queues a task whose setting requirement holds, as stored in the shop's settings", async () => {
    const shopId = await shopIn("UTC", from);
    await connectErp(shopId);
    await db.sql`update shops set settings = jsonb_set(settings, '{products}', '{"direction": "erp_to_shopify"}'::jsonb) where id = ${shopId}`;
    await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later });
    const queued = await db.sql<{ task_identifier: string }[]>`
      select task_identifier from graphile_worker.jobs where queue_name = ${`catalog:${shopId}`} order by task_identifier`;
    // Products and prices now; pictures stay off (their own setting).
    expect(queued.map((q) => q.task_identifier)).toEqual(["prices__sync", "products__sync"]);
  });
});

describe("the tick's jobs are enqueueRun's", () => {
  const from = new Date("2026-06-01T10:00:00Z");
  const later = new Date("2026-06-01T12:00:00Z");

  it("uses the same queue, job key, attempts and priority", async () => {
    const shopId = await shopIn("UTC", from);
    await connectErp(shopId);
    await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later });
    const byTick = await jobs("shipments__sync");
    await db.sql`delete from graphile_worker._private_jobs`;
    await enqueueRun(getDb(), shipmentsSyncTask, { shopId, trigger: "schedule", runAt: later });
    const byEnqueueRun = await jobs("shipments__sync");
    expect(byTick).toEqual(byEnqueueRun);
    expect(byTick).toEqual([
      {
        queue_name: runQueue(shipmentsSyncTask, shopId, null),
        key: runJobKey(shipmentsSyncTask, shopId),
        run_at: later,
        payload: { shopId, trigger: "schedule" },
        max_attempts: 3,
        priority: 0,
      },
    ]);
  });

  it("coalesces with a waiting Run now: one job, at the earlier time", async () => {
    const shopId = await shopIn("UTC", from);
    const runNowAt = new Date(later.getTime() - 30_000);
    await enqueueRun(getDb(), ordersSyncTask, { shopId, trigger: "manual", runAt: runNowAt });
    await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later });
    const waiting = await jobs("orders__reconcile");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.key).toBe(runJobKey(ordersSyncTask, shopId));
    expect(waiting[0]!.run_at).toEqual(runNowAt);
  });

  it("two ticks at once queue each due entry once", async () => {
    const shopIds = [await shopIn("UTC", from), await shopIn("Europe/Berlin", from), await shopIn("Asia/Tokyo", from)];
    const [a, b] = await Promise.all([
      enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later }),
      enqueueDueEntries(getDb(), { tasks: taskRegistry, now: later }),
    ]);
    // Due in those two hours: every entry but the on-hold posting and the daily drift report.
    expect(a.due + b.due).toBe(shopIds.length * 11);
    expect(await jobs("orders__reconcile")).toHaveLength(shopIds.length);
  });
});
