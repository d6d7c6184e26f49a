import { describe, expect, it } from "vitest";

import { PLAN_LIMITS } from "../../../sandbox/shopify/engine/bucket.ts";
import { createHarness } from "./engine-harness.ts";

const ORDER_CREATE = `mutation { orderCreate(order: { lineItems: [{ title: "Gift", quantity: 1, priceSet: { shopMoney: { amount: "5.00", currencyCode: USD } } }] }) { order { id } userErrors { field } } }`;

describe("calculated query cost (3 products × 3 variants seeded)", () => {
  const cases = [
    { name: "one object", query: "{ shop { name } }", requested: 1, actual: 1 },
    { name: "nested objects", query: "{ shop { name plan { shopifyPlus } } }", requested: 2, actual: 2 },
    {
      name: "connection: 2 + first × node",
      query: "{ products(first: 10) { edges { node { id title } } } }",
      requested: 12,
      actual: 5,
    },
    { name: "last sizes the connection too", query: "{ products(last: 2) { nodes { id } } }", requested: 4, actual: 4 },
    {
      name: "nested connections multiply",
      query: "{ products(first: 10) { edges { node { title variants(first: 5) { edges { node { price } } } } } } }",
      requested: 2 + 10 * (1 + 2 + 5),
      actual: 2 + 3 * (1 + 2 + 3),
    },
    {
      name: "an interface costs its dearest fragment",
      query: `{ node(id: "gid://shopify/Product/1001") { id ... on Product { variants(first: 5) { nodes { id } } } ... on Order { lineItems(first: 10) { nodes { id } } } } }`,
      requested: 1 + 2 + 10,
      actual: 1 + 2 + 3,
    },
    {
      name: "a null object costs only itself",
      query: `{ product(id: "gid://shopify/Product/999") { variants(first: 50) { nodes { id } } } }`,
      requested: 53,
      actual: 1,
    },
    { name: "a mutation field costs 10 plus its payload", query: ORDER_CREATE, requested: 12, actual: 12 },
  ];

  it.each(cases)("$name: requested $requested, actual $actual", async ({ query, requested, actual }) => {
    const h = createHarness({ seed: { products: 3, variantsPerProduct: 3 } });
    const body = await h.gql(query);
    expect(body.errors).toBeUndefined();
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: requested, actualQueryCost: actual });
    // The difference is refunded: the bucket is charged only the actual cost.
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000 - actual);
  });

  it("variables size connections", async () => {
    const h = createHarness({ seed: { products: 3 } });
    const body = await h.gql("query($n: Int) { products(first: $n) { nodes { id } } }", { n: 40 });
    expect(body.extensions.cost.requestedQueryCost).toBe(42);
  });

  it("Shopify-GraphQL-Cost-Debug adds a per-field breakdown", async () => {
    const h = createHarness({ seed: { products: 3 } });
    const body = await h.gql("{ products(first: 10) { nodes { id } } }", undefined, { costDebug: true });
    expect(body.extensions.cost.fields).toContainEqual({
      path: ["products"],
      definedCost: 2,
      requestedTotalCost: 12,
      requestedChildrenCost: 10,
    });
  });
});

describe("leaky bucket", () => {
  it.each([
    ["standard", 100, 2000],
    ["advanced", 200, 4000],
    ["plus", 1000, 20000],
  ] as const)("the %s plan restores %i/s into a %i bucket", async (plan, restoreRate, maximumAvailable) => {
    expect(PLAN_LIMITS[plan]).toEqual({ restoreRate, maximumAvailable });
    const h = createHarness({ plan, seed: null });
    const body = await h.gql("{ shop { name } }");
    expect(body.extensions.cost.throttleStatus).toEqual({
      maximumAvailable,
      currentlyAvailable: maximumAvailable - 1,
      restoreRate,
    });
  });

  it("over 1000 points is MAX_COST_EXCEEDED and does not run", async () => {
    const h = createHarness({ seed: { products: 3 } });
    const body = await h.gql("{ products(first: 250) { nodes { variants(first: 10) { nodes { id } } } } }");
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: "MAX_COST_EXCEEDED",
      cost: 2 + 250 * 13,
      maxCost: 1000,
    });
    expect(body.extensions.cost.actualQueryCost).toBeNull();
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });

  it("a query over the available budget is THROTTLED, then runs once the bucket refills", async () => {
    const h = createHarness({ seed: { products: 250, variantsPerProduct: 1, customers: 0 } });
    const page = "{ products(first: 250) { nodes { id } } }";
    for (let i = 0; i < 7; i += 1) expect((await h.gql(page)).extensions.cost.actualQueryCost).toBe(252);
    const throttled = await h.gql(page);
    expect(throttled).toEqual({
      errors: [
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 252,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 236, restoreRate: 100 },
        },
      },
    });
    h.advance(160); // 236 + 16 = 252
    expect((await h.gql(page)).data).toBeTruthy();
  });

  it("a throttled mutation has no side effects", async () => {
    const h = createHarness({ seed: { products: 250, variantsPerProduct: 1, customers: 0 } });
    for (let i = 0; i < 7; i += 1) await h.gql("{ products(first: 250) { nodes { id } } }");
    await h.gql("{ products(first: 224) { nodes { id } } }"); // leaves 10 points
    const throttled = await h.gql(ORDER_CREATE);
    expect(throttled.errors?.[0]?.extensions?.code).toBe("THROTTLED");
    expect(h.engine.shopState("demo-shop.myshopify.com")?.orders.size).toBe(0);
    expect(h.events).toEqual([]);
    h.advance(1000);
    const ok = await h.gql(ORDER_CREATE);
    expect(ok.errors).toBeUndefined();
    expect(h.events.map((e) => e.topic)).toEqual(["orders/create", "orders/updated"]);
  });

  it("buckets are per app: another api key has its own", async () => {
    const h = createHarness({ seed: null });
    await h.gql("{ shop { name } }", undefined, { apiKey: "a" });
    const other = await h.gql("{ shop { name } }", undefined, { apiKey: "b" });
    expect(other.extensions.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });
});
