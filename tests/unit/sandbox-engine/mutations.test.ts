import { describe, expect, it } from "vitest";

import { at, createHarness } from "./engine-harness.ts";

const ORDER_CREATE = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id name email totalPriceSet { shopMoney { amount currencyCode } } } userErrors { field message code } } }`;

const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });

describe("orderCreate", () => {
  it("assigns names in sequence and announces orders/create then orders/updated with the same payload", async () => {
    const h = createHarness();
    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const body = await h.gql(ORDER_CREATE, {
        order: {
          email: "buyer@example.com",
          lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 2 }],
          shippingLines: [{ title: "Express", code: "EXP", priceSet: usd("7.50") }],
          transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual", amountSet: usd("133.30") }],
        },
      });
      expect(at(body.data, "orderCreate.userErrors")).toEqual([]);
      names.push(at(body.data, "orderCreate.order.name"));
    }
    expect(names).toEqual(["#1001", "#1002", "#1003"]);
    expect(h.events.map((e) => e.topic)).toEqual(Array(3).fill(["orders/create", "orders/updated"]).flat());
    const [created, updated] = h.events;
    expect(created?.payload).toEqual(updated?.payload);
    expect(created?.eventId).not.toEqual(updated?.eventId);
    expect(created?.payload).toMatchObject({
      id: 1001,
      admin_graphql_api_id: "gid://shopify/Order/1001",
      name: "#1001",
      order_number: 1001,
      email: "buyer@example.com",
      cancelled_at: null,
      financial_status: "paid",
      fulfillment_status: null,
      currency: "USD",
      total_price: "133.30",
      line_items: [{ variant_id: 1001, sku: "10001-V01", quantity: 2, price: "62.90" }],
    });
  });

  it("computes taxes, discounts and shipping into the totals", async () => {
    const h = createHarness({ seed: null });
    const body = await h.gql(
      `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { subtotalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } } totalShippingPriceSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } presentmentMoney { amount } } discountCodes lineItems(first: 5) { nodes { title quantity taxLines { rate priceSet { shopMoney { amount } } } discountAllocations { allocatedAmountSet { shopMoney { amount } } } } } } userErrors { message } } }`,
      {
        order: {
          lineItems: [
            { title: "Widget", quantity: 2, priceSet: usd("10.00"), taxLines: [{ title: "VAT", rate: 0.2 }] },
          ],
          shippingLines: [{ title: "Post", priceSet: usd("5.00") }],
          discountCode: { itemPercentageDiscountCode: { code: "TEN", percentage: 10 } },
        },
      },
    );
    const order = at(body.data, "orderCreate.order");
    expect(order).toMatchObject({
      subtotalPriceSet: { shopMoney: { amount: "18.0" } },
      totalDiscountsSet: { shopMoney: { amount: "2.0" } },
      totalTaxSet: { shopMoney: { amount: "3.6" } },
      totalShippingPriceSet: { shopMoney: { amount: "5.0" } },
      totalPriceSet: { shopMoney: { amount: "26.6" }, presentmentMoney: { amount: "26.6" } },
      discountCodes: ["TEN"],
    });
  });

  it.each([
    [
      "an unknown variant",
      { lineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }] },
      ["order", "lineItems", "0", "variantId"],
    ],
    ["no line items", { lineItems: [] }, ["order", "lineItems"]],
    [
      "a zero quantity",
      { lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 0 }] },
      ["order", "lineItems", "0", "quantity"],
    ],
  ])("%s is a userError and nothing is stored", async (_name, order, field) => {
    const h = createHarness();
    const body = await h.gql(ORDER_CREATE, { order });
    expect(at(body.data, "orderCreate.order")).toBeNull();
    expect(at<{ field: string[] }[]>(body.data, "orderCreate.userErrors")[0]?.field).toEqual(field);
    expect(h.events).toEqual([]);
  });

  it("every change bumps updatedAt strictly, even within one clock tick", async () => {
    const h = createHarness();
    const created = await h.gql(ORDER_CREATE, {
      order: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1001", quantity: 1 }] },
    });
    const id = at<string>(created.data, "orderCreate.order.id");
    const stamps: string[] = [];
    for (const tag of ["a", "b"]) {
      const body = await h.gql(
        `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { ... on Order { updatedAt tags } } userErrors { message } } }`,
        { id, tags: [tag] },
      );
      stamps.push(at(body.data, "tagsAdd.node.updatedAt"));
    }
    expect(stamps[0]! < stamps[1]!).toBe(true);
    expect(h.events.at(-1)?.payload).toMatchObject({ tags: "a, b" });
  });
});

describe("inventorySetQuantities", () => {
  const SET = `mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } } userErrors { field message code } } }`;
  const doc = SET.replace(
    "mutation($input: InventorySetQuantitiesInput!)",
    "mutation($input: InventorySetQuantitiesInput!, $key: String!)",
  );
  const item = "gid://shopify/InventoryItem/1001";
  const location = "gid://shopify/Location/1001";
  const level = async (h: ReturnType<typeof createHarness>) =>
    at<{ quantity: number }[]>(
      (
        await h.gql(
          `{ inventoryItem(id: "${item}") { inventoryLevel(locationId: "${location}") { quantities(names: ["available"]) { quantity } } } }`,
        )
      ).data,
      "inventoryItem.inventoryLevel.quantities",
    )[0]?.quantity;

  it.each([
    ["a stale changeFromQuantity", { changeFromQuantity: 999 }, "CHANGE_FROM_QUANTITY_STALE"],
    ["an omitted changeFromQuantity", {}, "COMPARE_QUANTITY_REQUIRED"],
  ])("%s is a userError and changes nothing", async (_name, extra, code) => {
    const h = createHarness();
    const before = await level(h);
    const body = await h.gql(doc, {
      key: "k1",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: item, locationId: location, quantity: 5, ...extra }],
      },
    });
    expect(at<{ code: string; field: string[] }[]>(body.data, "inventorySetQuantities.userErrors")[0]).toMatchObject({
      code,
      field: ["input", "quantities", "0", "changeFromQuantity"],
    });
    expect(await level(h)).toBe(before);
    expect(h.events).toEqual([]);
  });

  it("a matching changeFromQuantity sets the quantity and announces inventory_levels/update", async () => {
    const h = createHarness();
    const before = (await level(h))!;
    const body = await h.gql(doc, {
      key: "k2",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: item, locationId: location, quantity: before + 4, changeFromQuantity: before }],
      },
    });
    expect(at(body.data, "inventorySetQuantities.inventoryAdjustmentGroup.changes")).toEqual([
      { name: "available", delta: 4, quantityAfterChange: before + 4 },
      { name: "on_hand", delta: 4, quantityAfterChange: before + 4 },
    ]);
    expect(await level(h)).toBe(before + 4);
    expect(h.events).toMatchObject([
      {
        topic: "inventory_levels/update",
        payload: { inventory_item_id: 1001, location_id: 1001, available: before + 4 },
      },
    ]);
    // Replaying the same key does not apply the change twice.
    await h.gql(doc, {
      key: "k2",
      input: {
        name: "available",
        reason: "correction",
        quantities: [{ inventoryItemId: item, locationId: location, quantity: before + 4, changeFromQuantity: before }],
      },
    });
    expect(h.events).toHaveLength(1);
  });

  it("the @idempotent directive is required", async () => {
    const h = createHarness();
    const body = await h.gql(SET.replace(" @idempotent(key: $key)", ""), {
      input: { name: "available", reason: "correction", quantities: [] },
    });
    expect(body.errors?.[0]?.message).toMatch(/@idempotent/);
  });
});

describe("productSet", () => {
  it("creates a product with variants and stock, then replaces the variant list", async () => {
    const h = createHarness();
    const SET = `mutation($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id title variants(first: 10) { nodes { sku barcode price inventoryItem { inventoryLevel(locationId: "gid://shopify/Location/1002") { quantities(names: ["available"]) { quantity } } } } } } userErrors { field message code } } }`;
    const created = await h.gql(SET, {
      input: {
        title: "ERP Item",
        productOptions: [{ name: "Size", values: [{ name: "S" }, { name: "M" }] }],
        variants: ["S", "M"].map((size, i) => ({
          optionValues: [{ optionName: "Size", name: size }],
          sku: `ERP-${size}`,
          barcode: `400000000000${i}`,
          price: "9.99",
          inventoryQuantities: [{ locationId: "gid://shopify/Location/1002", name: "available", quantity: 7 }],
        })),
      },
    });
    const product = at<{ id: string; variants: { nodes: { sku: string }[] } }>(created.data, "productSet.product");
    expect(product.variants.nodes.map((v) => v.sku)).toEqual(["ERP-S", "ERP-M"]);
    expect(at(created.data, "productSet.product.variants.nodes.0")).toMatchObject({
      price: "9.99",
      inventoryItem: { inventoryLevel: { quantities: [{ quantity: 7 }] } },
    });
    expect(h.events.map((e) => e.topic)).toEqual([
      "products/create",
      "inventory_levels/update",
      "inventory_levels/update",
    ]);
    const updated = await h.gql(SET, {
      input: {
        id: product.id,
        variants: [{ optionValues: [{ optionName: "Size", name: "M" }], sku: "ERP-M2", price: "12.00" }],
      },
    });
    expect(at(updated.data, "productSet.product.variants.nodes")).toMatchObject([{ sku: "ERP-M2", price: "12.0" }]);
    expect(h.events.at(-1)?.topic).toBe("products/update");
  });

  it("an unknown location is a userError", async () => {
    const h = createHarness();
    const body = await h.gql(
      `mutation { productSet(input: { title: "X", variants: [{ optionValues: [{ optionName: "Title", name: "Default Title" }], inventoryQuantities: [{ locationId: "gid://shopify/Location/9", name: "available", quantity: 1 }] }] }) { product { id } userErrors { field code } } }`,
    );
    expect(at(body.data, "productSet")).toMatchObject({
      product: null,
      userErrors: [{ field: ["input", "variants", "0", "inventoryQuantities", "0", "locationId"] }],
    });
  });
});

describe("customers and metafields", () => {
  it("customerCreate rejects a taken email and announces customers/create otherwise", async () => {
    const h = createHarness();
    const CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id email defaultAddress { city } } userErrors { field message } } }`;
    const taken = await h.gql(CREATE, { input: { email: "ava.brown.001@example.com" } });
    expect(at(taken.data, "customerCreate.userErrors")).toEqual([
      { field: ["email"], message: "Email has already been taken" },
    ]);
    const ok = await h.gql(CREATE, {
      input: { email: "new@example.com", firstName: "New", addresses: [{ city: "Oslo", countryCode: "NO" }] },
    });
    expect(at(ok.data, "customerCreate.customer")).toMatchObject({
      email: "new@example.com",
      defaultAddress: { city: "Oslo" },
    });
    expect(h.events.map((e) => e.topic)).toEqual(["customers/create"]);
  });

  it("metafieldsSet writes to an order and reads back", async () => {
    const h = createHarness({ seed: { orders: 1 } });
    const set = await h.gql(
      `mutation { metafieldsSet(metafields: [{ ownerId: "gid://shopify/Order/1001", namespace: "erp", key: "doc_no", type: "single_line_text_field", value: "SO-42" }]) { metafields { key value } userErrors { field message } } }`,
    );
    expect(at(set.data, "metafieldsSet")).toEqual({ metafields: [{ key: "doc_no", value: "SO-42" }], userErrors: [] });
    const read = await h.gql(
      `{ order(id: "gid://shopify/Order/1001") { metafield(namespace: "erp", key: "doc_no") { value } } }`,
    );
    expect(at(read.data, "order.metafield.value")).toBe("SO-42");
    expect(h.events.map((e) => e.topic)).toEqual(["orders/updated"]);
  });
});
