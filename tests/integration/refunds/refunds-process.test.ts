import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { enqueueOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { refundsProcessTask } from "../../../app/.server/tasks/refunds-process/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// "Process refunds" over HTTP to both sandboxes: a Shopify refund becomes one BC credit memo.

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

const ORDER_CREATE = `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name transactions { id } lineItems(first: 5) { nodes { id } } } userErrors { field message } } }`;
const REFUND_CREATE = `mutation R($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) {
  refund { id legacyResourceId } userErrors { field message } } }`;
const ORDER_CREATE_WITH_SHIPPING = `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name transactions { id } lineItems(first: 5) { nodes { id } } } userErrors { field message } } }`;
const eur = (amount: string) => ({ shopMoney: { amount, currencyCode: "EUR" } });

/** A paid order of 2 × 25.00 (manual payment), imported into the app; processed unless told not to. */
async function paidOrder(shop: Shop) {
  const seeded = await shop.gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } }
    locations(first: 1) { nodes { id } } }`);
  const made = await shop.gql(ORDER_CREATE, {
    order: {
      customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
      currency: "EUR",
      lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 2, priceSet: eur("25.00") }],
      transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual", amountSet: eur("50.00") }],
    },
  });
  expect(made.orderCreate.userErrors).toEqual([]);
  const order = made.orderCreate.order;
  await reconcileOrders(shop.shopId);
  await world.runAllJobs();
  return {
    id: order.id as string,
    name: order.name as string,
    sale: order.transactions[0].id as string,
    line: order.lineItems.nodes[0].id as string,
    location: seeded.locations.nodes[0].id as string,
  };
}

/** Ships the whole order in Shopify (a returned unit must have shipped). */
async function fulfil(shop: Shop, orderId: string) {
  const data = await shop.gql(`query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id } } } }`, {
    id: orderId,
  });
  for (const fo of data.order.fulfillmentOrders.nodes as Array<{ id: string }>) {
    const done = await shop.gql(
      `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }`,
      { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } },
    );
    expect(done.fulfillmentCreate.userErrors).toEqual([]);
  }
}

async function refundOne(shop: Shop, order: Awaited<ReturnType<typeof paidOrder>>, restockType = "RETURN") {
  const made = await shop.gql(REFUND_CREATE, {
    key: randomUUID(),
    input: {
      orderId: order.id,
      refundLineItems: [{ lineItemId: order.line, quantity: 1, restockType, locationId: order.location }],
      transactions: [{ orderId: order.id, parentId: order.sale, amount: "25.00", kind: "REFUND", gateway: "manual" }],
    },
  });
  expect(made.refundCreate.userErrors).toEqual([]);
  return made.refundCreate.refund as { id: string; legacyResourceId: string };
}

const memosOf = (shop: Shop, key: string) =>
  shop.company.salesCreditMemos.all().filter((m) => m.externalDocumentNumber === key);

describe("Process refunds", () => {
  it("a refunded line with restock becomes one credit memo with that item line and amount; a second run sends nothing", async () => {
    const shop = await world.newShop({ refunds: { process: "credit_memo", refundAccount: "6920" } });
    const order = await paidOrder(shop);
    await fulfil(shop, order.id);
    const refund = await refundOne(shop, order);
    const run = await world.runTask(refundsProcessTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(run.records).toMatchObject([{ type: "refund", outcome: "created" }]);
    const key = `${order.name}-R${refund.legacyResourceId}`;
    const [memo, ...more] = memosOf(shop, key);
    expect(more).toEqual([]);
    const lines = shop.company.salesCreditMemoLines.filter((l) => l.documentId === memo!.id);
    expect(lines).toMatchObject([{ lineType: "Item", quantity: 1, unitPrice: 25 }]);

    const again = await world.runTask(refundsProcessTask, shop.shopId);
    expect(again.records).toEqual([]);
    expect(memosOf(shop, key)).toHaveLength(1);
    const [row] = await db.sql`select state, erp_document_number from order_refunds where shop_id = ${shop.shopId}`;
    expect(row).toEqual({ state: "created", erp_document_number: memo!.number });
  });

  it("a refund of an order not yet in the ERP waits for it, then is credited", async () => {
    const shop = await world.newShop({
      orders: { autoProcess: false },
      refunds: { process: "credit_memo", refundAccount: "6920" },
    });
    const order = await paidOrder(shop);
    await refundOne(shop, order, "NO_RESTOCK");
    const first = await world.runTask(refundsProcessTask, shop.shopId);
    expect(first.run?.status).toBe("succeeded");
    const [waiting] = await db.sql`select state, reason from order_refunds where shop_id = ${shop.shopId}`;
    expect(waiting).toMatchObject({ state: "waiting", reason: expect.stringContaining(order.name) });

    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    await enqueueOrderProcessing(getDb(), { shopId: shop.shopId, orderIds: [ours!.id], trigger: "manual" });
    await world.runAllJobs();
    const [processed] = await db.sql`select status, error_message from orders where id = ${ours!.id}`;
    expect(processed).toMatchObject({ status: "processed" });
    const second = await world.runTask(refundsProcessTask, shop.shopId);
    expect(second.records, JSON.stringify(second.records)).toMatchObject([{ outcome: "created" }]);
  });

  it("Preview plans the credit memo and writes nothing; the kill switch keeps it for later; import only makes none", async () => {
    const shop = await world.newShop({ refunds: { process: "credit_memo", refundAccount: "6920" } });
    const order = await paidOrder(shop);
    const refund = await refundOne(shop, order, "CANCEL");
    const key = `${order.name}-R${refund.legacyResourceId}`;
    const preview = await world.runTask(refundsProcessTask, shop.shopId, { dryRun: true });
    expect(preview.records).toMatchObject([
      { outcome: "planned", reason: expect.stringContaining(`credit memo ${key}`) },
    ]);
    expect(memosOf(shop, key)).toEqual([]);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await world.runTask(refundsProcessTask, shop.shopId);
    expect(held.records).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^outgoing writes are off/) },
    ]);
    expect(memosOf(shop, key)).toEqual([]);
    await setSettings(shop.shopId, (s) => {
      s.allowOutgoingWrites = true;
      s.refunds.process = "import_only";
    });
    const imported = await world.runTask(refundsProcessTask, shop.shopId);
    expect(imported.records).toMatchObject([{ outcome: "updated", reason: expect.stringContaining("imported") }]);
    expect(memosOf(shop, key)).toEqual([]);
  });
});

describe("Process refunds, errors and the order page", () => {
  it("a refund it cannot credit is an error with the reason, on the order's page and the dashboard; Retry credits it once fixed", async () => {
    const { loadOrderPage } = await import("../../../app/.server/orders/order-page.ts");
    const { retryRefundOfOrder } = await import("../../../app/.server/orders/order-actions.ts");
    const { countActivity } = await import("../../../app/.server/queries/activity.ts");
    const shop = await world.newShop({ refunds: { process: "credit_memo" } });
    const order = await paidOrder(shop);
    const refund = await refundOne(shop, order, "CANCEL");
    const failed = await world.runTask(refundsProcessTask, shop.shopId);
    expect(failed.run?.status).toBe("succeeded");
    expect(failed.records).toMatchObject([
      { outcome: "failed", reason: "Settings → Refunds needs a refund account for cancelled lines" },
    ]);
    expect((await countActivity(getDb(), shop.shopId))["refund-problems"]).toBe(1);
    const [ours] = await db.sql<Array<{ id: number }>>`select id::int from orders where shop_id = ${shop.shopId}`;
    const page = await loadOrderPage(shop.shopId, ours!.id);
    expect(page?.refunds).toMatchObject([
      {
        refund: `Refund ${refund.legacyResourceId}`,
        state: "Error",
        canRetry: true,
        amount: expect.stringContaining("25"),
      },
    ]);

    await setSettings(shop.shopId, (s) => (s.refunds.refundAccount = "6920"));
    const retried = await retryRefundOfOrder(shop.shopId, ours!.id, page!.refunds[0]!.id);
    expect(retried).toEqual({ ok: true, message: "Refund queued again" });
    await world.runAllJobs();
    const after = await loadOrderPage(shop.shopId, ours!.id);
    expect(after?.refunds).toMatchObject([{ state: "Created", creditMemo: expect.any(String), canRetry: false }]);
    expect(memosOf(shop, `${order.name}-R${refund.legacyResourceId}`)).toHaveLength(1);
    expect((await countActivity(getDb(), shop.shopId))["refund-problems"]).toBe(0);
  });
});

describe("Process refunds, exactly once and every restock type", () => {
  it("a refunds/create delivered twice and a run killed after BC took the memo leave one credit memo", async () => {
    const { action: refundsCreate } = await import("../../../app/routes/webhooks.refunds.create.tsx");
    const { webhookRequest } = await import("../../support/webhook-request.ts");
    const shop = await world.newShop({ refunds: { process: "credit_memo", refundAccount: "6920" } });
    const order = await paidOrder(shop);
    const refund = await refundOne(shop, order, "CANCEL");
    const event = shop.events().find((e) => e.topic === "refunds/create")!;
    for (const webhookId of ["delivery-1", "delivery-2"]) {
      const request = webhookRequest({ topic: event.topic, shop: shop.domain, body: event.payload, webhookId });
      expect((await refundsCreate({ request, params: {}, context: {} })).status).toBe(200);
    }
    await world.runAllJobs();
    const key = `${order.name}-R${refund.legacyResourceId}`;
    expect(memosOf(shop, key)).toHaveLength(1);
    expect(await db.sql`select id from order_refunds where shop_id = ${shop.shopId}`).toHaveLength(1);

    // Killed between BC's answer and our commit: the row still says pending.
    await db.sql`update order_refunds set state = 'pending', erp_document_number = null where shop_id = ${shop.shopId}`;
    const again = await world.runTask(refundsProcessTask, shop.shopId);
    expect(again.records).toMatchObject([{ outcome: "created" }]);
    expect(memosOf(shop, key)).toHaveLength(1);
    const [row] = await db.sql`select state, erp_document_number from order_refunds where shop_id = ${shop.shopId}`;
    expect(row).toEqual({ state: "created", erp_document_number: memosOf(shop, key)[0]!.number });
    const [event2] = await db.sql<Array<{ message: string }>>`select message from order_events
      where shop_id = ${shop.shopId} and message like 'Refund%' order by id desc limit 1`;
    expect(event2!.message).toContain("found (made by an earlier attempt)");
  });

  it("returned, not restocked and cancelled lines and refunded shipping each land where the settings say", async () => {
    const shop = await world.newShop({
      refunds: { process: "credit_memo", refundAccount: "6920", nonRestockAccount: "6930" },
      orders: { shippingChargesAccount: "6810" },
    });
    const seeded = await shop.gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 3) { nodes { id } }
      locations(first: 1) { nodes { id } } }`);
    const variants = seeded.productVariants.nodes as Array<{ id: string }>;
    const made = await shop.gql(ORDER_CREATE_WITH_SHIPPING, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        currency: "EUR",
        lineItems: variants.map((v) => ({ variantId: v.id, quantity: 1, priceSet: eur("20.00") })),
        shippingLines: [{ title: "Standard", priceSet: eur("5.00") }],
        transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual", amountSet: eur("65.00") }],
      },
    });
    expect(made.orderCreate.userErrors).toEqual([]);
    const placed = made.orderCreate.order;
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();
    const lines = placed.lineItems.nodes as Array<{ id: string }>;
    // The first two lines ship (a returned unit must have shipped); the third is cancelled unshipped.
    const fos = await shop.gql(
      `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id
        lineItems(first: 10) { nodes { id lineItem { id } } } } } } }`,
      { id: placed.id },
    );
    const fo = fos.order.fulfillmentOrders.nodes[0];
    const shipped = (fo.lineItems.nodes as Array<{ id: string; lineItem: { id: string } }>).filter(
      (l) => l.lineItem.id !== lines[2]!.id,
    );
    const done = await shop.gql(
      `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }`,
      {
        f: {
          lineItemsByFulfillmentOrder: [
            { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: shipped.map((l) => ({ id: l.id, quantity: 1 })) },
          ],
        },
      },
    );
    expect(done.fulfillmentCreate.userErrors).toEqual([]);
    const refunded = await shop.gql(REFUND_CREATE, {
      key: randomUUID(),
      input: {
        orderId: placed.id,
        shipping: { fullRefund: true },
        refundLineItems: [
          { lineItemId: lines[0]!.id, quantity: 1, restockType: "RETURN", locationId: seeded.locations.nodes[0].id },
          { lineItemId: lines[1]!.id, quantity: 1, restockType: "NO_RESTOCK" },
          { lineItemId: lines[2]!.id, quantity: 1, restockType: "CANCEL" },
        ],
        transactions: [
          {
            orderId: placed.id,
            parentId: placed.transactions[0].id,
            amount: "65.00",
            kind: "REFUND",
            gateway: "manual",
          },
        ],
      },
    });
    expect(refunded.refundCreate.userErrors).toEqual([]);
    const run = await world.runTask(refundsProcessTask, shop.shopId);
    expect(run.records, JSON.stringify(run.records)).toMatchObject([{ outcome: "created" }]);
    const [memo] = memosOf(shop, `${placed.name}-R${refunded.refundCreate.refund.legacyResourceId}`);
    const memoLines = shop.company.salesCreditMemoLines
      .filter((l) => l.documentId === memo!.id)
      .map((l) => [l.lineType, l.lineType === "Item" ? "item" : l.lineObjectNumber, l.quantity, l.unitPrice]);
    expect(memoLines).toEqual([
      ["Item", "item", 1, 20],
      ["Account", "6930", 1, 20],
      ["Account", "6920", 1, 20],
      ["Account", "6810", 1, 5],
    ]);
  });
});

