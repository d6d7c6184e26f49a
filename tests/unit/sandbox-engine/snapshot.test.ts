import { describe, expect, it } from "vitest";

import type { SandboxEvent } from "../../../sandbox/shopify/contracts.ts";
import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { at, createHarness, type GqlBody, REFERENCE_TIMESTAMP, SHOP } from "./engine-harness.ts";

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name updatedAt } userErrors { message } } }`;
const PRODUCT_SET = `mutation($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id } userErrors { message } } }`;
const INVENTORY_SET = `mutation($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange item { id sku } location { id } } } userErrors { code } } }`;

/** What the app reads back: orders by updated_at, the catalog with stock per location, customers. */
const READ_BACK = [
  `{ orders(first: 10, sortKey: UPDATED_AT, query: "updated_at:>'2000-01-01T00:00:00Z'") { nodes { id name updatedAt email totalPriceSet { shopMoney { amount } } lineItems(first: 3) { nodes { sku quantity } } } } }`,
  `{ products(first: 15) { nodes { id title handle updatedAt variants(first: 3) { nodes { id sku barcode price } } } } }`,
  `{ inventoryItems(first: 40) { nodes { id sku inventoryLevels(first: 2) { nodes { location { id } quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } } } }`,
  `{ customers(first: 20) { nodes { id email updatedAt } } locations(first: 5) { nodes { id name } } }`,
];

async function readBack(engine: SandboxShopifyEngine): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const query of READ_BACK) answers.push((await gql(engine, query)).data);
  return answers;
}

const order = (sku: string) => ({
  email: "buyer@example.com",
  lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 1, sku }],
});

const inventoryInput = (quantity: number) => ({
  name: "available",
  reason: "correction",
  quantities: [
    {
      inventoryItemId: "gid://shopify/InventoryItem/1001",
      locationId: "gid://shopify/Location/1001",
      quantity,
      changeFromQuantity: null,
    },
  ],
});

async function gql(engine: SandboxShopifyEngine, query: string, variables?: Record<string, unknown>): Promise<GqlBody> {
  const res = await engine.execute({ shop: SHOP, apiKey: "app-1", query, variables: variables ?? null });
  const body = res.body as GqlBody;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

/** A store used for a while: seeded, then an order, a new product and an idempotent stock change. */
async function usedStore() {
  const h = createHarness({ seed: { orders: 3 } });
  h.advance(60_000);
  const created = await h.gql(ORDER_CREATE, { order: order("first") });
  expect(at(created.data, "orderCreate.order.name")).toBe("#1004");
  h.advance(1_000);
  const product = await h.gql(PRODUCT_SET, {
    input: {
      title: "Snapshot Item",
      productOptions: [{ name: "Size", values: [{ name: "S" }] }],
      variants: [
        {
          optionValues: [{ optionName: "Size", name: "S" }],
          sku: "SNAP-S",
          price: "4.50",
          inventoryQuantities: [{ locationId: "gid://shopify/Location/1002", name: "available", quantity: 9 }],
        },
      ],
    },
  });
  expect(at(product.data, "productSet.userErrors")).toEqual([]);
  const adjusted = await h.gql(INVENTORY_SET, { key: "stock-1", input: inventoryInput(42) });
  return { h, adjusted };
}

function freshEngine(events: SandboxEvent[] = []): SandboxShopifyEngine {
  // The clock starts where the first engine's did, behind the restored watermark on purpose.
  const engine = createShopifyEngine({ now: () => REFERENCE_TIMESTAMP });
  engine.onEvent((e) => events.push(e));
  return engine;
}

describe("engine snapshot and restore", () => {
  it("a restored store answers the same, continues its numbering and clock, and keeps idempotency keys", async () => {
    const { h, adjusted } = await usedStore();
    const before = await readBack(h.engine);
    const seen = JSON.stringify(before);
    for (const fact of ['"name":"#1004"', '"sku":"SNAP-S"', '"name":"available","quantity":42']) {
      expect(seen).toContain(fact);
    }
    const saved: unknown = JSON.parse(JSON.stringify(h.engine.snapshot()));
    expect(saved).toEqual(h.engine.snapshot());

    const events: SandboxEvent[] = [];
    const engine = freshEngine(events);
    engine.restore(saved);
    expect(engine.listShops()).toEqual([SHOP]);
    expect(await readBack(engine)).toEqual(before);
    expect(engine.snapshot()).toEqual(saved);

    // Names and ids continue; updatedAt passes the watermark although this engine's clock is behind it.
    const watermark = Math.max(
      ...at<{ updatedAt: string }[]>(before[0], "orders.nodes").map((o) => Date.parse(o.updatedAt)),
      ...at<{ updatedAt: string }[]>(before[1], "products.nodes").map((p) => Date.parse(p.updatedAt)),
    );
    expect(REFERENCE_TIMESTAMP).toBeLessThan(watermark);
    const next = at<{ id: string; name: string; updatedAt: string }>(
      (await gql(engine, ORDER_CREATE, { order: order("second") })).data,
      "orderCreate.order",
    );
    expect(next.name).toBe("#1005");
    const knownIds = seen.match(/gid:\/\/shopify\/\w+\/\d+/g) ?? [];
    expect(knownIds).not.toContain(next.id);
    expect(Date.parse(next.updatedAt)).toBeGreaterThan(watermark);

    // Event ids continue too, so the app does not drop post-restart webhooks as replays.
    const oldEventIds = new Set(h.events.map((e) => e.eventId));
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => oldEventIds.has(e.eventId))).toEqual([]);

    // The idempotency key still answers as before and does not apply again.
    const replay = await gql(engine, INVENTORY_SET, { key: "stock-1", input: inventoryInput(42) });
    expect(replay.data).toEqual(adjusted.data);
    const mismatch = await gql(engine, INVENTORY_SET, { key: "stock-1", input: inventoryInput(7) });
    expect(at(mismatch.data, "inventorySetQuantities.userErrors")).toEqual([
      { code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" },
    ]);
  });

  it.each([
    ["not an object", "garbage", /no numeric `version`/],
    ["an old version", { version: 0, shops: [] }, /version 0 is not supported \(expected 1 to 4\)/],
    ["a record missing fields", { version: 1, shops: [{ info: { domain: SHOP } }] }, /invalid sandbox store snapshot/],
  ])("%s is refused with a clear error and leaves the engine unchanged", async (_name, bad, message) => {
    const { h } = await usedStore();
    const before = h.engine.snapshot();
    expect(() => h.engine.restore(bad)).toThrow(message);
    expect(h.engine.snapshot()).toEqual(before);
    expect(h.engine.listShops()).toEqual([SHOP]);
  });

  it("reads a version 3 snapshot (before existing variants) as a store holding only its records", async () => {
    const h = createHarness();
    const saved = JSON.parse(JSON.stringify(h.engine.snapshot())) as { version: number; shops: object[] };
    const v3 = {
      version: 3,
      shops: saved.shops.map((shop) => {
        const { existingVariants: _dropped, ...rest } = shop as { existingVariants: number };
        return rest;
      }),
    };
    const engine = createShopifyEngine({ now: () => REFERENCE_TIMESTAMP });
    engine.restore(v3);
    expect(engine.snapshot()).toEqual(saved);
    expect(engine.shopState(SHOP)?.existingVariants).toBe(0);
  });

  it("names the offending path when one record is corrupt", async () => {
    const { h } = await usedStore();
    const saved = JSON.parse(JSON.stringify(h.engine.snapshot())) as { shops: { orders: [number, object][] }[] };
    const entry = saved.shops[0]!.orders[0]!;
    entry[1] = { ...entry[1], name: 1001 };
    expect(() => freshEngine().restore(saved)).toThrow(/shops\[0\]\.orders\[0\]\[1\]\.name/);
  });
});
