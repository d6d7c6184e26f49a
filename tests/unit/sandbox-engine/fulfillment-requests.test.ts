import { describe, expect, it } from "vitest";

import { at, createHarness, SHOP } from "./engine-harness.ts";
import {
  APP,
  FO_FIELDS,
  fulfillAll,
  FULFILLMENT_CREATE,
  readOrder,
  run,
  runRaw,
  THIRD_PARTY,
  twoLocationOrder,
} from "./fulfillment-harness.ts";

const EAST = "gid://shopify/Location/1002";

const MOVE = `mutation($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) {
  fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) {
    movedFulfillmentOrder { ${FO_FIELDS} }
    originalFulfillmentOrder { ${FO_FIELDS} }
    remainingFulfillmentOrder { id }
    userErrors { field message code }
  }
}`;

const SUBMIT = `mutation($id: ID!, $lines: [FulfillmentOrderLineItemInput!], $message: String) {
  fulfillmentOrderSubmitFulfillmentRequest(id: $id, fulfillmentOrderLineItems: $lines, message: $message, notifyCustomer: true) {
    originalFulfillmentOrder { id }
    submittedFulfillmentOrder { ${FO_FIELDS} merchantRequests(first: 5) { nodes { kind message requestOptions responseData } } }
    unsubmittedFulfillmentOrder { ${FO_FIELDS} }
    userErrors { field message }
  }
}`;

const ACCEPT = `mutation($id: ID!) {
  fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: "On it", estimatedShippedAt: "2026-03-02T12:00:00Z") {
    fulfillmentOrder { id status requestStatus supportedActions { action } }
    userErrors { field message }
  }
}`;

const REJECT = `mutation($id: ID!) {
  fulfillmentOrderRejectFulfillmentRequest(id: $id, message: "Out of stock", reason: INVENTORY_OUT_OF_STOCK) {
    fulfillmentOrder { id status requestStatus merchantRequests(first: 5) { nodes { responseData } } }
    userErrors { field message }
  }
}`;

const SERVICE_CREATE = `mutation($name: String!) {
  fulfillmentServiceCreate(name: $name, callbackUrl: "https://3pl.example/callback", trackingSupport: true, inventoryManagement: true) {
    fulfillmentService { id handle serviceName type callbackUrl trackingSupport inventoryManagement
      location { id name isFulfillmentService shipsInventory fulfillsOnlineOrders fulfillmentService { id handle serviceName type } } }
    userErrors { field message }
  }
}`;

/** An order, a third-party 3PL, and the order's first fulfillment order moved there. */
async function atThirdParty() {
  const h = createHarness();
  const service = h.engine.createFulfillmentService(SHOP, { name: "Acme 3PL" });
  const orderId = await twoLocationOrder(h);
  const fo = (await readOrder(h, orderId)).fulfillmentOrders.nodes[0]!;
  const moved = await run(h, MOVE, { id: fo.id, to: service.locationId });
  expect(at(moved, "fulfillmentOrderMove.userErrors")).toEqual([]);
  return { h, service, orderId, fo };
}

describe("fulfillment services", () => {
  it("fulfillmentServiceCreate makes a service and its location, owned by the calling app", async () => {
    const h = createHarness();
    h.events.length = 0;
    const data = await run(h, SERVICE_CREATE, { name: "Own Warehouse" });
    const service = at<{ id: string; location: { id: string } }>(data, "fulfillmentServiceCreate.fulfillmentService");
    expect(service).toMatchObject({
      id: "gid://shopify/FulfillmentService/1001",
      handle: "own-warehouse",
      serviceName: "Own Warehouse",
      type: "THIRD_PARTY",
      callbackUrl: "https://3pl.example/callback",
      trackingSupport: true,
      inventoryManagement: true,
      location: {
        name: "Own Warehouse",
        isFulfillmentService: true,
        shipsInventory: false,
        fulfillsOnlineOrders: true,
        fulfillmentService: { id: "gid://shopify/FulfillmentService/1001", handle: "own-warehouse" },
      },
    });
    expect(h.events.map((e) => e.topic)).toEqual(["locations/create"]);
    const again = await run(h, SERVICE_CREATE, { name: "Own Warehouse" });
    expect(at(again, "fulfillmentServiceCreate.userErrors")).toEqual([
      { field: ["name"], message: "Name has already been taken" },
    ]);
    const read = await run(
      h,
      `query($id: ID!) { fulfillmentService(id: $id) { serviceName } shop { fulfillmentServices { handle } } }`,
      {
        id: service.id,
      },
    );
    expect(read).toEqual({
      fulfillmentService: { serviceName: "Own Warehouse" },
      shop: { fulfillmentServices: [{ handle: "own-warehouse" }] },
    });
    // The merchant's own locations are not services.
    const main = await run(
      h,
      `{ location(id: "gid://shopify/Location/1001") { isFulfillmentService fulfillmentService { id } shipsInventory } }`,
    );
    expect(at(main, "location")).toEqual({
      isFulfillmentService: false,
      fulfillmentService: null,
      shipsInventory: true,
    });
  });

  it("the control API makes one owned by another app", () => {
    const h = createHarness();
    expect(h.engine.createFulfillmentService(SHOP, { name: "Acme 3PL" })).toEqual({
      id: "gid://shopify/FulfillmentService/1001",
      handle: "acme-3pl",
      serviceName: "Acme 3PL",
      ownerApiKey: THIRD_PARTY,
      locationId: "gid://shopify/Location/1003",
    });
    expect(h.engine.createFulfillmentService(SHOP, { name: "Beta", ownerApiKey: "other" }).ownerApiKey).toBe("other");
    expect(() => h.engine.createFulfillmentService(SHOP, { name: "acme 3pl" })).toThrow(/already been taken/);
  });
});

