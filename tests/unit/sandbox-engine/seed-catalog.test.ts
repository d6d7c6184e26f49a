import { describe, expect, it } from "vitest";

import { isValidEan13, toEan13 } from "../../../sandbox/shopify/seed/ean13.ts";
import { generateSeedCatalog } from "../../../sandbox/shopify/seed/generate-seed-catalog.ts";
import { at, createHarness } from "./engine-harness.ts";

describe("generateSeedCatalog", () => {
  it("is deterministic: same seed ⇒ same data, another seed ⇒ other data", () => {
    expect(generateSeedCatalog({ seed: 7 })).toEqual(generateSeedCatalog({ seed: 7 }));
    expect(generateSeedCatalog({ seed: 7 })).not.toEqual(generateSeedCatalog({ seed: 8 }));
  });

  it("goes past 9,999 items with one digit more and valid, unique barcodes", () => {
    const c = generateSeedCatalog({ products: 10_002, variantsPerProduct: 2, customers: 0 });
    expect(c.products.slice(9_998).map((p) => p.itemNo)).toEqual(["19999", "110000", "110001", "110002"]);
    expect(new Set(c.products.map((p) => p.itemNo)).size).toBe(10_002);
    const barcodes = c.products.flatMap((p) => p.variants.map((v) => v.barcode));
    expect(barcodes.every((b) => isValidEan13(b))).toBe(true);
    expect(new Set(barcodes).size).toBe(barcodes.length);
  });

  it("defaults to 10 products × 3 variants, 2 locations, 10 customers", () => {
    const c = generateSeedCatalog();
    expect([c.products.length, c.products[0]?.variants.length, c.locations.length, c.customers.length]).toEqual([
      10, 3, 2, 10,
    ]);
  });

  it("follows the item-number / variant-code / SKU naming rule", () => {
    const c = generateSeedCatalog({ products: 12, variantsPerProduct: 3 });
    expect(c.products.map((p) => p.itemNo).slice(0, 3)).toEqual(["10001", "10002", "10003"]);
    expect(c.products[11]?.itemNo).toBe("10012");
    expect(c.products[0]?.variants.map((v) => [v.variantCode, v.sku])).toEqual([
      ["V01", "10001-V01"],
      ["V02", "10001-V02"],
      ["V03", "10001-V03"],
    ]);
    const single = generateSeedCatalog({ products: 2, variantsPerProduct: 1 });
    expect(single.products.map((p) => [p.variants[0]?.variantCode, p.variants[0]?.sku])).toEqual([
      [null, "10001"],
      [null, "10002"],
    ]);
  });

  it("names locations Main Warehouse/MAIN, East Store/EAST, West Store/WEST, …", () => {
    const c = generateSeedCatalog({ locations: 4 });
    expect(c.locations.map((l) => [l.code, l.name])).toEqual([
      ["MAIN", "Main Warehouse"],
      ["EAST", "East Store"],
      ["WEST", "West Store"],
      ["NORTH", "North Store"],
    ]);
  });

  it("gives every variant a unique EAN-13 with a valid check digit", () => {
    const barcodes = generateSeedCatalog({ products: 50, variantsPerProduct: 4 }).products.flatMap((p) =>
      p.variants.map((v) => v.barcode),
    );
    expect(barcodes.every(isValidEan13)).toBe(true);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(toEan13("400638133393")).toBe("4006381333931");
  });
});

describe("engine.seed", () => {
  const SNAPSHOT = `{ products(first: 10) { nodes { title variants(first: 3) { nodes { sku barcode price inventoryItem { inventoryLevels(first: 2) { nodes { location { name } quantities(names: ["available"]) { quantity } } } } } } } }
    customers(first: 10) { nodes { email defaultAddress { city } } } locations(first: 5) { nodes { name } }
    orders(first: 10) { nodes { name totalPriceSet { shopMoney { amount } } lineItems(first: 5) { nodes { sku quantity } } } } }`;

  it("loads the same store for the same seed, without webhooks", async () => {
    const a = createHarness({ seed: { seed: 3, orders: 4 } });
    const b = createHarness({ seed: { seed: 3, orders: 4 } });
    const [da, db] = [(await a.gql(SNAPSHOT)).data, (await b.gql(SNAPSHOT)).data];
    expect(da).toEqual(db);
    expect(at<unknown[]>(da, "orders.nodes")).toHaveLength(4);
    expect(at(da, "locations.nodes")).toEqual([{ name: "East Store" }, { name: "Main Warehouse" }]);
    expect(a.events).toEqual([]);
  });

  it("reports what it loaded and replaces earlier data", () => {
    const h = createHarness({ seed: null });
    expect(
      h.engine.seed("demo-shop.myshopify.com", {
        products: 2,
        variantsPerProduct: 2,
        locations: 3,
        customers: 1,
        orders: 2,
      }),
    ).toEqual({
      products: 2,
      variants: 4,
      locations: 3,
      customers: 1,
      orders: 2,
    });
    expect(h.engine.seed("demo-shop.myshopify.com", {}).products).toBe(10);
  });

  it("shops: createShop is idempotent, reset forgets everything", () => {
    const h = createHarness({ seed: null });
    h.engine.createShop({ domain: "demo-shop.myshopify.com", name: "Other" });
    expect(h.engine.listShops()).toEqual(["demo-shop.myshopify.com"]);
    expect(h.engine.shopState("demo-shop.myshopify.com")?.info.name).toBe("Demo Shop");
    h.engine.reset();
    expect(h.engine.hasShop("demo-shop.myshopify.com")).toBe(false);
  });
});
