import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import { erpAdapterForShop } from "../../../app/.server/erp/connections.ts";
import { saveShopSettings } from "../../../app/.server/queries/shops.ts";
import { getSyncCursor, saveSyncCursor } from "../../../app/.server/queries/sync-cursors.ts";
import { ensureEntries, holdAllEntries, updateEntry } from "../../../app/.server/runs/entries.ts";
import { enqueueDueEntries } from "../../../app/.server/runs/tick.ts";
import { taskRegistry } from "../../../app/.server/tasks/registry.ts";
import {
  ERP_SHIPMENTS_STREAM,
  pullErpShipments,
} from "../../../app/.server/tasks/shipments-sync/pull-erp-shipments.ts";
import { requestShipmentsSync, retryShipment } from "../../../app/.server/tasks/shipments-sync/shipment-actions.ts";
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

describe("shipments from Business Central to Shopify", () => {
  it("a partial then a final shipment become two fulfillments with the right lines and tracking", async () => {
    const shop = await world.newShop({ shipments: { carriers: { UPS: "UPS | https://track.example/{number}" } } });
    const order = await shop.placeProcessedOrder([
      [0, 3],
      [1, 2],
    ]);
    const [first, second] = order.salesLines;
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      lines: [{ lineId: first!.id, quantity: 1 }],
      packageTrackingNumber: "1Z0001",
      shippingAgentCode: "UPS",
    });

    const partial = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(partial.records.map((r) => r.outcome)).toEqual(["created"]);
    // Each record names the shipment and its order, keyed by our row so the run page links to it.
    const [stored] = await db.sql<Array<{ id: number; erp_shipment_no: string }>>`
      select id::int, erp_shipment_no from shipments where shop_id = ${shop.shopId}`;
    expect(partial.records).toMatchObject([
      { type: "shipment", key: String(stored!.id), label: `Shipment ${stored!.erp_shipment_no} → ${order.name}` },
    ]);
    expect(partial.run).toMatchObject({ status: "succeeded", dry_run: false, trigger: "manual" });
    let state = await shop.fulfillments(order.id);
    expect(state.status).toBe("PARTIALLY_FULFILLED");
    expect(state.fulfillments).toEqual([
      {
        id: expect.any(String),
        tracking: [{ company: "UPS", number: "1Z0001", url: "https://track.example/1Z0001" }],
        lines: [[0, 1]],
      },
    ]);

    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      lines: [
        { lineId: first!.id, quantity: 2 },
        { lineId: second!.id, quantity: 2 },
      ],
    });
    const final = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(final.records.map((r) => r.outcome)).toEqual(["created"]);
    state = await shop.fulfillments(order.id);
    expect(state.status).toBe("FULFILLED");
    expect(state.fulfillments).toHaveLength(2);
    expect(state.fulfillments[1]).toEqual({
      id: expect.any(String),
      tracking: [],
      lines: [
        [0, 2],
        [1, 2],
      ],
    });
    const history =
      await db.sql`select message from order_events where shop_id = ${shop.shopId} and kind = 'fulfilled' order by id`;
    expect(history.map((e) => e.message)).toEqual([
      expect.stringMatching(/^ERP shipment S-SHPT\d+ fulfilled in Shopify \(1 fulfillment\)\.$/),
      expect.stringMatching(/^ERP shipment S-SHPT\d+ fulfilled in Shopify \(1 fulfillment\)\.$/),
    ]);
    const rows = await world.shipmentRows(shop.shopId);
    expect(rows.map((r) => [r.status, r.fulfillment_ids])).toEqual([
      ["synced", [state.fulfillments[0]!.id]],
      ["synced", [state.fulfillments[1]!.id]],
    ]);
  });

  it("running the task again fulfills nothing twice", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder();
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      packageTrackingNumber: "TRACK-1",
    });
    await world.runTask(shipmentsSyncTask, shop.shopId);
    const again = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(again.records).toMatchObject([]);
    const state = await shop.fulfillments(order.id);
    expect(state.fulfillments).toHaveLength(1);
    expect(state.status).toBe("FULFILLED");
  });

  it("a shipment whose order was cancelled in Shopify ends in error with the reason", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder();
    const cancelled = await shop.gql(
      `mutation C($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: false) { orderCancelUserErrors { message } } }`,
      { id: order.id },
    );
    expect(cancelled.orderCancel.orderCancelUserErrors).toEqual([]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);
    const result = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(result.records).toMatchObject([
      {
        type: "shipment",
        outcome: "failed",
        reason: expect.stringMatching(
          new RegExp(`^The Shopify order ${order.name} was cancelled on \\d{4}-\\d{2}-\\d{2}`),
        ),
      },
    ]);
    expect((await shop.fulfillments(order.id)).fulfillments).toEqual([]);
  });

  it("a plain shipAndInvoice in BC fulfills the order without tracking", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder();
    // What a BC user (or any API client) does: the standard v2.0 bound action, over HTTP.
    const response = await shop.bcApi("POST", `salesOrders(${order.salesOrder.id})/Microsoft.NAV.shipAndInvoice`);
    expect(response.status).toBe(204);
    const result = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(result.records.map((r) => r.outcome)).toEqual(["created"]);
    const state = await shop.fulfillments(order.id);
    expect(state.status).toBe("FULFILLED");
    expect(state.fulfillments[0]?.tracking).toEqual([]);
  });

  it("a run that dies after Shopify made the fulfillment finds it next time instead of fulfilling twice", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder();
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id, {
      packageTrackingNumber: "CRASH-1",
    });
    // Shopify applies the mutation, then the connection drops before a byte of the answer.
    world.store.server.dropResponses({ operation: "fulfillmentCreate", times: 1, shop: shop.domain });

    const interrupted = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(interrupted.records.map((r) => r.outcome)).toEqual(["skipped"]);
    const made = world.store.server.fulfillments(shop.domain, order.id);
    expect(made).toHaveLength(1);

    const recovered = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(recovered.records.map((r) => r.outcome)).toEqual(["created"]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toHaveLength(1);
    const [row] = await world.shipmentRows(shop.shopId);
    expect(row!.fulfillment_ids).toEqual([made[0]!.id]);
    expect((await world.runTask(shipmentsSyncTask, shop.shopId)).records).toMatchObject([]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toHaveLength(1);
  });

  it("skips lines fulfilled by a third-party service, with the reason, and fulfills the rest", async () => {
    const shop = await world.newShop({ shipments: { notifyCustomer: false } });
    const order = await shop.placeProcessedOrder([
      [0, 3],
      [1, 2],
    ]);
    const service = world.store.server.createFulfillmentService(shop.domain, { name: "Acme 3PL" });
    const fos = await shop.gql(
      `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id lineItem { id } } } } } } }`,
      { id: order.id },
    );
    const fo = fos.order.fulfillmentOrders.nodes[0];
    const second = (fo.lineItems.nodes as Array<{ id: string; lineItem: { id: string } }>)[1]!;
    const moved = await shop.gql(
      `mutation M($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) { fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) { userErrors { message } } }`,
      { id: fo.id, to: service.locationId, lines: [{ id: second.id, quantity: 2 }] },
    );
    expect(moved.fulfillmentOrderMove.userErrors).toEqual([]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);

    const result = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(result.records.map((r) => r.outcome)).toEqual(["created"]);
    expect(result.records[0]!.reason).toMatch(/: 2 of 2 skipped \(2 fulfilled by Acme 3PL\)\.$/);
    const made = world.store.server.fulfillments(shop.domain, order.id);
    expect(made.map((f) => [f.lineItems.map((l) => [l.lineItemId, l.quantity]), f.notifyCustomer])).toEqual([
      [[[fo.lineItems.nodes[0].lineItem.id, 3]], false],
    ]);
  });

  it("shows Shopify's userErrors verbatim, and a retry plans again from what Shopify has left", async () => {
    // Outgoing writes off: the first run plans and waits. Meanwhile the merchant ships by hand.
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder([[0, 2]]);
    await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({ allowOutgoingWrites: false }));
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);
    const paused = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(paused.records).toMatchObject([
      {
        type: "shipment",
        outcome: "skipped",
        reason: "Outgoing writes are off in Settings: nothing was sent to Shopify.",
      },
    ]);
    const fos = await shop.gql(
      `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id } } } } } }`,
      { id: order.id },
    );
    const fo = fos.order.fulfillmentOrders.nodes[0];
    const create = `mutation C($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }`;
    const byHand = { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] };
    expect((await shop.gql(create, { f: byHand })).fulfillmentCreate.userErrors).toEqual([]);
    // What Shopify answers anyone who now fulfills those lines again, word for word.
    const again = await shop.gql(create, {
      f: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 2 }] },
        ],
      },
    });
    const words = (again.fulfillmentCreate.userErrors as Array<{ message: string }>).map((e) => e.message).join("; ");
    expect(words).not.toBe("");

    await saveShopSettings(getDb(), shop.shopId, shopSettingsSchema.parse({}));
    const refused = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(refused.records).toMatchObject([{ type: "shipment", outcome: "failed", reason: words }]);
    const [row] = await db.sql<Array<{ id: number; error_message: string }>>`
      select id, error_message from shipments where shop_id = ${shop.shopId}`;
    expect(row!.error_message).toBe(words);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toHaveLength(1);

    expect(await retryShipment(shop.shopId, row!.id)).toBe(true);
    const retried = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(retried.records).toMatchObject([
      {
        type: "shipment",
        outcome: "unchanged",
        reason: expect.stringContaining("2 of 2 skipped (already fulfilled in Shopify)"),
      },
    ]);
  });

  it("a service named as ours in Settings but owned by another app: error with Shopify's refusal", async () => {
    // Misconfigured: Settings names a service another app owns as ours, so accepting its request fails.
    const shop = await world.newShop();
    const service = world.store.server.createFulfillmentService(shop.domain, { name: "Other Warehouse App" });
    await saveShopSettings(
      getDb(),
      shop.shopId,
      shopSettingsSchema.parse({ shipments: { fulfillmentServiceHandle: service.handle } }),
    );
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const fos = await shop.gql(
      `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id } } } }`,
      {
        id: order.id,
      },
    );
    const foId = fos.order.fulfillmentOrders.nodes[0].id as string;
    await shop.gql(
      `mutation M($id: ID!, $to: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $to) { userErrors { message } } }`,
      { id: foId, to: service.locationId },
    );
    const submitted = await shop.gql(
      `mutation S($id: ID!) { fulfillmentOrderSubmitFulfillmentRequest(id: $id) { submittedFulfillmentOrder { id } userErrors { message } } }`,
      { id: foId },
    );
    expect(submitted.fulfillmentOrderSubmitFulfillmentRequest.userErrors).toEqual([]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);

    const result = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(result.records).toMatchObject([
      { type: "shipment", outcome: "failed", reason: expect.stringMatching(/access denied/i) },
    ]);
    expect(world.store.server.fulfillments(shop.domain, order.id)).toEqual([]);
  });

  it("runs as a worker task: 'Sync shipments now' and the schedule queue it, one run per shop at a time", async () => {
    const shop = await world.newShop();
    const now = new Date();
    await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shop.shopId], now });
    await holdAllEntries(getDb(), { shopId: shop.shopId, onHold: true, now });
    const every = { kind: "minutes", every: 1 } as const;
    await updateEntry(getDb(), {
      shopId: shop.shopId,
      task: "shipments__sync",
      recurrence: every,
      onHold: false,
      now,
      by: "merchant",
    });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);
    await requestShipmentsSync(shop.shopId);
    const due = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date(now.getTime() + 120_000) });
    expect(due).toEqual({ enqueued: 1, due: 1 });
    const queued = await db.sql`
      select queue_name, key from graphile_worker.jobs where key = ${`shipments__sync:${shop.shopId}`}`;
    // The button and the schedule share one waiting job in the shop's shipments queue.
    expect(queued).toEqual([{ queue_name: `shipments:${shop.shopId}`, key: `shipments__sync:${shop.shopId}` }]);
    await world.runAllJobs();
    expect((await world.shipmentRows(shop.shopId)).map((r) => r.status)).toEqual(["synced"]);
    expect((await shop.fulfillments(order.id)).status).toBe("FULFILLED");
  });

  it("pulls the ERP's shipments page after page through the shop's connection, each once", async () => {
    const shop = await world.newShop();
    const orders = [await shop.placeProcessedOrder([[0, 1]]), await shop.placeProcessedOrder([[1, 1]])];
    for (const order of orders) {
      world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);
    }
    // One record a page: every page after the first comes from BC's continuation link.
    const adapter = (await erpAdapterForShop(shop.shopId))!;
    const stream = { shopId: shop.shopId, stream: ERP_SHIPMENTS_STREAM };
    const cursor = {
      read: () => getSyncCursor(getDb(), stream),
      checkpoint: (value: string) => saveSyncCursor(getDb(), { ...stream, cursor: value }),
    };
    const pulled = await pullErpShipments(getDb(), adapter, shop.shopId, { cursor, pageSize: 1 });
    expect(pulled).toEqual({ pulled: 2, stored: 2, hasMore: false, found: [] });
    expect(await cursor.read()).toBeDefined();
    expect(await pullErpShipments(getDb(), adapter, shop.shopId, { cursor, pageSize: 1 })).toMatchObject({
      stored: expect.any(Number),
    });
    expect(await world.shipmentRows(shop.shopId)).toHaveLength(2);
  });

  it("an online order's lines carry the location of their fulfillment order into the ERP document", async () => {
    const shop = await world.newShop();
    const locations = await shop.gql(`{ locations(first: 5) { nodes { id } } }`);
    const ids = (locations.locations.nodes as Array<{ id: string }>).map((l) => l.id);
    const codes = ["MAIN", "EAST", "WEST"];
    await saveShopSettings(
      getDb(),
      shop.shopId,
      shopSettingsSchema.parse({ orders: { locations: Object.fromEntries(ids.map((id, i) => [id, codes[i % 3]])) } }),
    );
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const fos = await shop.gql(
      `query F($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { assignedLocation { location { id } } } } } }`,
      { id: order.id },
    );
    const assigned = fos.order.fulfillmentOrders.nodes[0].assignedLocation.location.id as string;
    const expected = codes[ids.indexOf(assigned) % 3];
    expect(expected).toBeDefined();
    const location = shop.company.locations.get(order.salesLines[0]!.locationId);
    expect(location?.code).toBe(expected);
  });

  it("an entry on hold is not queued by the tick, while 'Sync shipments now' still runs", async () => {
    const shop = await world.newShop();
    const now = new Date();
    await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shop.shopId], now });
    const every = { kind: "minutes", every: 1 } as const;
    await updateEntry(getDb(), {
      shopId: shop.shopId,
      task: "shipments__sync",
      recurrence: every,
      onHold: true,
      now,
      by: "merchant",
    });
    const order = await shop.placeProcessedOrder([[0, 1]]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);
    const key = `shipments__sync:${shop.shopId}`;

    // Due many times over, but on hold: the tick queues the shop's other due entries, not this one.
    const due = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date(now.getTime() + 10 * 60_000) });
    expect(due.enqueued).toBeGreaterThan(0);
    expect(await db.sql`select 1 from graphile_worker.jobs where key = ${key}`).toEqual([]);
    await world.runAllJobs();
    expect(await world.shipmentRows(shop.shopId)).toEqual([]);

    // The button runs it anyway.
    await requestShipmentsSync(shop.shopId);
    expect(await db.sql`select queue_name from graphile_worker.jobs where key = ${key}`).toEqual([
      { queue_name: `shipments:${shop.shopId}` },
    ]);
    await world.runAllJobs();
    expect((await world.shipmentRows(shop.shopId)).map((r) => r.status)).toEqual(["synced"]);
    expect((await shop.fulfillments(order.id)).status).toBe("FULFILLED");
  });
});
