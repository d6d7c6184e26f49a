import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { getShopSettings, saveShopSettings } from "../../../app/.server/queries/shops.ts";
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

/** Everything of ours a shipments run may write for the shop, to compare before and after a preview. */
async function ourRows(shopId: number) {
  return {
    shipments: await db.sql`select * from shipments where shop_id = ${shopId} order by id`,
    cursors: await db.sql`select stream, cursor from sync_cursors where shop_id = ${shopId} order by stream`,
    skipped: await db.sql`select * from skipped_records where shop_id = ${shopId} order by id`,
    events: await db.sql`select id, kind from order_events where shop_id = ${shopId} order by id`,
    orders:
      await db.sql`select id, status, posting_status, erp_document_number from orders where shop_id = ${shopId} order by id`,
  };
}

/** The calls the app logged for the shop since `afterId` (the shop logs every call: logging "all"). */
async function callsSince(shopId: number, afterId: number) {
  return db.sql<Array<{ system: string; operation: string; method: string | null }>>`
    select system, operation, method from api_log_entries where shop_id = ${shopId} and id > ${afterId} order by id`;
}

const lastCallId = async () =>
  (await db.sql<Array<{ id: number }>>`select coalesce(max(id), 0)::int as id from api_log_entries`)[0]!.id;

describe("Preview of Sync shipments", () => {
  it("plans the waiting and the new shipments, writes nothing anywhere, and a real run then does what it said", async () => {
    const shop = await world.newShop({
      logging: "all",
      shipments: { carriers: { UPS: "UPS | https://track.example/{number}" } },
    });
    const waitingOrder = await shop.placeProcessedOrder([[0, 2]]);
    const newOrder = await shop.placeProcessedOrder([
      [1, 1],
      [2, 3],
    ]);

    // A shipment stored and waiting: pulled by a run while outgoing writes were off.
    const settings = await getShopSettings(getDb(), shop.shopId);
    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: false });
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, waitingOrder.salesOrder.id, {
      packageTrackingNumber: "1Z0001",
      shippingAgentCode: "UPS",
    });
    expect((await world.runTask(shipmentsSyncTask, shop.shopId)).records.map((r) => r.outcome)).toEqual(["skipped"]);
    await saveShopSettings(getDb(), shop.shopId, { ...settings, allowOutgoingWrites: true });
    // A shipment posted in the ERP since: not pulled yet.
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, newOrder.salesOrder.id);

    const before = await ourRows(shop.shopId);
    const callsBefore = await lastCallId();
    const bcBefore = world.bc.requestLog.entries().length;
    const preview = await world.runTask(shipmentsSyncTask, shop.shopId, { dryRun: true });

    expect(preview.run).toMatchObject({ status: "succeeded", dry_run: true, trigger: "manual" });
    expect(preview.run!.summary).toMatch(/^Preview: 1 new shipment\(s\) in the ERP, 2 planned; nothing was written$/);
    const [stored] = before.shipments as unknown as Array<{ id: number; erp_shipment_no: string }>;
    expect(preview.records).toEqual([
      {
        type: "shipment",
        key: String(stored!.id),
        label: `Shipment ${stored!.erp_shipment_no} → ${waitingOrder.name}`,
        outcome: "planned",
        reason: expect.stringMatching(
          new RegExp(
            `^would fulfil 1 line \\(2 units\\) of ${waitingOrder.name} at .+ with tracking UPS 1Z0001 \\(https://track\\.example/1Z0001\\)\\.$`,
          ),
        ),
      },
      {
        type: "shipment",
        key: expect.stringMatching(/^S-SHPT?\d+$/),
        label: expect.stringMatching(new RegExp(`^Shipment S-SHPT?\\d+ → ${newOrder.name} \\(new in the ERP\\)$`)),
        outcome: "planned",
        reason: expect.stringMatching(
          new RegExp(`^would fulfil 2 lines \\(4 units\\) of ${newOrder.name} at .+ without tracking\\.$`),
        ),
      },
    ]);

    // Nothing written: no row of ours changed (shipments, cursor, skipped records, history)…
    expect(await ourRows(shop.shopId)).toEqual(before);
    // …nothing sent to Shopify (reads only, no fulfillment)…
    const calls = await callsSince(shop.shopId, callsBefore);
    expect(calls.filter((c) => c.system === "shopify").length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.system === "shopify" && /create|accept|close|update/i.test(c.operation))).toEqual([]);
    expect(world.store.server.fulfillments(shop.domain, waitingOrder.id)).toEqual([]);
    expect(world.store.server.fulfillments(shop.domain, newOrder.id)).toEqual([]);
    // …and only reads to the ERP, as the BC sandbox saw them (the token request aside).
    const bcCalls = world.bc.requestLog.entries().slice(bcBefore);
    expect(bcCalls.some((e) => e.method === "GET")).toBe(true);
    expect(bcCalls.filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"))).toEqual([]);
    expect(calls.filter((c) => c.system === "erp" && c.method !== "GET" && c.operation !== "token")).toEqual([]);

    // The real run does what the preview said.
    const real = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(real.run).toMatchObject({ status: "succeeded", dry_run: false });
    expect(real.records.map((r) => [r.label, r.outcome])).toEqual([
      [`Shipment ${stored!.erp_shipment_no} → ${waitingOrder.name}`, "created"],
      [preview.records[1]!.label!.replace(" (new in the ERP)", ""), "created"],
    ]);
    const waiting = await shop.fulfillments(waitingOrder.id);
    expect(waiting.fulfillments).toEqual([
      {
        id: expect.any(String),
        tracking: [{ company: "UPS", number: "1Z0001", url: "https://track.example/1Z0001" }],
        lines: [[0, 2]],
      },
    ]);
    const fresh = await shop.fulfillments(newOrder.id);
    expect(fresh.status).toBe("FULFILLED");
    expect(fresh.fulfillments.map((f) => [f.tracking, f.lines])).toEqual([
      [
        [],
        [
          [0, 1],
          [1, 3],
        ],
      ],
    ]);
    // The real run's new shipment record is keyed by the row it stored.
    const rows = await db.sql<
      Array<{ id: number }>
    >`select id::int from shipments where shop_id = ${shop.shopId} order by id`;
    expect(real.records.map((r) => r.key)).toEqual(rows.map((r) => String(r.id)));
  });

  it("says why a shipment would not be fulfilled", async () => {
    const shop = await world.newShop();
    const order = await shop.placeProcessedOrder([[0, 1]]);
    const cancelled = await shop.gql(
      `mutation C($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: false) { orderCancelUserErrors { message } } }`,
      { id: order.id },
    );
    expect(cancelled.orderCancel.orderCancelUserErrors).toEqual([]);
    world.bc.postShipment(shop.tenant, world.env, shop.company.info.id, order.salesOrder.id);

    const preview = await world.runTask(shipmentsSyncTask, shop.shopId, { dryRun: true });
    expect(preview.records).toMatchObject([
      {
        outcome: "planned",
        reason: expect.stringMatching(
          new RegExp(`^would stop with an error: The Shopify order ${order.name} was cancelled`),
        ),
      },
    ]);
    expect(await world.shipmentRows(shop.shopId)).toEqual([]);
    // The real run ends where the preview said.
    const real = await world.runTask(shipmentsSyncTask, shop.shopId);
    expect(real.records.map((r) => r.outcome)).toEqual(["failed"]);
    expect(real.records[0]!.reason).toBe(preview.records[0]!.reason!.replace("would stop with an error: ", ""));
  });
});
