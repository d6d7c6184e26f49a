import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";
import type { SandboxServerApi } from "../../../sandbox/shopify/server/sandbox-api.ts";
import { APP, graphql, SHOP } from "./sandbox-fixture.ts";

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id fulfillmentOrders(first: 5) { nodes { id } } } userErrors { message } } }`;
const FULFILLMENT_CREATE = `mutation($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) { fulfillment { id name } userErrors { field message } } }`;

async function control(server: SandboxServerApi, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The real engine behind the HTTP server, one seeded shop, the app installed. */
describe("sandbox fulfillment control API", () => {
  let server: SandboxServerApi;
  let token: string;
  beforeEach(async () => {
    const engine = createShopifyEngine();
    engine.createShop({ domain: SHOP });
    engine.seed(SHOP, { products: 2, variantsPerProduct: 1, customers: 0 });
    server = await createShopifySandboxServer({ engine, port: 0 });
    server.registerApp({ ...APP, appUrl: "http://127.0.0.1:1", scopes: ["write_orders"] });
    token = server.installApp(SHOP, APP.apiKey).accessToken;
  });
  afterEach(async () => {
    await server.close();
  });

  async function newOrder(): Promise<{ orderId: string; foId: string }> {
    const created = await graphql(server.url, token, {
      query: ORDER_CREATE,
      variables: { order: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 2 }] } },
    });
    const order = (
      created.body as {
        data: { orderCreate: { order: { id: string; fulfillmentOrders: { nodes: { id: string }[] } } } };
      }
    ).data.orderCreate.order;
    return { orderId: order.id, foId: order.fulfillmentOrders.nodes[0]!.id };
  }

  const fulfil = (foId: string) => ({
    query: FULFILLMENT_CREATE,
    variables: {
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId }],
        notifyCustomer: true,
        trackingInfo: { company: "DHL Express", number: "123" },
      },
      message: "packed",
    },
  });

  it("lists an order's fulfillments with the facts only the sandbox shows", async () => {
    const { orderId, foId } = await newOrder();
    expect((await graphql(server.url, token, fulfil(foId))).status).toBe(200);
    const numeric = orderId.split("/").pop();
    const listed = await control(server, "GET", `/sandbox/shops/${SHOP}/orders/${numeric}/fulfillments`);
    expect(listed).toEqual({
      status: 200,
      body: {
        fulfillments: [
          expect.objectContaining({
            name: "#1001-F1",
            status: "SUCCESS",
            orderId,
            locationId: "gid://shopify/Location/1001",
            fulfillmentOrderIds: [foId],
            notifyCustomer: true,
            message: "packed",
            trackingInfo: [
              {
                company: "DHL Express",
                number: "123",
                url: "https://www.dhl.com/en/express/tracking.html?AWB=123&brand=DHL",
              },
            ],
            lineItems: [expect.objectContaining({ quantity: 2 })],
          }),
        ],
      },
    });
    // The order's gid works as well; an unknown order is a 404.
    const byGid = await control(
      server,
      "GET",
      `/sandbox/shops/${SHOP}/orders/${encodeURIComponent(orderId)}/fulfillments`,
    );
    expect(byGid.body).toEqual(listed.body);
    expect(server.fulfillments(SHOP, orderId)).toEqual(listed.body.fulfillments);
    expect((await control(server, "GET", `/sandbox/shops/${SHOP}/orders/999/fulfillments`)).status).toBe(404);
  });

  it("creates a fulfillment service owned by another app", async () => {
    const created = await control(server, "POST", `/sandbox/shops/${SHOP}/fulfillment-services`, { name: "Acme 3PL" });
    expect(created).toEqual({
      status: 200,
      body: {
        fulfillmentService: {
          id: "gid://shopify/FulfillmentService/1001",
          handle: "acme-3pl",
          serviceName: "Acme 3PL",
          ownerApiKey: "sandbox-3pl",
          locationId: "gid://shopify/Location/1003",
        },
      },
    });
    const taken = await control(server, "POST", `/sandbox/shops/${SHOP}/fulfillment-services`, { name: "Acme 3PL" });
    expect(taken.status).toBe(400);
    expect((await control(server, "POST", `/sandbox/shops/${SHOP}/fulfillment-services`, {})).status).toBe(400);
  });

  it("drop-response: the fulfillment is made, the connection dies, the next call is answered", async () => {
    const { orderId, foId } = await newOrder();
    const armed = await control(server, "POST", "/sandbox/knobs/drop-response", {
      operation: "fulfillmentCreate",
      times: 1,
    });
    expect(armed.body).toEqual({ knobs: [{ operation: "fulfillmentCreate", times: 1, shop: null, mode: "reset" }] });
    expect((await control(server, "GET", "/sandbox/knobs/drop-response")).body).toEqual(armed.body);

    await expect(graphql(server.url, token, fulfil(foId))).rejects.toThrow();
    expect(server.fulfillments(SHOP, orderId)).toHaveLength(1);
    const retry = await graphql(server.url, token, fulfil(foId));
    expect(retry.status).toBe(200);
    expect(JSON.stringify(retry.body)).toContain("has an unfulfillable status= closed.");
    expect(server.fulfillments(SHOP, orderId)).toHaveLength(1);
  });

  it("drop-response in 502 mode answers a bare Bad Gateway", async () => {
    const { orderId, foId } = await newOrder();
    server.dropResponses({ operation: "fulfillmentCreate", times: 1, shop: SHOP, mode: "502" });
    expect(await graphql(server.url, token, fulfil(foId))).toEqual({ status: 502, body: { errors: "Bad Gateway" } });
    expect(server.fulfillments(SHOP, orderId)).toHaveLength(1);
    expect((await control(server, "GET", "/sandbox/knobs/drop-response")).body).toEqual({ knobs: [] });
  });
});