describe("fulfillmentOrderMove", () => {
  it("moves a whole fulfillment order in place", async () => {
    const h = createHarness();
    const orderId = await twoLocationOrder(h);
    const fo = (await readOrder(h, orderId)).fulfillmentOrders.nodes[0]!;
    h.events.length = 0;
    const data = at<Record<string, unknown>>(await run(h, MOVE, { id: fo.id, to: EAST }), "fulfillmentOrderMove");
    expect(data).toMatchObject({
      movedFulfillmentOrder: { id: fo.id, status: "OPEN", assignedLocation: { location: { id: EAST } } },
      originalFulfillmentOrder: { id: fo.id },
      remainingFulfillmentOrder: null,
      userErrors: [],
    });
    expect(h.events.map((e) => e.topic)).toEqual(["fulfillment_orders/moved"]);
    expect((await readOrder(h, orderId)).fulfillmentOrders.nodes).toHaveLength(2);
  });

  it("splits off the moved units; the rest stays, and shipped units never move", async () => {
    const h = createHarness();
    const orderId = await twoLocationOrder(h);
    const fo = (await readOrder(h, orderId)).fulfillmentOrders.nodes[0]!;
    const line = fo.lineItems.nodes[0]!;
    await run(h, FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          { fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: line.id, quantity: 1 }] },
        ],
      },
    });
    const data = at<Record<string, unknown>>(
      await run(h, MOVE, { id: fo.id, to: EAST, lines: [{ id: line.id, quantity: 1 }] }),
      "fulfillmentOrderMove",
    );
    expect(data).toMatchObject({
      movedFulfillmentOrder: {
        id: "gid://shopify/FulfillmentOrder/1003",
        status: "OPEN",
        assignedLocation: { location: { id: EAST } },
        lineItems: { nodes: [{ totalQuantity: 1, remainingQuantity: 1, lineItem: { id: line.lineItem.id } }] },
      },
      originalFulfillmentOrder: {
        id: fo.id,
        status: "CLOSED",
        lineItems: { nodes: [{ id: line.id, totalQuantity: 1, remainingQuantity: 0 }] },
      },
      remainingFulfillmentOrder: null,
    });
    const order = await readOrder(h, orderId);
    expect(order.fulfillmentOrders.nodes.map((f) => [f.id, f.status])).toEqual([
      [fo.id, "CLOSED"],
      ["gid://shopify/FulfillmentOrder/1002", "OPEN"],
      ["gid://shopify/FulfillmentOrder/1003", "OPEN"],
    ]);
    expect(order.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(order.lineItems.nodes[0]).toMatchObject({ unfulfilledQuantity: 1, fulfillableQuantity: 1 });
  });

  it.each([
    [
      "an unknown fulfillment order",
      { id: "gid://shopify/FulfillmentOrder/9", to: EAST },
      ["id"],
      "Fulfillment order does not exist.",
    ],
    ["an unknown location", { to: "gid://shopify/Location/9" }, ["newLocationId"], "Location does not exist."],
    [
      "its own location",
      { to: "gid://shopify/Location/1001" },
      ["newLocationId"],
      "Fulfillment order is already assigned to this location.",
    ],
    [
      "too many units",
      { to: EAST, lines: "too-many" },
      ["fulfillmentOrderLineItems", "0", "quantity"],
      "Invalid fulfillment order line item quantity requested.",
    ],
  ])("refuses %s", async (_name, vars, field, message) => {
    const h = createHarness();
    const fo = (await readOrder(h, await twoLocationOrder(h))).fulfillmentOrders.nodes[0]!;
    const line = fo.lineItems.nodes[0]!;
    const before = h.engine.snapshot();
    const lines = "lines" in vars ? [{ id: line.id, quantity: 3 }] : undefined;
    const data = await run(h, MOVE, { id: fo.id, ...vars, lines });
    expect(at(data, "fulfillmentOrderMove")).toEqual({
      movedFulfillmentOrder: null,
      originalFulfillmentOrder: null,
      remainingFulfillmentOrder: null,
      userErrors: [{ field, message, code: null }],
    });
    expect(h.engine.snapshot()).toEqual(before);
  });
});

