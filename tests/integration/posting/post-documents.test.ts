import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { listOrders } from "../../../app/.server/queries/order-list.ts";
import { getShopSettings, saveShopSettings } from "../../../app/.server/queries/shops.ts";
import { ensureEntries } from "../../../app/.server/runs/entries.ts";
import { enqueueDueEntries } from "../../../app/.server/runs/tick.ts";
import { requestPosting, retryPosting } from "../../../app/.server/tasks/documents-post/posting-actions.ts";
import { documentsPostTask } from "../../../app/.server/tasks/documents-post/task.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { taskRegistry } from "../../../app/.server/tasks/registry.ts";
import { shipmentsSyncTask } from "../../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const post = (shopId: number) => world.runTask(documentsPostTask, shopId);

/** The shop's orders were processed this many hours ago (the posting filter's "older than"). */
async function ageOrders(shopId: number, hours: number) {
  await db.sql`update orders set processed_at = processed_at - make_interval(hours => ${hours}) where shop_id = ${shopId}`;
}

async function postingState(shopId: number) {
  return db.sql<Array<{ name: string; posting_status: string | null; posting_error: string | null }>>`
    select name, posting_status, posting_error from orders where shop_id = ${shopId} order by id`;
}

describe("batch posting of ERP documents made from Shopify orders", () => {
  it("posts the batch; one document failing keeps its error and the others are posted", async () => {
    const shop = await world.newShop({ posting: { onlyFulfilled: false, olderThanHours: 0 } });
    const orders = [
      await shop.placeProcessedOrder([[0, 1]]),
      await shop.placeProcessedOrder([[1, 1]]),
      await shop.placeProcessedOrder([[2, 1]]),
    ];
    world.bc.failNext({
      method: "POST",
      path: `salesOrders\\(${orders[1]!.salesOrder.id}\\)/Microsoft.NAV.shipAndInvoice`,
      status: 400,
      code: "Application_DialogException",
      message: "Ship-to Code must have a value in Sales Header.",
    });

    const result = await post(shop.shopId);
    expect(result.records.map((r) => [r.label, r.outcome])).toEqual([
      [`${orders[0]!.name} (ERP sales order ${orders[0]!.salesOrder.number})`, "updated"],
      [`${orders[1]!.name} (ERP sales order ${orders[1]!.salesOrder.number})`, "failed"],
      [`${orders[2]!.name} (ERP sales order ${orders[2]!.salesOrder.number})`, "updated"],
    ]);
    // Keyed by our order id: the order's page lists the posting run.
    const ids = await db.sql<
      Array<{ id: number }>
    >`select id::int from orders where shop_id = ${shop.shopId} order by id`;
    expect(result.records.map((r) => [r.type, r.key])).toEqual(ids.map((o) => ["order", String(o.id)]));
    const state = await postingState(shop.shopId);
    expect(state.map((s) => s.posting_status)).toEqual(["posted", "error", "posted"]);
    expect(state[1]!.posting_error).toContain("Ship-to Code must have a value in Sales Header.");
    const invoiced = shop.company.salesInvoices.all().map((i) => i.externalDocumentNumber);
    expect(invoiced.sort()).toEqual([orders[0]!.name, orders[2]!.name].sort());
    expect(shop.company.salesOrders.get(orders[1]!.salesOrder.id)).toBeDefined();

    const listed = await listOrders(getDb(), { shopId: shop.shopId, filter: "posting_error", limit: 10, offset: 0 });
    expect(listed.map((o) => [o.name, o.errorMessage])).toEqual([[orders[1]!.name, state[1]!.posting_error]]);

    // Not tried again by the next run until the merchant retries it.
    expect((await post(shop.shopId)).records).toEqual([]);
    expect(
      await retryPosting(shop.shopId, (await db.sql`select id from orders where name = ${orders[1]!.name}`)[0]!.id),
    ).toBe(true);
    const retried = await post(shop.shopId);
    expect(retried.records.map((r) => r.outcome)).toEqual(["updated"]);
  });

  it("waits for fulfilled, paid and old enough orders, then posts and closes the Shopify order", async () => {
    const shop = await world.newShop({ posting: { olderThanHours: 24, closeShopifyOrders: true } });
    const order = await shop.placeProcessedOrder([[0, 2]]);
    expect((await post(shop.shopId)).records).toEqual([]);
    // Old enough, but not fulfilled in Shopify yet.
    await ageOrders(shop.shopId, 25);
    expect((await post(shop.shopId)).records).toEqual([]);
    await ageOrders(shop.shopId, -25);

    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      packageTrackingNumber: "Z1",
    });
    await world.runTask(shipmentsSyncTask, shop.shopId);
    await reconcileOrders(shop.shopId); // the orders/updated webhook would do the same
    expect((await post(shop.shopId)).records).toEqual([]); // fulfilled, but processed just now
    await ageOrders(shop.shopId, 25);
    const posted = await post(shop.shopId);
    expect(posted.records.map((r) => r.outcome)).toEqual(["updated"]);
    const closed = await shop.gql(`query O($id: ID!) { order(id: $id) { closed } }`, { id: order.id });
    expect(closed.order.closed).toBe(true);
  });

  it("takes a document someone already posted in the ERP as posted", async () => {
    const shop = await world.newShop({ posting: { onlyFulfilled: false, olderThanHours: 0 } });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const response = await shop.bcApi("POST", `salesOrders(${order.salesOrder.id})/Microsoft.NAV.shipAndInvoice`);
    expect(response.status).toBe(204);
    const result = await post(shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "order",
        label: `${order.name} (ERP sales order ${order.salesOrder.number})`,
        outcome: "updated",
        reason: expect.stringContaining("was already posted in the ERP (invoice"),
      },
    ]);
  });

  it("posts nothing with outgoing writes off: each document is a skipped record, and posts once writes are back on", async () => {
    const shop = await world.newShop({ posting: { onlyFulfilled: false, olderThanHours: 0 } });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const settings = await getShopSettings(getDb(), shop.shopId);
    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: false });

    const result = await post(shop.shopId);
    expect(result.runs.map((r) => r.status)).toEqual(["succeeded"]); // no follow-up run: it would skip again
    expect(result.records).toMatchObject([{ label: expect.stringContaining(order.name), outcome: "skipped" }]);
    expect(result.records[0]!.reason).toContain("Outgoing writes are off");
    // Nothing reached the ERP: the sales order is still open, no invoice.
    expect(shop.company.salesOrders.get(order.salesOrder.id)).toBeDefined();
    expect(shop.company.salesInvoices.all()).toEqual([]);
    const skipped = await db.sql<{ reason: string; resolved_at: Date | null }[]>`
      select reason, resolved_at from skipped_records where shop_id = ${shop.shopId}`;
    expect(skipped).toEqual([{ reason: expect.stringContaining(order.salesOrder.number), resolved_at: null }]);
    expect((await postingState(shop.shopId)).map((s) => s.posting_status)).toEqual([null]);

    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: true });
    expect((await post(shop.shopId)).records.map((r) => r.outcome)).toEqual(["updated"]);
    const after = await db.sql`select resolved_at from skipped_records where shop_id = ${shop.shopId}`;
    expect(after[0]!.resolved_at).not.toBeNull();
  });

  it("is on hold by default: the tick does not queue it, while 'Post ERP documents now' runs", async () => {
    const shop = await world.newShop({ posting: { onlyFulfilled: false, olderThanHours: 0 } });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const now = new Date();
    await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shop.shopId], now });
    const key = `documents__post:${shop.shopId}`;
    await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date(now.getTime() + 3 * 3_600_000) });
    expect(await db.sql`select 1 from graphile_worker.jobs where key = ${key}`).toEqual([]);
    await world.runAllJobs();
    expect((await postingState(shop.shopId)).map((s) => s.posting_status)).toEqual([null]);

    expect(await requestPosting(shop.shopId)).toEqual({ ok: true, message: "Posting queued" });
    await world.runAllJobs();
    expect((await postingState(shop.shopId)).map((s) => s.posting_status)).toEqual(["posted"]);
    expect(shop.company.salesInvoices.all().map((i) => i.externalDocumentNumber)).toEqual([order.name]);
  });
});
