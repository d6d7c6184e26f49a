import { describe, expect, it } from "vitest";

import { carrierTrackingUrl } from "../../../sandbox/shopify/engine/tracking-urls.ts";
import { at, createHarness, SHOP } from "./engine-harness.ts";
import {
  FO_FIELDS,
  fulfillAll,
  FULFILLMENT_CREATE,
  FULFILLMENT_FIELDS,
  ORDER_CREATE,
  readOrder,
  run,
  runRaw,
  THIRD_PARTY,
  twoLocationOrder,
} from "./fulfillment-harness.ts";

const MAIN = "gid://shopify/Location/1001";
const EAST = "gid://shopify/Location/1002";

describe("fulfillment orders on order creation", () => {
  it("groups lines by the first active location stocking them, one open fulfillment order per location", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    const order = await readOrder(h, id);
    const [lineA, lineB] = order.lineItems.nodes;
    expect(order.fulfillmentOrders.nodes).toMatchObject([
      {
        id: "gid://shopify/FulfillmentOrder/1001",
        status: "OPEN",
        requestStatus: "UNSUBMITTED",
        assignedLocation: { name: "Main Warehouse", location: { id: MAIN, isFulfillmentService: false } },
        lineItems: {
          nodes: [
            {
              id: "gid://shopify/FulfillmentOrderLineItem/1001",
              totalQuantity: 2,
              remainingQuantity: 2,
              sku: lineA!.sku,
              lineItem: { id: lineA!.id },
            },
          ],
        },
        supportedActions: [
          { action: "CREATE_FULFILLMENT" },
          { action: "MOVE" },
          { action: "HOLD" },
          { action: "SPLIT" },
        ],
        deliveryMethod: { methodType: "SHIPPING" },
      },
      {
        id: "gid://shopify/FulfillmentOrder/1002",
        assignedLocation: { name: "East Store", location: { id: EAST } },
        lineItems: { nodes: [{ totalQuantity: 3, remainingQuantity: 3, lineItem: { id: lineB!.id } }] },
      },
    ]);
    expect(order).toMatchObject({ fulfillable: true, displayFulfillmentStatus: "UNFULFILLED", fulfillments: [] });
    expect(order.lineItems.nodes.map((l) => [l.unfulfilledQuantity, l.fulfillableQuantity])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    const fo = at(
      await run(h, `query($id: ID!) { fulfillmentOrder(id: $id) { ${FO_FIELDS} } }`, {
        id: "gid://shopify/FulfillmentOrder/1002",
      }),
      "fulfillmentOrder",
    );
    expect(fo).toMatchObject({ orderId: id, orderName: "#1001", order: { id } });
  });

  it("falls back to the first active location when none has enough, and skips inactive ones", async () => {
    const h = createHarness();
    const state = h.engine.shopState(SHOP)!;
    const big = await run(h, ORDER_CREATE, {
      order: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 500 }] },
    });
    const bigOrder = await readOrder(h, at(big, "orderCreate.order.id"));
    expect(bigOrder.fulfillmentOrders.nodes.map((fo) => fo.assignedLocation.location?.id)).toEqual([MAIN]);

    state.locations.get(1001)!.isActive = false;
    const moved = await run(h, ORDER_CREATE, {
      order: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 1 }] },
    });
    const movedOrder = await readOrder(h, at(moved, "orderCreate.order.id"));
    expect(movedOrder.fulfillmentOrders.nodes.map((fo) => fo.assignedLocation.location?.id)).toEqual([EAST]);
  });

  it("assigns a POS sale to its store and ships it there at once", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h, {
      sourceName: "pos",
      fulfillment: { locationId: EAST, trackingCompany: "UPS", trackingNumber: "1Z999" },
    });
    const order = await readOrder(h, id);
    expect(order.fulfillmentOrders.nodes).toMatchObject([
      { status: "CLOSED", assignedLocation: { location: { id: EAST } }, deliveryMethod: { methodType: "RETAIL" } },
    ]);
    expect(order).toMatchObject({ displayFulfillmentStatus: "FULFILLED", fulfillable: false });
    expect(order.fulfillments).toMatchObject([{ name: "#1001-F1", status: "SUCCESS", totalQuantity: 5 }]);
    const retail = await run(h, `query($id: ID!) { order(id: $id) { retailLocation { id } } }`, { id });
    expect(at(retail, "order.retailLocation.id")).toBe(EAST);
    expect(h.events.map((e) => e.topic)).toEqual(["orders/create", "orders/updated", "fulfillments/create"]);
    expect(h.events[0]?.payload).toMatchObject({ fulfillment_status: "fulfilled" });
  });

  it("gives seeded orders fulfillment orders too", async () => {
    const h = createHarness({ seed: { orders: 3 } });
    const data = await run(h, `{ orders(first: 5) { nodes { fulfillmentOrders(first: 5) { nodes { status } } } } }`);
    const counts = at<{ fulfillmentOrders: { nodes: unknown[] } }[]>(data, "orders.nodes").map(
      (o) => o.fulfillmentOrders.nodes.length,
    );
    expect(counts).toHaveLength(3);
    expect(counts.every((n) => n >= 1)).toBe(true);
  });
});