describe("fulfillment requests", () => {
  it("submit (partial) → accept by the service → fulfil by the service only", async () => {
    const { h, service, orderId, fo } = await atThirdParty();
    const line = fo.lineItems.nodes[0]!;
    const atService = (await readOrder(h, orderId)).fulfillmentOrders.nodes[0]!;
    expect(atService).toMatchObject({
      id: fo.id,
      assignedLocation: { name: "Acme 3PL", location: { id: service.locationId, isFulfillmentService: true } },
      supportedActions: [
        { action: "REQUEST_FULFILLMENT" },
        { action: "MOVE" },
        { action: "HOLD" },
        { action: "SPLIT" },
      ],
    });
    h.events.length = 0;

    const submitted = at<Record<string, unknown>>(
      await run(h, SUBMIT, { id: fo.id, lines: [{ id: line.id, quantity: 1 }], message: "Gift wrap" }),
      "fulfillmentOrderSubmitFulfillmentRequest",
    );
    expect(submitted).toMatchObject({
      originalFulfillmentOrder: { id: fo.id },
      submittedFulfillmentOrder: {
        id: fo.id,
        status: "OPEN",
        requestStatus: "SUBMITTED",
        lineItems: { nodes: [{ id: line.id, totalQuantity: 1, remainingQuantity: 1 }] },
        merchantRequests: {
          nodes: [
            {
              kind: "FULFILLMENT_REQUEST",
              message: "Gift wrap",
              requestOptions: { notify_customer: true },
              responseData: null,
            },
          ],
        },
      },
      unsubmittedFulfillmentOrder: {
        status: "OPEN",
        requestStatus: "UNSUBMITTED",
        assignedLocation: { location: { id: service.locationId } },
        lineItems: { nodes: [{ totalQuantity: 1, remainingQuantity: 1 }] },
      },
      userErrors: [],
    });
    expect((await readOrder(h, orderId)).displayFulfillmentStatus).toBe("UNFULFILLED");

    // Only the service's own app may accept; anyone else is denied before anything changes.
    const before = h.engine.snapshot();
    const denied = await runRaw(h, ACCEPT, { id: fo.id }, APP);
    expect(denied.data).toEqual({ fulfillmentOrderAcceptFulfillmentRequest: null });
    expect(denied.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Access denied for fulfillmentOrderAcceptFulfillmentRequest field\./),
      path: ["fulfillmentOrderAcceptFulfillmentRequest"],
      extensions: { code: "ACCESS_DENIED" },
    });
    expect(h.engine.snapshot()).toEqual(before);

    const accepted = await run(h, ACCEPT, { id: fo.id }, THIRD_PARTY);
    expect(at(accepted, "fulfillmentOrderAcceptFulfillmentRequest")).toEqual({
      fulfillmentOrder: {
        id: fo.id,
        status: "IN_PROGRESS",
        requestStatus: "ACCEPTED",
        supportedActions: [{ action: "CREATE_FULFILLMENT" }],
      },
      userErrors: [],
    });
    const again = await run(h, ACCEPT, { id: fo.id }, THIRD_PARTY);
    expect(at(again, "fulfillmentOrderAcceptFulfillmentRequest.userErrors")).toEqual([
      {
        field: ["id"],
        message: "Cannot accept a fulfillment request for a fulfillment order with request status accepted.",
      },
    ]);

    // The merchant's app still cannot fulfil the service's order; the service can.
    const byApp = await run(h, FULFILLMENT_CREATE, fulfillAll(fo.id));
    expect(at(byApp, "fulfillmentCreate.userErrors")).toEqual([
      { field: ["fulfillment"], message: "The api_client does not have access to the fulfillment order." },
    ]);
    const byService = await run(
      h,
      FULFILLMENT_CREATE,
      fulfillAll(fo.id, { trackingInfo: { company: "USPS", number: "9400" } }),
      THIRD_PARTY,
    );
    expect(at(byService, "fulfillmentCreate.fulfillment")).toMatchObject({
      location: { id: service.locationId },
      totalQuantity: 1,
      trackingInfo: [
        { company: "USPS", number: "9400", url: "https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1=9400" },
      ],
    });
    expect(h.events.map((e) => e.topic)).toEqual([
      "fulfillment_orders/fulfillment_request_submitted",
      "fulfillment_orders/fulfillment_request_accepted",
      "fulfillments/create",
      "orders/partially_fulfilled",
      "orders/updated",
    ]);
    const assigned = await run(
      h,
      `{ assignedFulfillmentOrders(first: 5, assignmentStatus: FULFILLMENT_UNSUBMITTED) { nodes { id requestStatus } } }`,
      {},
      THIRD_PARTY,
    );
    expect(at(assigned, "assignedFulfillmentOrders.nodes")).toEqual([
      { id: at<string>(submitted, "unsubmittedFulfillmentOrder.id"), requestStatus: "UNSUBMITTED" },
    ]);
  });

  it("reject: the request is declined, and the order says so", async () => {
    const { h, orderId, fo } = await atThirdParty();
    await run(h, SUBMIT, { id: fo.id });
    const deniedReject = await runRaw(h, REJECT, { id: fo.id }, APP);
    expect(deniedReject.errors?.[0]?.extensions).toMatchObject({ code: "ACCESS_DENIED" });
    const rejected = await run(h, REJECT, { id: fo.id }, THIRD_PARTY);
    expect(at(rejected, "fulfillmentOrderRejectFulfillmentRequest")).toEqual({
      fulfillmentOrder: {
        id: fo.id,
        status: "OPEN",
        requestStatus: "REJECTED",
        merchantRequests: {
          nodes: [
            {
              responseData: {
                accepted: false,
                message: "Out of stock",
                reason: "INVENTORY_OUT_OF_STOCK",
                line_items: [],
              },
            },
          ],
        },
      },
      userErrors: [],
    });
    expect((await readOrder(h, orderId)).displayFulfillmentStatus).toBe("REQUEST_DECLINED");
    // A rejected fulfillment order can go back to the merchant's own location.
    const back = await run(h, MOVE, { id: fo.id, to: "gid://shopify/Location/1001" });
    expect(at(back, "fulfillmentOrderMove.movedFulfillmentOrder")).toMatchObject({
      id: fo.id,
      requestStatus: "UNSUBMITTED",
    });
    const shipped = await run(h, FULFILLMENT_CREATE, fulfillAll(fo.id));
    expect(at(shipped, "fulfillmentCreate.userErrors")).toEqual([]);
  });

  it("the owner of a service fulfils its own orders only once it accepted them", async () => {
    const h = createHarness();
    const location = at<string>(
      await run(h, SERVICE_CREATE, { name: "Own Warehouse" }),
      "fulfillmentServiceCreate.fulfillmentService.location.id",
    );
    const fo = (await readOrder(h, await twoLocationOrder(h))).fulfillmentOrders.nodes[0]!;
    await run(h, MOVE, { id: fo.id, to: location });
    await run(h, SUBMIT, { id: fo.id });
    const early = await run(h, FULFILLMENT_CREATE, fulfillAll(fo.id));
    expect(at(early, "fulfillmentCreate.userErrors")).toEqual([
      {
        field: ["fulfillment"],
        message: `Fulfillment order ${fo.id.split("/").pop()} has an unfulfillable request status= submitted.`,
      },
    ]);
    // Requested units stay with the service.
    const move = await run(h, MOVE, { id: fo.id, to: EAST });
    expect(at(move, "fulfillmentOrderMove.userErrors")).toEqual([
      { field: ["id"], message: "Cannot move a fulfillment order with request status submitted.", code: null },
    ]);
    await run(h, ACCEPT, { id: fo.id });
    const done = await run(h, FULFILLMENT_CREATE, fulfillAll(fo.id));
    expect(at(done, "fulfillmentCreate.userErrors")).toEqual([]);
  });

  it("refuses to submit a merchant location's fulfillment order", async () => {
    const h = createHarness();
    const fo = (await readOrder(h, await twoLocationOrder(h))).fulfillmentOrders.nodes[0]!;
    const data = await run(h, SUBMIT, { id: fo.id });
    expect(at(data, "fulfillmentOrderSubmitFulfillmentRequest.userErrors")).toEqual([
      { field: ["id"], message: "Fulfillment order is not assigned to a fulfillment service." },
    ]);
  });
});