describe("Process refunds as return orders", () => {
  it("a refunded line with restock becomes one BC return order with that item line; a second run makes none", async () => {
    const shop = await world.newShop({ refunds: { process: "return_order", refundAccount: "6920" } });
    const order = await paidOrder(shop);
    await fulfil(shop, order.id);
    const refund = await refundOne(shop, order);
    const run = await world.runTask(refundsProcessTask, shop.shopId);
    expect(run.records).toMatchObject([{ outcome: "created", reason: expect.stringContaining("return order") }]);
    const key = `${order.name}-R${refund.legacyResourceId}`;
    const returns = shop.company.salesReturnOrders.all().filter((r) => r.externalDocumentNumber === key);
    expect(returns).toHaveLength(1);
    const lines = shop.company.salesReturnOrderLines.filter((l) => l.documentId === returns[0]!.id);
    expect(lines).toMatchObject([{ lineType: "Item", quantity: 1, unitPrice: 25 }]);
    expect(memosOf(shop, key)).toEqual([]);

    const again = await world.runTask(refundsProcessTask, shop.shopId);
    expect(again.records).toEqual([]);
    expect(shop.company.salesReturnOrders.all().filter((r) => r.externalDocumentNumber === key)).toHaveLength(1);
    const [row] = await db.sql`select state, erp_document_number from order_refunds where shop_id = ${shop.shopId}`;
    expect(row).toEqual({ state: "created", erp_document_number: returns[0]!.number });
  });
});
