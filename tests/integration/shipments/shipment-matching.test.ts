import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ShopifyAdmin } from "../../../app/.server/adapters/shopify/admin-port.ts";
import { getDb } from "../../../app/.server/db.ts";
import { shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import { countActivity, listActivity } from "../../../app/.server/queries/activity.ts";
import { listShipments } from "../../../app/.server/queries/shipments.ts";
import { saveShopSettings } from "../../../app/.server/queries/shops.ts";
import { shopifyAdminForShopId } from "../../../app/.server/shopify/admin-for-shop-id.ts";
import { retryShipment } from "../../../app/.server/tasks/shipments-sync/shipment-actions.ts";
import { shipmentsSyncTask } from "../../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "./shipments-harness.ts";

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const sync = (shopId: number) => world.runTask(shipmentsSyncTask, shopId);

async function shipmentRow(shopId: number) {
  const rows = await db.sql<
    Array<{ id: number; status: string; order_id: number | null; error_message: string | null }>
  >`
    select id::int, status, order_id::int, error_message from shipments where shop_id = ${shopId} order by id`;
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("which Shopify order a posted ERP shipment fulfills", () => {
  it("after the ERP reused a document number, fulfills the order the shipment names, not the older one linked to it", async () => {
    const shop = await world.newShop();
    const beforeReset = world.bc.snapshot();
    const older = await shop.placeProcessedOrder([[0, 1]]);
    // The ERP's data is reset: the older order's document is gone and its number is free again.
    world.bc.restore(beforeReset);
    const newer = await shop.placeProcessedOrder([[0, 1]]);
    expect(newer.salesOrder.number).toBe(older.salesOrder.number);
    shop.ship(newer.salesOrder.id);

    const result = await sync(shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "shipment",
        outcome: "created",
        reason: `ERP sales order ${newer.salesOrder.number} is also linked to order ${older.name} (the ERP reused the number); the shipment names ${newer.name}.`,
      },
    ]);
    expect((await shop.fulfillments(newer.id)).status).toBe("FULFILLED");
    expect(world.store.server.fulfillments(shop.domain, older.id)).toEqual([]);
    const row = await shipmentRow(shop.shopId);
    const [newerRow] = await db.sql<Array<{ id: number }>>`
      select id::int from orders where shop_id = ${shop.shopId} and name = ${newer.name}`;
    expect(row.order_id).toBe(newerRow!.id);
  });

  it("keys that name two orders: error naming both with their ERP numbers, nothing sent, shown with a Retry", async () => {
    const shop = await world.newShop();
    const linked = await shop.placeProcessedOrder([[0, 1]]);
    const named = await shop.placeProcessedOrder([[0, 1]]);
    // A BC user types the other order's number on this sales order, then the warehouse ships it.
    await shop.editInBc(`salesOrders(${linked.salesOrder.id})`, { externalDocumentNumber: named.name });
    shop.ship(linked.salesOrder.id);

    const message = `This shipment does not point at one Shopify order: its external document number names order ${named.name} (ERP sales order ${named.salesOrder.number}), but it was posted from ERP sales order ${linked.salesOrder.number}, which the app made for order ${linked.name}. Nothing was sent to Shopify; check both orders and fulfill the right one in Shopify.`;
    const result = await sync(shop.shopId);
    expect(result.records).toMatchObject([{ type: "shipment", outcome: "failed", reason: message }]);
    expect(world.store.server.fulfillments(shop.domain, linked.id)).toEqual([]);
    expect(world.store.server.fulfillments(shop.domain, named.id)).toEqual([]);
    const row = await shipmentRow(shop.shopId);
    expect(row).toMatchObject({ status: "error", order_id: null, error_message: message });

    // Visible where a merchant looks: the shipment errors tile and the Shipments page's Errors tab.
    expect((await countActivity(getDb(), shop.shopId))["shipment-errors"]).toBe(1);
    expect(await listActivity(getDb(), shop.shopId, "shipment-errors")).toEqual([
      { id: row.id, title: expect.stringMatching(/^S-SHPT/), detail: message, at: expect.any(Date) },
    ]);
    const listed = await listShipments(getDb(), { shopId: shop.shopId, status: "error", limit: 10 });
    expect(listed.map((s) => [s.id, s.orderId, s.errorMessage])).toEqual([[row.id, null, message]]);

    // Retry matches afresh: still two orders, still nothing sent.
    expect(await retryShipment(shop.shopId, row.id)).toBe(true);
    expect((await sync(shop.shopId)).records).toMatchObject([{ type: "shipment", outcome: "failed", reason: message }]);
    expect(world.store.server.fulfillments(shop.domain, linked.id)).toEqual([]);
    expect(world.store.server.fulfillments(shop.domain, named.id)).toEqual([]);
  });

  it("an ERP order linked to an order but whose external document number is no order of ours: error, nothing sent", async () => {
    // Another store's "#9001" on a document that reuses a number the app linked (or a hand-made one).
    const shop = await world.newShop();
    const linked = await shop.placeProcessedOrder([[0, 1]]);
    await shop.editInBc(`salesOrders(${linked.salesOrder.id})`, { externalDocumentNumber: "#9001" });
    shop.ship(linked.salesOrder.id);

    const result = await sync(shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "shipment",
        outcome: "failed",
        reason: expect.stringContaining(
          `its external document number "#9001" is no order imported into the app, but it was posted from ERP sales order ${linked.salesOrder.number}, which the app made for order ${linked.name}.`,
        ),
      },
    ]);
    expect(world.store.server.fulfillments(shop.domain, linked.id)).toEqual([]);
  });

  it("an ERP order number linked to two orders, the shipment naming neither: error naming both, nothing sent", async () => {
    const shop = await world.newShop();
    const beforeReset = world.bc.snapshot();
    const first = await shop.placeProcessedOrder([[0, 1]]);
    world.bc.restore(beforeReset);
    const second = await shop.placeProcessedOrder([[0, 1]]);
    expect(second.salesOrder.number).toBe(first.salesOrder.number);
    await shop.editInBc(`salesOrders(${second.salesOrder.id})`, { externalDocumentNumber: "" });
    shop.ship(second.salesOrder.id);

    const result = await sync(shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "shipment",
        outcome: "failed",
        reason: expect.stringContaining(
          `the shipment carries no external document number (the app's ERP documents carry the Shopify order name), but it was posted from ERP sales order ${first.salesOrder.number}, which the app made for orders ${first.name} and ${second.name}.`,
        ),
      },
    ]);
    expect(world.store.server.fulfillments(shop.domain, first.id)).toEqual([]);
    expect(world.store.server.fulfillments(shop.domain, second.id)).toEqual([]);
  });

  it("a shipped line whose item is not the item of the Shopify line it was made from: error naming both, nothing sent", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder([
      [0, 1],
      [2, 1],
    ]);
    const [first] = order.salesLines;
    const onOrder = new Set(order.salesLines.map((l) => l.lineObjectNumber));
    const other = shop.company.items.all().find((item) => !onOrder.has(item.number));
    expect(other).toBeDefined();
    // A BC user swaps the item on the first line (a substitute), then the warehouse ships everything.
    await shop.editInBc(`salesOrderLines(${first!.id})`, {
      itemId: other!.id,
      lineObjectNumber: other!.number,
      itemVariantId: "00000000-0000-0000-0000-000000000000",
    });
    shop.ship(order.salesOrder.id);

    const result = await sync(shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "shipment",
        outcome: "failed",
        reason: expect.stringMatching(
          new RegExp(
            `^The shipment does not match the Shopify order ${order.name}: ERP line ${first!.sequence} ships item ${other!.number} \\(.*\\), but it is planned against the Shopify line ".+" \\(SKU ${first!.lineObjectNumber}[^)]*\\), which the ERP document has as item ${first!.lineObjectNumber}\\. Nothing was sent to Shopify\\.$`,
          ),
        ),
      },
    ]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toEqual([]);
  });
});

