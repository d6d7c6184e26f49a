import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { listActivity } from "../../app/.server/queries/activity.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { loadRunsChart } from "../../app/.server/runs-page/runs-chart.ts";
import type * as ActivityRoute from "../../app/routes/app.activity.$tile.tsx";
import type * as OrderRoute from "../../app/routes/app.orders.$id.tsx";
import type * as RunsRoute from "../../app/routes/app.runs._index.tsx";
import type * as RunRoute from "../../app/routes/app.runs.$id.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";
import { importedOrder } from "../unit/orders-process/imported-order-factory.ts";

// The run history as Remix calls it: real Requests with session tokens, real Postgres, rows
// inserted as the run records would leave them.
const SHOP = "runs-page.myshopify.com";
const OTHER = "runs-other.myshopify.com";
let db: TestDatabase;
let shopId: number;
let otherId: number;
let runsRoute: typeof RunsRoute;
let runRoute: typeof RunRoute;
let orderRoute: typeof OrderRoute;
let activityRoute: typeof ActivityRoute;

interface RunRow {
  task?: string;
  status?: string;
  trigger?: string;
  dry_run?: boolean;
  queued_at: string;
  finished_at?: string | null;
  counts?: Record<string, number>;
  summary?: string | null;
  error_message?: string | null;
  retry_job?: unknown;
  progress_done?: number;
  progress_total?: number | null;
}

async function addRun(row: RunRow, forShop = shopId): Promise<number> {
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, planned: 0, ...row.counts };
  const [inserted] = await db.sql<{ id: number }[]>`
    insert into task_runs (shop_id, task, category, trigger, status, dry_run, queued_at, started_at, finished_at,
      counts, summary, error_message, retry_job, progress_done, progress_total)
    values (${forShop}, ${row.task ?? "orders__reconcile"}, 'orders', ${row.trigger ?? "schedule"},
      ${row.status ?? "succeeded"}, ${row.dry_run ?? false}, ${row.queued_at}, ${row.queued_at},
      ${row.finished_at === undefined ? new Date(Date.parse(row.queued_at) + 12_000).toISOString() : row.finished_at},
      ${db.sql.json(counts)}, ${row.summary ?? null}, ${row.error_message ?? null},
      ${row.retry_job ? db.sql.json(row.retry_job as never) : null}, ${row.progress_done ?? 0}, ${row.progress_total ?? null})
    returning id`;
  return Number(inserted!.id);
}

async function addRecord(
  runId: number,
  record: { type: string; key: string; outcome: string; reason?: string; label?: string },
  forShop = shopId,
) {
  await db.sql`insert into task_run_records (shop_id, run_id, record_type, record_key, label, outcome, reason)
    values (${forShop}, ${runId}, ${record.type}, ${record.key}, ${record.label ?? null}, ${record.outcome},
      ${record.reason ?? null})`;
}

async function addOrder(name: string, forShop = shopId): Promise<number> {
  const snapshot = importedOrder({ name, shopifyOrderId: `gid://shopify/Order/${forShop}${name.slice(1)}` });
  const [row] = await db.sql<{ id: number }[]>`
    insert into orders (shop_id, shopify_order_id, name, status, snapshot, shopify_updated_at)
    values (${forShop}, ${snapshot.shopifyOrderId}, ${name}, 'processed', ${db.sql.json(snapshot as never)},
      ${snapshot.updatedAt}) returning id`;
  return Number(row!.id);
}

const listRuns = (search = "") => runsRoute.loader(routeArgs(adminRequest(SHOP, `/app/runs${search}`)));
const runPage = (id: number, search = "", shop = SHOP) =>
  runRoute.loader(routeArgs(adminRequest(shop, `/app/runs/${id}${search}`), { id: String(id) }));

let reconcileRun: number;
let failedShipments: number;
let previewRun: number;
let orderId: number;
let otherOrderId: number;
let otherShopRun: number;

