import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importOrders } from "../../../app/.server/tasks/orders-sync/import-orders.ts";
import { ORDERS_STREAM, reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { action as ordersCancelled } from "../../../app/routes/webhooks.orders.cancelled.tsx";
import { action as ordersCreate } from "../../../app/routes/webhooks.orders.create.tsx";
import { action as ordersUpdated } from "../../../app/routes/webhooks.orders.updated.tsx";
import type { SandboxEvent } from "../../../sandbox/shopify/contracts.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { webhookRequest } from "../../support/webhook-request.ts";
import { drainImportJobs, ORDER_CREATE, orderInput, startOrdersSandbox } from "./orders-sandbox.ts";

let db: TestDatabase;
let sandbox: Awaited<ReturnType<typeof startOrdersSandbox>>;

beforeAll(async () => {
  db = await useTestDatabase();
  sandbox = await startOrdersSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

const routes = { "orders/create": ordersCreate, "orders/updated": ordersUpdated, "orders/cancelled": ordersCancelled };

/** Delivers a recorded sandbox event through the real webhook route, as a fresh delivery each time. */
async function deliver(event: SandboxEvent): Promise<void> {
  const route = routes[event.topic as keyof typeof routes];
  if (!route) return;
  const request = webhookRequest({
    topic: event.topic,
    shop: event.shop,
    body: event.payload,
    webhookId: randomUUID(),
  });
  const response = await route({ request, params: {}, context: {} });
  expect(response.status).toBe(200);
}

async function orderRows(shopId: number) {
  return db.sql<
    {
      id: number;
      shopify_order_id: string;
      status: string;
      status_reason: string | null;
      has_conflict: boolean;
      conflict_reason: string | null;
      updated: string;
      snapshot: any;
    }[]
  >`select id, shopify_order_id, status, status_reason, has_conflict, conflict_reason,
      snapshot->>'updatedAt' as updated, snapshot from orders where shop_id = ${shopId} order by id`;
}

async function processJobs(shopId: number) {
  return db.sql<{ key: string; payload: any }[]>`
    select key, payload from graphile_worker._private_jobs
    where task_id = (select id from graphile_worker._private_tasks where identifier = 'orders__process')
      and key like ${`orders__process:${shopId}:%`} order by key`;
}

const TAGS_ADD = `mutation TagsAdd($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`;
const ORDER_UPDATE = `mutation OrderUpdate($input: OrderInput!) { orderUpdate(input: $input) { order { updatedAt } userErrors { message } } }`;
const ORDER_CANCEL = `mutation OrderCancel($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, refund: false, restock: false) { orderCancelUserErrors { message } } }`;

describe("importing orders", () => {
  it("gives exactly one row with the newest version when one order's webhooks come 10 times each, reversed", async () => {
    // "all": every Admin API call lands in the API log, so the test can count the reads.
    const shop = await sandbox.newShop("burst", { orders: { autoProcess: false }, logging: "all" });
    const created = await shop.gql(ORDER_CREATE, { order: orderInput() });
    const id = created.orderCreate.order.id as string;
    for (let i = 0; i < 3; i += 1) await shop.gql(ORDER_UPDATE, { input: { id, note: `edit ${i}` } });
    const final = await shop.gql(ORDER_UPDATE, { input: { id, email: "final@example.com" } });
    const events = shop.events();
    expect(events.length).toBeGreaterThanOrEqual(5);

    for (const event of [...events].reverse()) for (let n = 0; n < 10; n += 1) await deliver(event);
    await drainImportJobs(db);

    const rows = await orderRows(shop.shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      shopify_order_id: id,
      status: "unprocessed",
      updated: final.orderUpdate.order.updatedAt,
    });
    expect(rows[0]!.snapshot.email).toBe("final@example.com");
    // One import run for the whole burst: the ids were merged under the shop's job key.
    const [runs] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from api_log_entries where shop_id = ${shop.shopId} and operation = 'OrderForImport'`;
    expect(runs?.n).toBe(1);
  });

  it("writes one row when webhooks, a reconcile and two direct imports of the same order run at once", async () => {
    const shop = await sandbox.newShop("concurrent", { orders: { autoProcess: true } });
    const created = await shop.gql(ORDER_CREATE, { order: orderInput() });
    const id = created.orderCreate.order.id as string;
    await shop.gql(TAGS_ADD, { id, tags: ["vip"] });
    for (const event of [...shop.events()].reverse()) for (let n = 0; n < 10; n += 1) await deliver(event);

    await Promise.all([
      drainImportJobs(db),
      reconcileOrders(shop.shopId),
      importOrders(shop.shopId, [id, id]),
      importOrders(shop.shopId, [id]),
    ]);
    await drainImportJobs(db);

    const rows = await orderRows(shop.shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.snapshot.tags).toEqual(["vip"]);
    expect(await processJobs(shop.shopId)).toHaveLength(1);
    const events = await db.sql`select kind from order_events where shop_id = ${shop.shopId} and kind = 'imported'`;
    expect(events).toHaveLength(1);
  });

  it("imports every order on the next reconcile when every webhook was dropped, and nothing twice", async () => {
    const shop = await sandbox.newShop("dropped", { orders: { autoProcess: false } });
    const first = await reconcileOrders(shop.shopId);
    expect(first).toMatchObject({ firstRun: true, listed: 0 });
    for (let i = 0; i < 30; i += 1) {
      await shop.gql(ORDER_CREATE, { order: orderInput({ email: `buyer${i}@example.com` }) });
    }

    const second = await reconcileOrders(shop.shopId);
    expect(second.firstRun).toBe(false);
    expect(second.outcomes.filter((o) => o.action === "insert")).toHaveLength(30);
    expect(await orderRows(shop.shopId)).toHaveLength(30);
    const [cursor] = await db.sql<
      { cursor: string }[]
    >`select cursor from sync_cursors where shop_id = ${shop.shopId} and stream = ${ORDERS_STREAM}`;
    const newest = (await orderRows(shop.shopId))
      .map((r) => r.updated)
      .sort()
      .at(-1);
    expect(JSON.parse(cursor!.cursor).updatedAt).toBe(newest);

    const third = await reconcileOrders(shop.shopId);
    expect(third.outcomes).toEqual([]); // listed again by the overlap, but held at that version
    expect(await orderRows(shop.shopId)).toHaveLength(30);
  });

  it("takes only open orders on the first run, or only those created since the start date", async () => {
    const shop = await sandbox.newShop("first-run", { orders: { autoProcess: false } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push((await shop.gql(ORDER_CREATE, { order: orderInput() })).orderCreate.order.id);
    }
    await shop.gql(ORDER_CANCEL, { id: ids[0] });

    const result = await reconcileOrders(shop.shopId);
    expect(result.firstRun).toBe(true);
    expect((await orderRows(shop.shopId)).map((r) => r.shopify_order_id)).toEqual([ids[1], ids[2]]);

    const later = await sandbox.newShop("since-date", { orders: { autoProcess: false, importSince: "2999-01-01" } });
    const old = (await later.gql(ORDER_CREATE, { order: orderInput() })).orderCreate.order.id as string;
    await reconcileOrders(later.shopId);
    // Neither the first run nor a later webhook for it imports an order from before the start date.
    await importOrders(later.shopId, [old]);
    expect(await orderRows(later.shopId)).toEqual([]);
  });

  it("stores an order an import filter rejects as ignored, with the reason, and never queues it", async () => {
    const shop = await sandbox.newShop("filters", { orders: { autoProcess: true, filters: { onlyPaid: true } } });
    const unpaid = (
      await shop.gql(ORDER_CREATE, { order: orderInput({ transactions: [], financialStatus: "PENDING" }) })
    ).orderCreate.order.id as string;
    const paid = (await shop.gql(ORDER_CREATE, { order: orderInput() })).orderCreate.order.id as string;
    await importOrders(shop.shopId, [unpaid, paid]);

    const rows = await orderRows(shop.shopId);
    expect(rows.map((r) => [r.shopify_order_id, r.status, r.status_reason])).toEqual([
      [unpaid, "ignored", "Import filter: not paid (financial status PENDING)"],
      [paid, "unprocessed", null],
    ]);
    expect((await processJobs(shop.shopId)).map((j) => j.payload.orderId)).toEqual([Number(rows[1]!.id)]);
    const [tile] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from orders where shop_id = ${shop.shopId} and status = 'unprocessed'`;
    expect(tile!.n).toBe(1);
  });

  it("flags a processed order whose quantities changed, and not one whose tags or metafields changed", async () => {
    const shop = await sandbox.newShop("conflicts", { orders: { autoProcess: false } });
    const id = (await shop.gql(ORDER_CREATE, { order: orderInput() })).orderCreate.order.id as string;
    await importOrders(shop.shopId, [id]);
    await db.sql`update orders set status = 'processed', erp_document_id = 'SO-1', erp_document_number = 'SO1001' where shop_id = ${shop.shopId}`;

    // Our own write-back of the ERP document number, and a merchant's tag: no conflict.
    await shop.gql(ORDER_UPDATE, {
      input: {
        id,
        metafields: [{ namespace: "erp", key: "document_no", type: "single_line_text_field", value: "SO1001" }],
      },
    });
    await shop.gql(TAGS_ADD, { id, tags: ["exported"] });
    await importOrders(shop.shopId, [id]);
    let [row] = await orderRows(shop.shopId);
    expect(row).toMatchObject({ status: "processed", has_conflict: false });
    expect(row!.snapshot.tags).toEqual(["exported"]);

    // An order edit in Shopify: the sandbox has no orderEdit mutations, so change its stored record.
    editSandboxOrder(shop.domain, id, (order) => {
      order.lineItems[0].currentQuantity = 1;
    });
    await importOrders(shop.shopId, [id]);
    [row] = await orderRows(shop.shopId);
    expect(row).toMatchObject({ status: "processed", has_conflict: true });
    expect(row!.conflict_reason).toMatch(/^line 10001-V01 quantity 2 → 1/);

    await shop.gql(ORDER_CANCEL, { id });
    await importOrders(shop.shopId, [id]);
    [row] = await orderRows(shop.shopId);
    expect(row!.conflict_reason).toContain("then order cancelled");
    expect(await processJobs(shop.shopId)).toEqual([]);
  });

  it("queues exactly one orders__process job per new order when auto-process is on", async () => {
    const shop = await sandbox.newShop("auto-process", { orders: { autoProcess: true } });
    for (let i = 0; i < 3; i += 1) await shop.gql(ORDER_CREATE, { order: orderInput() });
    for (const event of shop.events()) for (let n = 0; n < 3; n += 1) await deliver(event);
    await drainImportJobs(db);
    await reconcileOrders(shop.shopId);

    const rows = await orderRows(shop.shopId);
    expect(rows).toHaveLength(3);
    expect((await processJobs(shop.shopId)).map((j) => j.key)).toEqual(
      rows.map((r) => `orders__process:${shop.shopId}:${r.id}`).sort(),
    );
  });
});

/** Rewrites one order in the sandbox store (snapshot → edit → restore) and bumps its updatedAt. */
function editSandboxOrder(domain: string, orderGid: string, edit: (order: any) => void): void {
  const snapshot = sandbox.engine.snapshot() as any;
  const shop = snapshot.shops.find((s: any) => JSON.stringify(s.info).includes(domain));
  const entry = shop.orders.find(([id]: [number]) => orderGid.endsWith(`/${id}`));
  edit(entry[1]);
  shop.lastStamp = Math.max(shop.lastStamp, Date.now()) + 1000;
  entry[1].updatedAt = new Date(shop.lastStamp).toISOString();
  sandbox.engine.restore(snapshot);
}
