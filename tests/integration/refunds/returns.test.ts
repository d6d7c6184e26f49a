import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadOrderPage } from "../../../app/.server/orders/order-page.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { refundsProcessTask } from "../../../app/.server/tasks/refunds-process/task.ts";
import { action as returnsApprove } from "../../../app/routes/webhooks.returns.approve.tsx";
import { action as returnsClose } from "../../../app/routes/webhooks.returns.close.tsx";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { webhookRequest } from "../../support/webhook-request.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// Shopify returns as records of their orders: the lifecycle webhooks (twice, out of order) and the
// refunds reconcile, over HTTP to the sandbox store.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

type Shop = Awaited<ReturnType<typeof world.newShop>>;

/** A shipped order of two units with a return of one opened for it (returnCreate: OPEN). */
async function returnedOrder(shop: Shop) {
  const placed = await shop.placeProcessedOrder([[0, 2]]);
  const fos = await shop.gql(`query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id } } } }`, {
    id: placed.id,
  });
  const done = await shop.gql(
    `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id
      fulfillmentLineItems(first: 5) { nodes { id } } } userErrors { field message } } }`,
    { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fos.order.fulfillmentOrders.nodes[0].id }] } },
  );
  expect(done.fulfillmentCreate.userErrors).toEqual([]);
  const made = await shop.gql(
    `mutation R($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id name } userErrors { field message } } }`,
    {
      input: {
        orderId: placed.id,
        returnLineItems: [
          {
            fulfillmentLineItemId: done.fulfillmentCreate.fulfillment.fulfillmentLineItems.nodes[0].id,
            quantity: 1,
            returnReason: "SIZE_TOO_SMALL",
          },
        ],
      },
    },
  );
  expect(made.returnCreate.userErrors).toEqual([]);
  return { order: placed, ret: made.returnCreate.return as { id: string; name: string } };
}

const returnRows = (shopId: number) =>
  db.sql<Array<{ status: string; quantity: number; name: string; order_id: number | null }>>`
    select status, quantity, name, order_id::int from order_returns where shop_id = ${shopId} order by id`;

describe("Shopify returns", () => {
  it("keeps the latest status of a return whatever order its webhooks come in, each delivered twice", async () => {
    const shop = await world.newShop();
    const { order, ret } = await returnedOrder(shop);
    const closed = await shop.gql(
      `mutation C($id: ID!) { returnClose(id: $id) { return { status } userErrors { field message } } }`,
      { id: ret.id },
    );
    expect(closed.returnClose.userErrors).toEqual([]);
    const events = shop.events().filter((e) => e.topic.startsWith("returns/"));
    const approve = events.find((e) => e.topic === "returns/approve")!;
    const close = events.find((e) => e.topic === "returns/close")!;
    const at = (e: typeof approve) => new Date(Date.now() - (e === approve ? 60_000 : 0));
    // The close comes first, twice; the approval (older) after it, twice.
    for (const [event, route] of [
      [close, returnsClose],
      [close, returnsClose],
      [approve, returnsApprove],
      [approve, returnsApprove],
    ] as const) {
      const request = webhookRequest({
        topic: event.topic,
        shop: shop.domain,
        body: event.payload,
        webhookId: `${event.eventId}`,
        triggeredAt: at(event),
      });
      expect((await route({ request, params: {}, context: {} })).status).toBe(200);
    }
    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    expect(await returnRows(shop.shopId)).toEqual([
      { status: "CLOSED", quantity: 1, name: ret.name, order_id: ours!.id },
    ]);
    const page = await loadOrderPage(shop.shopId, ours!.id);
    expect(page?.returns).toMatchObject([{ name: ret.name, status: "Closed", units: 1 }]);
    expect(order.name).toBeTruthy();
  });

  it("a return no webhook brought is caught up by the refunds reconcile", async () => {
    const shop = await world.newShop({ refunds: { process: "import_only" } });
    const { ret } = await returnedOrder(shop);
    await reconcileOrders(shop.shopId);
    const run = await world.runTask(refundsProcessTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(await returnRows(shop.shopId)).toMatchObject([{ status: "OPEN", quantity: 1, name: ret.name }]);
  });

  it("refuses a returns payload it cannot read and keeps nothing", async () => {
    const shop = await world.newShop();
    const request = webhookRequest({
      topic: "returns/approve",
      shop: shop.domain,
      body: { admin_graphql_api_id: "gid://shopify/Order/1", status: "open" },
    });
    expect((await returnsApprove({ request, params: {}, context: {} })).status).toBe(400);
    expect(await returnRows(shop.shopId)).toEqual([]);
  });
});