beforeAll(async () => {
  db = await useTestDatabase();
  shopId = await ensureShop(getDb(), SHOP);
  otherId = await ensureShop(getDb(), OTHER);
  await db.sql`update shops set iana_timezone = 'America/New_York', currency_code = 'USD' where id in (${shopId}, ${otherId})`;
  await signInShop(SHOP);
  await signInShop(OTHER);
  runsRoute = await import("../../app/routes/app.runs._index.tsx");
  runRoute = await import("../../app/routes/app.runs.$id.tsx");
  orderRoute = await import("../../app/routes/app.orders.$id.tsx");
  activityRoute = await import("../../app/routes/app.activity.$tile.tsx");

  orderId = await addOrder("#1001");
  otherOrderId = await addOrder("#1002");
  // 02:30 UTC on Oct 3 is still Oct 2 in New York.
  reconcileRun = await addRun({
    queued_at: "2026-10-03T02:30:00Z",
    counts: { created: 2, updated: 1 },
    summary: "listed 3 changed order(s), read 3",
  });
  failedShipments = await addRun({
    task: "shipments__sync",
    status: "failed",
    queued_at: "2026-10-03T15:00:00Z",
    error_message: "The ERP could not be reached.",
    retry_job: { task: "shipments__sync", payload: { shopId } },
  });
  previewRun = await addRun({
    task: "orders__process",
    trigger: "manual",
    dry_run: true,
    queued_at: "2026-10-04T10:00:00Z",
    counts: { planned: 1 },
  });
  await addRecord(reconcileRun, { type: "order", key: String(orderId), outcome: "created" });
  await addRecord(reconcileRun, { type: "order", key: String(otherOrderId), outcome: "updated" });
  await addRecord(reconcileRun, {
    type: "order",
    key: "gid://shopify/Order/77",
    label: "Shopify order 77",
    outcome: "skipped",
    reason: "Created before the import start date",
  });
  await addRecord(failedShipments, {
    type: "shipment",
    key: "S-SHP1001",
    label: "Shipment S-SHP1001",
    outcome: "failed",
    reason: "no fulfillment order",
  });
  await addRecord(previewRun, {
    type: "order",
    key: String(orderId),
    outcome: "planned",
    reason: "would create a sales order",
  });
  await addRecord(previewRun, { type: "order-document", key: "SO-1", label: "#1001 SO-1", outcome: "planned" });
  // Another shop's run touches "the same" order key and fails: it must show nowhere for SHOP.
  otherShopRun = await addRun(
    { task: "shipments__sync", status: "failed", queued_at: "2026-10-05T10:00:00Z", error_message: "other shop" },
    otherId,
  );
  await addRecord(otherShopRun, { type: "order", key: String(orderId), outcome: "failed" }, otherId);
});