describe("fulfillmentCreate", () => {
  it("ships part, then the rest: remaining units, statuses, order status, webhooks", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    const before = await readOrder(h, id);
    const [foA, foB] = before.fulfillmentOrders.nodes;
    const lineA = foA!.lineItems.nodes[0]!;
    h.events.length = 0;
    h.advance(60_000);

    const first = await h.gql(FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: foA!.id, fulfillmentOrderLineItems: [{ id: lineA.id, quantity: 1 }] },
        ],
        notifyCustomer: true,
        trackingInfo: { company: "UPS", number: "1Z12345E0205271688" },
      },
      message: "first box",
    });
    expect(first.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(10);
    expect(at(first.data, "fulfillmentCreate.userErrors")).toEqual([]);
    expect(at(first.data, "fulfillmentCreate.fulfillment")).toMatchObject({
      id: "gid://shopify/Fulfillment/1001",
      name: "#1001-F1",
      status: "SUCCESS",
      totalQuantity: 1,
      location: { id: MAIN },
      trackingInfo: [
        {
          company: "UPS",
          number: "1Z12345E0205271688",
          url: "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z12345E0205271688",
        },
      ],
      fulfillmentLineItems: {
        nodes: [{ id: "gid://shopify/FulfillmentLineItem/1001", quantity: 1, lineItem: { id: lineA.lineItem.id } }],
      },
      order: { id },
      fulfillmentOrders: { nodes: [{ id: foA!.id }] },
    });

    const partial = await readOrder(h, id);
    expect(partial.fulfillmentOrders.nodes[0]).toMatchObject({
      status: "IN_PROGRESS",
      lineItems: { nodes: [{ totalQuantity: 2, remainingQuantity: 1 }] },
    });
    expect(partial).toMatchObject({ displayFulfillmentStatus: "PARTIALLY_FULFILLED", fulfillable: true });
    expect(partial.lineItems.nodes[0]).toMatchObject({ unfulfilledQuantity: 1, fulfillableQuantity: 1 });
    expect(Date.parse(partial.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(h.events.map((e) => e.topic)).toEqual([
      "fulfillments/create",
      "orders/partially_fulfilled",
      "orders/updated",
    ]);
    expect(h.events[0]?.payload).toMatchObject({
      id: 1001,
      order_id: Number(id.split("/").pop()),
      status: "success",
      tracking_company: "UPS",
      tracking_number: "1Z12345E0205271688",
      tracking_url: "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z12345E0205271688",
      notify_customer: true,
      line_items: [{ id: Number(lineA.lineItem.id.split("/").pop()), quantity: 1 }],
    });
    expect(h.events[2]?.payload).toMatchObject({ fulfillment_status: "partial" });

    // The rest of A (no lines named: everything remaining), then B from its own location.
    await run(h, FULFILLMENT_CREATE, fulfillAll(foA!.id));
    await run(h, FULFILLMENT_CREATE, fulfillAll(foB!.id, { trackingInfo: { company: "Tiny Courier", number: "X1" } }));
    const done = await readOrder(h, id);
    expect(done.fulfillmentOrders.nodes.map((fo) => [fo.status, fo.lineItems.nodes[0]?.remainingQuantity])).toEqual([
      ["CLOSED", 0],
      ["CLOSED", 0],
    ]);
    expect(done.fulfillmentOrders.nodes.map((fo) => fo.supportedActions)).toEqual([[], []]);
    expect(done).toMatchObject({ displayFulfillmentStatus: "FULFILLED", fulfillable: false });
    expect(done.lineItems.nodes.map((l) => [l.unfulfilledQuantity, l.fulfillableQuantity])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(done.fulfillments.map((f) => [f.name, f.totalQuantity])).toEqual([
      ["#1001-F1", 1],
      ["#1001-F2", 1],
      ["#1001-F3", 3],
    ]);
    expect(h.events.filter((e) => e.topic === "orders/fulfilled")).toHaveLength(1);
    expect(h.events.at(-1)?.payload).toMatchObject({ fulfillment_status: "fulfilled" });

    const third = at(
      await run(h, `query($id: ID!) { fulfillment(id: $id) { ${FULFILLMENT_FIELDS} } }`, {
        id: done.fulfillments[2]!.id,
      }),
      "fulfillment",
    );
    // Not a carrier Shopify knows: the URL stays empty.
    expect(third).toMatchObject({
      location: { id: EAST },
      trackingInfo: [{ company: "Tiny Courier", number: "X1", url: null }],
    });
    const facts = h.engine.listFulfillments(SHOP, id)!;
    expect(facts.map((f) => [f.name, f.notifyCustomer, f.message])).toEqual([
      ["#1001-F1", true, "first box"],
      ["#1001-F2", false, null],
      ["#1001-F3", false, null],
    ]);
    expect(facts[0]?.lineItems).toEqual([
      { id: "gid://shopify/FulfillmentLineItem/1001", lineItemId: lineA.lineItem.id, sku: lineA.sku, quantity: 1 },
    ]);
  });

  describe("refuses with userErrors and changes nothing", () => {
    type Expected = { field: string[]; message: string };
    const cases: [string, (ids: Ids) => Record<string, unknown>, Expected | ((ids: Ids) => Expected)][] = [
      [
        "an unknown fulfillment order",
        () => fulfillAll("gid://shopify/FulfillmentOrder/999999"),
        {
          field: ["fulfillment", "lineItemsByFulfillmentOrder", "0", "fulfillmentOrderId"],
          message: "Fulfillment order does not exist.",
        },
      ],
      [
        "an unknown fulfillment order line",
        (ids) => lines(ids.foA, [{ id: "gid://shopify/FulfillmentOrderLineItem/999999", quantity: 1 }]),
        { field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." },
      ],
      [
        "a zero quantity",
        (ids) => lines(ids.foA, [{ id: ids.lineA, quantity: 0 }]),
        {
          field: ["fulfillment", "lineItemsByFulfillmentOrder", "0", "fulfillmentOrderLineItems", "0", "quantity"],
          message: "Quantity must be greater than 0",
        },
      ],
      [
        "more than remains",
        (ids) => lines(ids.foA, [{ id: ids.lineA, quantity: 3 }]),
        { field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." },
      ],
      [
        "fulfillment orders of two orders",
        (ids) => ({
          fulfillment: {
            lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: ids.foA }, { fulfillmentOrderId: ids.otherOrderFo }],
          },
        }),
        { field: ["fulfillment"], message: "Fulfillment orders must belong to the same order." },
      ],
      [
        "fulfillment orders at two locations",
        (ids) => ({
          fulfillment: {
            lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: ids.foA }, { fulfillmentOrderId: ids.foB }],
          },
        }),
        { field: ["fulfillment"], message: "Fulfillment orders must be assigned to the same location." },
      ],
      [
        "a closed fulfillment order",
        (ids) => fulfillAll(ids.closedFo),
        (ids) => ({
          field: ["fulfillment"],
          message: `Fulfillment order ${tail(ids.closedFo)} has an unfulfillable status= closed.`,
        }),
      ],
      [
        "a third-party service's fulfillment order",
        (ids) => fulfillAll(ids.thirdPartyFo),
        { field: ["fulfillment"], message: "The api_client does not have access to the fulfillment order." },
      ],
      [
        "its own service's fulfillment order not yet accepted",
        (ids) => fulfillAll(ids.ownServiceFo),
        (ids) => ({
          field: ["fulfillment"],
          message: `Fulfillment order ${tail(ids.ownServiceFo)} has an unfulfillable request status= unsubmitted.`,
        }),
      ],
    ];

    it.each(cases)("%s", async (_name, input, error) => {
      const { h, ids } = await errorScene();
      const before = h.engine.snapshot();
      const events = h.events.length;
      const data = await run(h, FULFILLMENT_CREATE, input(ids));
      const expected = typeof error === "function" ? error(ids) : error;
      expect(at(data, "fulfillmentCreate")).toEqual({ fulfillment: null, userErrors: [expected] });
      expect(h.engine.snapshot()).toEqual(before);
      expect(h.events).toHaveLength(events);
    });
  });

  it("refuses to fulfil a cancelled order: its fulfillment orders are cancelled", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    const foId = (await readOrder(h, id)).fulfillmentOrders.nodes[0]!.id;
    const cancel = await run(
      h,
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: false) { orderCancelUserErrors { message } } }`,
      { id },
    );
    expect(at(cancel, "orderCancel.orderCancelUserErrors")).toEqual([]);
    const order = await readOrder(h, id);
    expect(order.fulfillmentOrders.nodes.map((fo) => [fo.status, fo.lineItems.nodes[0]?.remainingQuantity])).toEqual([
      ["CANCELLED", 0],
      ["CANCELLED", 0],
    ]);
    expect(order.fulfillable).toBe(false);
    const before = h.engine.snapshot();
    const data = await run(h, FULFILLMENT_CREATE, fulfillAll(foId));
    expect(at(data, "fulfillmentCreate.userErrors")).toEqual([
      { field: ["fulfillment"], message: `Fulfillment order ${tail(foId)} has an unfulfillable status= cancelled.` },
    ]);
    expect(h.engine.snapshot()).toEqual(before);
  });
});

describe("tracking URLs", () => {
  it.each([
    [
      "UPS",
      "1Z999AA10123456784",
      "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=1Z999AA10123456784",
    ],
    ["FedEx", "449044304137821", "https://www.fedex.com/fedextrack/?trknbr=449044304137821"],
    [
      "USPS",
      "9400111899223197428490",
      "https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1=9400111899223197428490",
    ],
    ["DHL Express", "1234567890", "https://www.dhl.com/en/express/tracking.html?AWB=1234567890&brand=DHL"],
    ["fedex", "1", "https://www.fedex.com/fedextrack/?trknbr=1"],
    ["Somebody's Van", "1", null],
  ])("%s %s", (company, number, url) => {
    expect(carrierTrackingUrl(company, number)).toBe(url);
  });

  it("keeps a given URL, and makes one entry per number", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    const foId = (await readOrder(h, id)).fulfillmentOrders.nodes[0]!.id;
    const data = await run(
      h,
      FULFILLMENT_CREATE,
      fulfillAll(foId, {
        trackingInfo: { company: "FedEx", numbers: ["111", "222"], urls: ["https://track.example/111"] },
      }),
    );
    expect(at(data, "fulfillmentCreate.fulfillment.trackingInfo")).toEqual([
      { company: "FedEx", number: "111", url: "https://track.example/111" },
      { company: "FedEx", number: "222", url: "https://www.fedex.com/fedextrack/?trknbr=222" },
    ]);
  });
});

describe("orderClose and orderOpen", () => {
  const CLOSE = `mutation($input: OrderCloseInput!) { orderClose(input: $input) { order { id closed closedAt updatedAt } userErrors { field message } } }`;
  const OPEN = `mutation($input: OrderOpenInput!) { orderOpen(input: $input) { order { id closed closedAt updatedAt } userErrors { field message } } }`;

  it("sets and clears closedAt, bumping updatedAt and announcing orders/updated", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    h.events.length = 0;
    h.advance(1_000);
    const closed = at<{ closed: boolean; closedAt: string; updatedAt: string }>(
      await run(h, CLOSE, { input: { id } }),
      "orderClose.order",
    );
    expect(closed).toMatchObject({ closed: true, closedAt: closed.updatedAt });
    h.advance(1_000);
    const opened = at<{ closed: boolean; closedAt: string | null; updatedAt: string }>(
      await run(h, OPEN, { input: { id } }),
      "orderOpen.order",
    );
    expect(opened).toMatchObject({ closed: false, closedAt: null });
    expect(Date.parse(opened.updatedAt)).toBeGreaterThan(Date.parse(closed.updatedAt));
    expect(h.events.map((e) => [e.topic, e.payload.closed_at])).toEqual([
      ["orders/updated", closed.closedAt],
      ["orders/updated", null],
    ]);
    const search = await run(h, `{ orders(first: 5, query: "status:open") { nodes { id } } }`);
    expect(at(search, "orders.nodes")).toEqual([{ id }]);
  });

  it("answers a userError for an unknown order", async () => {
    const h = createHarness();
    for (const doc of [CLOSE, OPEN]) {
      const data = await run(h, doc, { input: { id: "gid://shopify/Order/424242" } });
      expect(Object.values(data)[0]).toEqual({
        order: null,
        userErrors: [{ field: ["id"], message: "Order does not exist" }],
      });
    }
    expect(h.events).toEqual([]);
  });
});

describe("drop-response knob", () => {
  it("applies fulfillmentCreate but loses its answer, once", async () => {
    const h = createHarness();
    const id = await twoLocationOrder(h);
    const foId = (await readOrder(h, id)).fulfillmentOrders.nodes[0]!.id;
    expect(h.engine.setDropResponse({ operation: "fulfillmentCreate", times: 1 })).toEqual([
      { operation: "fulfillmentCreate", times: 1, shop: null, mode: "reset" },
    ]);
    // Other operations still answer.
    expect((await readOrder(h, id)).fulfillments).toEqual([]);

    const lost = await h.engine.execute({
      shop: SHOP,
      apiKey: "app-1",
      query: FULFILLMENT_CREATE,
      variables: fulfillAll(foId),
    });
    expect(lost).toMatchObject({ status: 502, dropped: "reset" });
    expect(JSON.stringify(lost.body)).not.toContain("Fulfillment/");
    expect(h.engine.listFulfillments(SHOP, id)).toHaveLength(1);
    expect(h.engine.dropResponseKnobs()).toEqual([]);

    // The retry is answered, and finds nothing left to ship.
    const retry = await run(h, FULFILLMENT_CREATE, fulfillAll(foId));
    expect(at(retry, "fulfillmentCreate.userErrors")).toEqual([
      { field: ["fulfillment"], message: `Fulfillment order ${tail(foId)} has an unfulfillable status= closed.` },
    ]);
    expect(h.engine.listFulfillments(SHOP, id)).toHaveLength(1);
  });

  it("only drops on the shop it names, and times: 0 disarms", async () => {
    const h = createHarness();
    h.engine.setDropResponse({ operation: "shop", times: 1, shop: "other.myshopify.com" });
    const body = await runRaw(h, `{ shop { name } }`, {});
    expect(at(body.data, "shop.name")).toBe("Demo Shop");
    expect(h.engine.setDropResponse({ operation: "shop", times: 0, shop: "other.myshopify.com" })).toEqual([]);
  });
});

interface Ids {
  foA: string;
  foB: string;
  lineA: string;
  otherOrderFo: string;
  closedFo: string;
  thirdPartyFo: string;
  ownServiceFo: string;
}

const tail = (gid: string) => gid.split("/").pop();

function lines(foId: string, items: { id: string; quantity: number }[]) {
  return {
    fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, fulfillmentOrderLineItems: items }] },
  };
}

const MOVE = `mutation($id: ID!, $to: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $to) { movedFulfillmentOrder { id } userErrors { message } } }`;
const SERVICE_CREATE = `mutation($name: String!) { fulfillmentServiceCreate(name: $name, callbackUrl: "https://3pl.example/cb", trackingSupport: true, inventoryManagement: false) { fulfillmentService { id location { id } } userErrors { message } } }`;

/** A store with every kind of fulfillment order a fulfillmentCreate can be refused for. */
async function errorScene() {
  const h = createHarness();
  const order = await readOrder(h, await twoLocationOrder(h));
  const [foA, foB] = order.fulfillmentOrders.nodes;
  const otherOrder = await readOrder(h, await twoLocationOrder(h));
  const closedOrder = await readOrder(h, await twoLocationOrder(h));
  const closedFo = closedOrder.fulfillmentOrders.nodes[0]!.id;
  await run(h, FULFILLMENT_CREATE, fulfillAll(closedFo));

  const thirdParty = h.engine.createFulfillmentService(SHOP, { name: "Acme 3PL" });
  expect(thirdParty.ownerApiKey).toBe(THIRD_PARTY);
  const thirdPartyOrder = await readOrder(h, await twoLocationOrder(h));
  const thirdPartyFo = thirdPartyOrder.fulfillmentOrders.nodes[0]!.id;
  await run(h, MOVE, { id: thirdPartyFo, to: thirdParty.locationId });

  const own = at<string>(
    await run(h, SERVICE_CREATE, { name: "Own Warehouse" }),
    "fulfillmentServiceCreate.fulfillmentService.location.id",
  );
  const ownOrder = await readOrder(h, await twoLocationOrder(h));
  const ownServiceFo = ownOrder.fulfillmentOrders.nodes[0]!.id;
  await run(h, MOVE, { id: ownServiceFo, to: own });
  return {
    h,
    ids: {
      foA: foA!.id,
      foB: foB!.id,
      lineA: foA!.lineItems.nodes[0]!.id,
      otherOrderFo: otherOrder.fulfillmentOrders.nodes[0]!.id,
      closedFo,
      thirdPartyFo,
      ownServiceFo,
    },
  };
}