describe("the kill switch in the shipments sync", () => {
  it("turned off while a run is under way stops the run's next write; the shipment waits with a skipped record", async () => {
    const shop = await world.newShop();
    const first = await shop.placeProcessedOrder([[0, 1]]);
    const second = await shop.placeProcessedOrder([[1, 1]]);
    shop.ship(first.salesOrder.id);
    shop.ship(second.salesOrder.id);

    // The real Admin client, watched: the merchant switches writes off just as the first
    // fulfillment is answered, while the run still has the second shipment to send.
    const real = await shopifyAdminForShopId(shop.shopId);
    let switchedOff = false;
    const admin: ShopifyAdmin = {
      shop: real.shop,
      async query(document, variables, options) {
        const data = await real.query(document, variables, options);
        if (!switchedOff && document.includes("fulfillmentCreate(")) {
          switchedOff = true;
          await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({ allowOutgoingWrites: false }));
        }
        return data as never;
      },
    };
    const result = await world.runInline(shipmentsSyncTask, shop.shopId, { admin });
    expect(result.records.map((r) => [r.outcome, r.reason])).toEqual([
      ["created", null],
      ["skipped", "Outgoing writes are off in Settings: nothing was sent to Shopify."],
    ]);
    expect(world.store.server.fulfillments(shop.domain, first.id)).toHaveLength(1);
    expect(world.store.server.fulfillments(shop.domain, second.id)).toEqual([]);
    const skipped = await db.sql<Array<{ entity: string; record_key: string; reason: string }>>`
      select entity, record_key, reason from skipped_records where shop_id = ${shop.shopId} and resolved_at is null`;
    expect(skipped).toEqual([
      {
        entity: "shipment",
        record_key: expect.stringMatching(/^S-SHPT?\d+$/),
        reason: "Outgoing writes are off in Settings: nothing was sent to Shopify.",
      },
    ]);

    // Writes back on: the waiting shipment is sent and its skipped record closed.
    await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({}));
    expect((await sync(shop.shopId)).records.map((r) => r.outcome)).toEqual(["created"]);
    expect(world.store.server.fulfillments(shop.domain, second.id)).toHaveLength(1);
    expect(await db.sql`select 1 from skipped_records where shop_id = ${shop.shopId} and resolved_at is null`).toEqual(
      [],
    );
  });

  it("turned off between the two locations of one shipment: the first fulfillment stands, the second waits", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder([
      [0, 1],
      [1, 1],
    ]);
    const data = await shop.gql(
      `query F($id: ID!) { locations(first: 5) { nodes { id } } order(id: $id) { fulfillmentOrders(first: 5) { nodes { id assignedLocation { location { id } } lineItems(first: 5) { nodes { id } } } } } }`,
      { id: order.id },
    );
    const fo = data.order.fulfillmentOrders.nodes[0];
    const elsewhere = (data.locations.nodes as Array<{ id: string }>).find(
      (l) => l.id !== fo.assignedLocation.location.id,
    );
    expect(elsewhere).toBeDefined();
    const moved = await shop.gql(
      `mutation M($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) { fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) { userErrors { message } } }`,
      { id: fo.id, to: elsewhere!.id, lines: [{ id: fo.lineItems.nodes[1].id, quantity: 1 }] },
    );
    expect(moved.fulfillmentOrderMove.userErrors).toEqual([]);
    shop.ship(order.salesOrder.id);

    const real = await shopifyAdminForShopId(shop.shopId);
    let switchedOff = false;
    const admin: ShopifyAdmin = {
      shop: real.shop,
      async query(document, variables, options) {
        const answer = await real.query(document, variables, options);
        if (!switchedOff && document.includes("fulfillmentCreate(")) {
          switchedOff = true;
          await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({ allowOutgoingWrites: false }));
        }
        return answer as never;
      },
    };
    const paused = await world.runInline(shipmentsSyncTask, shop.shopId, { admin });
    expect(paused.records.map((r) => [r.outcome, r.reason])).toEqual([
      [
        "skipped",
        "Outgoing writes were turned off in Settings while this shipment was being sent: the rest of it waits.",
      ],
    ]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toHaveLength(1);

    await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({}));
    expect((await sync(shop.shopId)).records.map((r) => r.outcome)).toEqual(["created"]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toHaveLength(2);
    expect((await shop.fulfillments(order.id)).status).toBe("FULFILLED");
  });
});