describe("the Runs page", () => {
  it("lists the shop's runs newest first with title, trigger, preview, duration, status and counts", async () => {
    const page = await listRuns();
    expect(page.rows.map((r) => r.id)).toEqual([previewRun, failedShipments, reconcileRun]);
    expect(page.rows[0]).toMatchObject({ title: "Process orders", preview: true, trigger: "Run now" });
    expect(page.rows[1]).toMatchObject({
      title: "Sync shipments",
      badge: { label: "Failed", tone: "critical" },
      summary: "The ERP could not be reached.",
    });
    expect(page.rows[2]).toMatchObject({
      title: "Sync orders",
      trigger: "Schedule",
      started: "Oct 2, 2026, 10:30 PM",
      duration: "12 s",
      counts: { created: 2, updated: 1, unchanged: 0, skipped: 0, failed: 0, planned: 0 },
      summary: "listed 3 changed order(s), read 3",
    });
  });

  it("never shows another shop's runs, and another shop sees only its own", async () => {
    expect((await listRuns()).rows.map((r) => r.id)).not.toContain(otherShopRun);
    const other = await runsRoute.loader(routeArgs(adminRequest(OTHER, "/app/runs")));
    expect(other.rows.map((r) => r.id)).toEqual([otherShopRun]);
  });

  it("filters by task, status, trigger and record", async () => {
    expect((await listRuns("?task=shipments__sync")).rows.map((r) => r.id)).toEqual([failedShipments]);
    expect((await listRuns("?status=succeeded")).rows.map((r) => r.id)).toEqual([previewRun, reconcileRun]);
    expect((await listRuns("?trigger=manual")).rows.map((r) => r.id)).toEqual([previewRun]);
    expect((await listRuns("?task=orders__reconcile&status=failed")).rows).toEqual([]);
    expect((await listRuns(`?record=order:${orderId}`)).rows.map((r) => r.id)).toEqual([previewRun, reconcileRun]);
    expect((await listRuns("?record=shipment:S-SHP1001")).rows.map((r) => r.id)).toEqual([failedShipments]);
  });

  it("filters by days of the shop's time zone, both ends inclusive", async () => {
    expect((await listRuns("?from=2026-10-02&to=2026-10-02")).rows.map((r) => r.id)).toEqual([reconcileRun]);
    expect((await listRuns("?from=2026-10-03")).rows.map((r) => r.id)).toEqual([previewRun, failedShipments]);
    expect((await listRuns("?to=2026-10-03")).rows.map((r) => r.id)).toEqual([failedShipments, reconcileRun]);
  });

  it("drops filter values that are not the registry's or not dates instead of failing", async () => {
    const page = await listRuns(`?task=${encodeURIComponent("x'; drop table task_runs")}&status=nope&from=2026-13-45`);
    expect(page.query).toMatchObject({ task: undefined, status: undefined, from: undefined });
    expect(page.rows).toHaveLength(3);
    expect(page.filters.tasks.map((t) => t.label)).toContain("Sync shipments");
  });

  it("pages 50 at a time without skipping or repeating a run", async () => {
    const shop = await ensureShop(getDb(), "runs-paging.myshopify.com");
    await signInShop("runs-paging.myshopify.com");
    const ids: number[] = [];
    // 120 runs, some sharing one queued_at: the id breaks the tie.
    for (let i = 0; i < 120; i++) {
      ids.push(await addRun({ queued_at: new Date(Date.UTC(2026, 9, 1, 0, Math.floor(i / 3))).toISOString() }, shop));
    }
    const page = (n: number) =>
      runsRoute.loader(routeArgs(adminRequest("runs-paging.myshopify.com", `/app/runs?page=${n}`)));
    const pages = [await page(0), await page(1), await page(2)];
    expect(pages.map((p) => [p.rows.length, p.hasNext])).toEqual([
      [50, true],
      [50, true],
      [20, false],
    ]);
    const seen = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe("a run's page", () => {
  it("shows trigger, times, counts and each record with a link to its page", async () => {
    const page = await runPage(reconcileRun);
    expect(page.run).toMatchObject({
      title: "Sync orders",
      trigger: "Schedule",
      started: "Oct 2, 2026, 10:30 PM",
      finished: "Oct 2, 2026, 10:30 PM",
      duration: "12 s",
      badge: { label: "Succeeded" },
      running: false,
      canRetry: false,
      problem: null,
    });
    expect(page.records.map((r) => [r.label, r.href, r.badge.label, r.reason])).toEqual([
      ["Order #1001", `/app/orders/${orderId}`, "Created", ""],
      ["Order #1002", `/app/orders/${otherOrderId}`, "Updated", ""],
      ["Shopify order 77", null, "Skipped", "Created before the import start date"],
    ]);
    const shipment = await runPage(failedShipments);
    expect(shipment.records.map((r) => r.href)).toEqual(["/app/shipments?shipment=S-SHP1001"]);
    const preview = await runPage(previewRun);
    expect(preview.run.preview).toBe(true);
    expect(preview.records.map((r) => [r.label, r.href])).toEqual([
      ["Order #1001", `/app/orders/${orderId}`],
      ["#1001 SO-1", null],
    ]);
  });

  it("filters the records by outcome and pages them", async () => {
    expect((await runPage(reconcileRun, "?outcome=skipped")).records.map((r) => r.key)).toEqual([
      "gid://shopify/Order/77",
    ]);
    const big = await addRun({ queued_at: "2026-09-01T00:00:00Z" });
    await db.sql`insert into task_run_records (shop_id, run_id, record_type, record_key, outcome)
      select ${shopId}, ${big}, 'order', 'k' || n, 'unchanged' from generate_series(1, 130) n`;
    const first = await runPage(big);
    const second = await runPage(big, "?page=1");
    expect([first.records.length, first.hasNextRecords, second.records.length, second.hasNextRecords]).toEqual([
      100,
      true,
      30,
      false,
    ]);
    expect(second.records[0]?.key).toBe("k101");
  });

  it("is not found for another shop's run", async () => {
    await expect(runPage(otherShopRun)).rejects.toMatchObject({ status: 404 });
    await expect(runPage(reconcileRun, "", OTHER)).rejects.toMatchObject({ status: 404 });
  });

  it("says while running how far it got, and refreshes (running flag)", async () => {
    const running = await addRun({
      status: "running",
      queued_at: new Date().toISOString(),
      finished_at: null,
      progress_done: 40,
      progress_total: 100,
    });
    const page = await runPage(running);
    expect(page.run).toMatchObject({ running: true, progress: { done: 40, total: 100 }, finished: "" });
  });

  it("explains a failure in plain words and retries it once, in its task's queue", async () => {
    const before = await runPage(failedShipments);
    expect(before.run).toMatchObject({ problem: "The ERP could not be reached.", canRetry: true, retried: false });
    const retry = () =>
      runRoute.action(
        routeArgs(adminRequest(SHOP, `/app/runs/${failedShipments}`, { form: { intent: "retry" } }), {
          id: String(failedShipments),
        }),
      );
    expect(await retry()).toEqual({ ok: true, message: "Queued again" });
    const jobs = await db.sql`select queue_name from graphile_worker.jobs where task_identifier = 'shipments__sync'`;
    expect(jobs.map((j) => j.queue_name)).toEqual([`shipments:${shopId}`]);
    expect((await runPage(failedShipments)).run).toMatchObject({ canRetry: false, retried: true });
    expect(await retry()).toEqual({ ok: false, message: "Already retried, or nothing to retry." });
    // Another shop cannot retry it either.
    const foreign = await runRoute.action(
      routeArgs(adminRequest(OTHER, `/app/runs/${otherShopRun}`, { form: { intent: "retry" } }), {
        id: String(failedShipments),
      }),
    );
    expect(foreign).toMatchObject({ ok: false });
  });
});

describe("the order page's Runs card", () => {
  it("lists the runs that touched the order, newest first, with outcome and reason, never another shop's", async () => {
    const page = await orderRoute.loader(
      routeArgs(adminRequest(SHOP, `/app/orders/${orderId}`), { id: String(orderId) }),
    );
    expect(page.runs.map((r) => [r.href, r.task, r.outcome.label, r.reason, r.preview])).toEqual([
      [`/app/runs/${previewRun}`, "Process orders", "Planned", "would create a sales order", true],
      [`/app/runs/${reconcileRun}`, "Sync orders", "Created", "", false],
    ]);
    const other = await orderRoute.loader(
      routeArgs(adminRequest(SHOP, `/app/orders/${otherOrderId}`), { id: String(otherOrderId) }),
    );
    expect(other.runs.map((r) => r.href)).toEqual([`/app/runs/${reconcileRun}`]);
  });

  it("shows at most the last 10 runs", async () => {
    const lone = await addOrder("#1003");
    for (let i = 0; i < 12; i++) {
      const run = await addRun({ queued_at: new Date(Date.UTC(2026, 10, 1, i)).toISOString() });
      await addRecord(run, { type: "order", key: String(lone), outcome: "unchanged" });
    }
    const page = await orderRoute.loader(routeArgs(adminRequest(SHOP, `/app/orders/${lone}`), { id: String(lone) }));
    expect(page.runs).toHaveLength(10);
  });
});

describe("the dashboard", () => {
  it("lists failed runs of any task as synchronization errors, each linking to its run", async () => {
    const failedImport = await addRun({
      task: "orders__import",
      status: "failed",
      queued_at: "2026-10-06T10:00:00Z",
      error_message: "Shopify answered 500",
    });
    await addRun({ task: "documents__post", status: "retrying", queued_at: "2026-10-06T11:00:00Z" });
    const page = await activityRoute.loader(
      routeArgs(adminRequest(SHOP, "/app/activity/sync-errors"), { tile: "sync-errors" }),
    );
    // The shipments failure was retried above (dismissed): only the import's failure is left.
    expect(page.rows.map((r) => [r.title, r.href, r.detail])).toEqual([
      ["Sync orders (webhooks)", `/app/runs/${failedImport}`, "Shopify answered 500"],
    ]);
    const other = await listActivity(getDb(), otherId, "sync-errors");
    expect(other.map((r) => r.href)).toEqual([`/app/runs/${otherShopRun}`]);
  });

  it("charts runs per day of the shop's zone by outcome over the last 14 days, from one query", async () => {
    const shop = await ensureShop(getDb(), "runs-chart.myshopify.com");
    await db.sql`update shops set iana_timezone = 'America/New_York' where id = ${shop}`;
    const at = (iso: string, status: string) => addRun({ queued_at: iso, status }, shop);
    await at("2026-11-20T12:00:00Z", "succeeded");
    await at("2026-11-20T13:00:00Z", "succeeded");
    await at("2026-11-20T14:00:00Z", "failed");
    // 03:00 UTC on Nov 21 is Nov 20, 10 PM in New York.
    await at("2026-11-21T03:00:00Z", "interrupted");
    await at("2026-11-25T12:00:00Z", "skipped");
    // 15 days before "now": outside the window.
    await at("2026-11-17T12:00:00Z", "failed");
    // Another shop's run on the same day never counts.
    await addRun({ queued_at: "2026-11-20T12:00:00Z", status: "failed" }, otherId);

    const chart = await loadRunsChart(shop, new Date("2026-12-02T00:30:00Z")); // Dec 1, 7:30 PM in New York
    const [succeeded, failed, other] = chart.series;
    expect(chart.series.map((s) => s.name)).toEqual(["Succeeded", "Failed", "Other"]);
    expect(succeeded!.data).toHaveLength(14);
    expect(succeeded!.data[0]?.key).toBe("Nov 18");
    expect(succeeded!.data[13]?.key).toBe("Dec 1");
    const day = (series: typeof succeeded, key: string) => series!.data.find((d) => d.key === key)?.value;
    expect([day(succeeded, "Nov 20"), day(failed, "Nov 20"), day(other, "Nov 20")]).toEqual([2, 1, 1]);
    expect([day(succeeded, "Nov 21"), day(failed, "Nov 21"), day(other, "Nov 21")]).toEqual([0, 0, 0]);
    expect(day(other, "Nov 25")).toBe(1);
    expect(chart.total).toBe(5);
  });
});

describe("a shipment's runs", () => {
  it("the shipments list links each shipment to its runs, and a run's record link opens that one shipment", async () => {
    await db.sql`insert into shipments (shop_id, erp_shipment_no, status, fulfillment_ids) values
      (${shopId}, 'S-SHP1001', 'error', ${[]}), (${shopId}, 'S-SHP1002', 'synced', ${[]}),
      (${otherId}, 'S-SHP1001', 'synced', ${[]})`;
    const shipmentsRoute = await import("../../app/routes/app.shipments._index.tsx");
    // The run page's record link for S-SHP1001 (see above): whatever tab, only that shipment of this shop.
    const one = await shipmentsRoute.loader(routeArgs(adminRequest(SHOP, "/app/shipments?shipment=S-SHP1001")));
    expect(one.rows.map((r) => [r.erpShipmentNo, r.status])).toEqual([["S-SHP1001", "error"]]);
    const all = await shipmentsRoute.loader(routeArgs(adminRequest(SHOP, "/app/shipments?status=synced")));
    expect(all.rows.map((r) => r.erpShipmentNo)).toEqual(["S-SHP1002"]);
    // And the runs link of a shipment lists the runs that touched it.
    expect((await listRuns("?record=shipment:S-SHP1002")).rows).toEqual([]);
    expect((await listRuns("?record=shipment:S-SHP1001")).rows.map((r) => r.id)).toEqual([failedShipments]);
  });
});
