import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { reconcileOrders } from "../../../app/.server/orders/import/reconcile-orders.ts";
import { listOrders } from "../../../app/.server/queries/order-list.ts";
import { getShopSettings, saveShopSettings } from "../../../app/.server/queries/shops.ts";
import { postDocuments } from "../../../app/.server/tasks/documents-post/post-documents.ts";
import { retryPosting } from "../../../app/.server/tasks/documents-post/posting-actions.ts";
import { syncShipments } from "../../../app/.server/tasks/shipments-sync/sync-shipments.ts";
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

const HOUR = 3_600_000;

async function postingState(shopId: number) {
  return db.sql<Array<{ name: string; posting_status: string | null; posting_error: string | null }>>`
    select name, posting_status, posting_error from orders where shop_id = ${shopId} order by id`;
}

describe("batch posting of ERP documents made from Shopify orders", () => {
  it("posts the batch; one document failing keeps its error and the others are posted", async () => {
    const shop = await world.newShop({ posting: { enabled: true, onlyFulfilled: false, olderThanHours: 0 } });
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

    const result = await postDocuments(shop.shopId, { trigger: "schedule" });
    expect(result.outcomes.map((o) => [o.orderName, o.result])).toEqual([
      [orders[0]!.name, "posted"],
      [orders[1]!.name, "error"],
      [orders[2]!.name, "posted"],
    ]);
    const state = await postingState(shop.shopId);
    expect(state.map((s) => s.posting_status)).toEqual(["posted", "error", "posted"]);
    expect(state[1]!.posting_error).toContain("Ship-to Code must have a value in Sales Header.");
    const invoiced = shop.company.salesInvoices.all().map((i) => i.externalDocumentNumber);
    expect(invoiced.sort()).toEqual([orders[0]!.name, orders[2]!.name].sort());
    expect(shop.company.salesOrders.get(orders[1]!.salesOrder.id)).toBeDefined();

    const listed = await listOrders(getDb(), { shopId: shop.shopId, filter: "posting_error", limit: 10, offset: 0 });
    expect(listed.map((o) => [o.name, o.errorMessage])).toEqual([[orders[1]!.name, state[1]!.posting_error]]);

    // Not tried again by the next run until the merchant retries it.
    expect((await postDocuments(shop.shopId)).outcomes).toEqual([]);
    expect(
      await retryPosting(shop.shopId, (await db.sql`select id from orders where name = ${orders[1]!.name}`)[0]!.id),
    ).toBe(true);
    const retried = await postDocuments(shop.shopId);
    expect(retried.outcomes.map((o) => o.result)).toEqual(["posted"]);
  });

  it("waits for fulfilled, paid and old enough orders, then posts and closes the Shopify order", async () => {
    const shop = await world.newShop({ posting: { enabled: true, olderThanHours: 24, closeShopifyOrders: true } });
    const order = await shop.placeProcessedOrder([[0, 2]]);
    const later = new Date(Date.now() + 25 * HOUR);
    expect((await postDocuments(shop.shopId)).outcomes).toEqual([]);
    // Old enough, but not fulfilled in Shopify yet.
    expect((await postDocuments(shop.shopId, { now: later })).outcomes).toEqual([]);

    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      packageTrackingNumber: "Z1",
    });
    await syncShipments(shop.shopId, { trigger: "manual" });
    await reconcileOrders(shop.shopId); // the orders/updated webhook would do the same
    expect((await postDocuments(shop.shopId)).outcomes).toEqual([]); // fulfilled, but processed just now
    const posted = await postDocuments(shop.shopId, { now: later });
    expect(posted.outcomes.map((o) => o.result)).toEqual(["posted"]);
    const closed = await shop.gql(`query O($id: ID!) { order(id: $id) { closed } }`, { id: order.id });
    expect(closed.order.closed).toBe(true);
  });

  it("takes a document someone already posted in the ERP as posted", async () => {
    const shop = await world.newShop({ posting: { enabled: true, onlyFulfilled: false, olderThanHours: 0 } });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const response = await shop.bcApi("POST", `salesOrders(${order.salesOrder.id})/Microsoft.NAV.shipAndInvoice`);
    expect(response.status).toBe(204);
    const result = await postDocuments(shop.shopId);
    expect(result.outcomes).toEqual([
      {
        orderName: order.name,
        documentNumber: order.salesOrder.number,
        result: "posted",
        message: expect.stringContaining("was already posted in the ERP (invoice"),
      },
    ]);
  });

  it("posts nothing with outgoing writes off: each document is a skipped record, and posts once writes are back on", async () => {
    const shop = await world.newShop({ posting: { enabled: true, onlyFulfilled: false, olderThanHours: 0 } });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const settings = await getShopSettings(getDb(), shop.shopId);
    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: false });

    const result = await postDocuments(shop.shopId, { trigger: "manual" });
    expect(result).toMatchObject({ continued: false, outcomes: [{ orderName: order.name, result: "skipped" }] });
    expect(result.outcomes[0]!.message).toContain("Outgoing writes are off");
    // Nothing reached the ERP: the sales order is still open, no invoice.
    expect(shop.company.salesOrders.get(order.salesOrder.id)).toBeDefined();
    expect(shop.company.salesInvoices.all()).toEqual([]);
    const skipped = await db.sql<{ reason: string; resolved_at: Date | null }[]>`
      select reason, resolved_at from skipped_records where shop_id = ${shop.shopId}`;
    expect(skipped).toEqual([{ reason: expect.stringContaining(order.salesOrder.number), resolved_at: null }]);
    expect((await postingState(shop.shopId)).map((s) => s.posting_status)).toEqual([null]);

    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: true });
    expect((await postDocuments(shop.shopId)).outcomes.map((o) => o.result)).toEqual(["posted"]);
    const after = await db.sql`select resolved_at from skipped_records where shop_id = ${shop.shopId}`;
    expect(after[0]!.resolved_at).not.toBeNull();
  });

  it("does not run for a shop with posting off unless asked", async () => {
    const shop = await world.newShop();
    expect((await postDocuments(shop.shopId)).skipped).toBe("disabled");
  });
});
