import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { at, createHarness, type GqlBody, REFERENCE_TIMESTAMP, SHOP } from "./engine-harness.ts";
import {
  fulfillAll,
  FULFILLMENT_CREATE,
  ORDER_FULFILLMENT,
  run,
  THIRD_PARTY,
  twoLocationOrder,
} from "./fulfillment-harness.ts";

/** Saved by the engine before fulfillment orders existed (snapshot version 1): four orders, #1002 cancelled, #1004 created fulfilled. */
const V1 = JSON.parse(readFileSync(new URL("./fixtures/snapshot-v1.json", import.meta.url), "utf8")) as {
  version: number;
  shops: { info: { domain: string } }[];
};
const OLD_SHOP = "old-shop.myshopify.com";

async function gqlOn(engine: ReturnType<typeof createShopifyEngine>, shop: string, query: string, variables = {}) {
  const res = await engine.execute({ shop, apiKey: "app-1", query, variables });
  const body = res.body as GqlBody;
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

describe("fulfillment snapshots", () => {
  it("round-trips fulfillment orders, fulfillments and fulfillment services", async () => {
    const h = createHarness();
    const service = h.engine.createFulfillmentService(SHOP, { name: "Acme 3PL" });
    const orderId = await twoLocationOrder(h);
    const first = at<{ id: string }[]>(
      await run(h, ORDER_FULFILLMENT, { id: orderId }),
      "order.fulfillmentOrders.nodes",
    );
    await run(
      h,
      FULFILLMENT_CREATE,
      fulfillAll(first[0]!.id, { trackingInfo: { company: "FedEx", number: "42" } }),
      "app-1",
    );
    await run(
      h,
      `mutation($id: ID!, $to: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $to) { userErrors { message } } }`,
      {
        id: first[1]!.id,
        to: service.locationId,
      },
    );
    await run(
      h,
      `mutation($id: ID!) { fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: "hi") { userErrors { message } } }`,
      {
        id: first[1]!.id,
      },
    );
    await run(
      h,
      `mutation($id: ID!) { fulfillmentOrderAcceptFulfillmentRequest(id: $id) { userErrors { message } } }`,
      { id: first[1]!.id },
      THIRD_PARTY,
    );
    const before = await run(h, ORDER_FULFILLMENT, { id: orderId });

    const saved: unknown = JSON.parse(JSON.stringify(h.engine.snapshot()));
    expect(saved).toMatchObject({ version: 4 });
    const engine = createShopifyEngine({ now: () => REFERENCE_TIMESTAMP });
    engine.restore(saved);
    expect(await gqlOn(engine, SHOP, ORDER_FULFILLMENT, { id: orderId })).toEqual(before);
    expect(engine.snapshot()).toEqual(saved);
    expect(engine.listFulfillments(SHOP, orderId)).toEqual(h.engine.listFulfillments(SHOP, orderId));

    // Ids continue after a restart: the next fulfillment is F2 with a new id; the service still owns its order.
    const res = await engine.execute({
      shop: SHOP,
      apiKey: THIRD_PARTY,
      query: FULFILLMENT_CREATE,
      variables: fulfillAll(first[1]!.id),
    });
    expect(at((res.body as GqlBody).data, "fulfillmentCreate.fulfillment")).toMatchObject({
      id: "gid://shopify/Fulfillment/1002",
      name: "#1001-F2",
      location: { id: service.locationId },
    });
  });

  it("loads a version 1 snapshot, giving its orders fulfillment orders", async () => {
    expect(V1.version).toBe(1);
    const engine = createShopifyEngine({ now: () => REFERENCE_TIMESTAMP });
    const events: unknown[] = [];
    engine.onEvent((e) => events.push(e));
    engine.restore(structuredClone(V1));
    const data = await gqlOn(
      engine,
      OLD_SHOP,
      `{ orders(first: 10) { nodes { name cancelledAt displayFulfillmentStatus fulfillable
        lineItems(first: 5) { nodes { quantity currentQuantity unfulfilledQuantity } }
        fulfillments(first: 5) { name totalQuantity }
        fulfillmentOrders(first: 5) { nodes { status createdAt assignedLocation { location { id } } lineItems(first: 5) { nodes { totalQuantity remainingQuantity } } } } } } }`,
    );
    type Order = {
      name: string;
      cancelledAt: string | null;
      displayFulfillmentStatus: string;
      fulfillable: boolean;
      lineItems: { nodes: { quantity: number; currentQuantity: number; unfulfilledQuantity: number }[] };
      fulfillments: { name: string; totalQuantity: number }[];
      fulfillmentOrders: {
        nodes: { status: string; lineItems: { nodes: { totalQuantity: number; remainingQuantity: number }[] } }[];
      };
    };
    const orders = at<Order[]>(data, "orders.nodes");
    expect(orders.map((o) => o.name)).toEqual(["#1001", "#1002", "#1003", "#1004"]);
    for (const o of orders) {
      const open = o.fulfillmentOrders.nodes.flatMap((fo) => fo.lineItems.nodes);
      const units = o.lineItems.nodes.reduce((s, l) => s + l.quantity, 0);
      expect(open.reduce((s, l) => s + l.totalQuantity, 0)).toBe(units);
      if (o.name === "#1002") {
        expect(o.cancelledAt).not.toBeNull();
        expect(o.fulfillmentOrders.nodes.every((fo) => fo.status === "CANCELLED")).toBe(true);
        expect(o.fulfillable).toBe(false);
      } else if (o.name === "#1004") {
        expect(o.displayFulfillmentStatus).toBe("FULFILLED");
        expect(o.fulfillmentOrders.nodes.every((fo) => fo.status === "CLOSED")).toBe(true);
        expect(o.fulfillments).toEqual([{ name: "#1004-F1", totalQuantity: units }]);
        expect(o.lineItems.nodes.every((l) => l.unfulfilledQuantity === 0)).toBe(true);
      } else {
        expect(o.displayFulfillmentStatus).toBe("UNFULFILLED");
        expect(o.fulfillmentOrders.nodes.every((fo) => fo.status === "OPEN")).toBe(true);
        expect(open.every((l) => l.remainingQuantity === l.totalQuantity)).toBe(true);
        expect(o.fulfillable).toBe(true);
      }
    }
    // Loading announces nothing, and the store works on: its open orders can be fulfilled.
    expect(events).toEqual([]);
    const fo = at<{ nodes: { id: string }[] }>(
      await gqlOn(engine, OLD_SHOP, `{ orders(first: 1) { nodes { fulfillmentOrders(first: 1) { nodes { id } } } } }`),
      "orders.nodes.0.fulfillmentOrders",
    ).nodes[0]!;
    const shipped = await gqlOn(engine, OLD_SHOP, FULFILLMENT_CREATE, fulfillAll(fo.id));
    expect(at(shipped, "fulfillmentCreate.userErrors")).toEqual([]);
    expect(engine.snapshot()).toMatchObject({ version: 4 });
  });
});
