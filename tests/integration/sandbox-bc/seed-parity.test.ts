import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { generateSeedCatalog } from "../../../sandbox/shopify/seed/generate-seed-catalog.ts";
import { type BcFixture, getAll, startBcSandbox } from "./bc-fixture.ts";

const OPTIONS = { seed: 7, products: 12 };

describe("BC sandbox seed matches the Shopify sandbox seed", () => {
  let fx: BcFixture;
  beforeEach(async () => {
    fx = await startBcSandbox(OPTIONS);
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  it("has an item (and variant) for every Shopify SKU and the same location codes", async () => {
    const catalog = generateSeedCatalog(OPTIONS);
    const items = (await getAll(fx, `${fx.company}/items`)).rows;
    const variants = (await getAll(fx, `${fx.company}/itemVariants`)).rows;
    const skus = [
      ...items.filter((i) => !variants.some((v) => v.itemId === i.id)).map((i) => i.number),
      ...variants.map((v) => `${v.itemNumber}-${v.code}`),
    ].sort();
    expect(skus).toEqual(catalog.products.flatMap((p) => p.variants.map((v) => v.sku)).sort());
    const locations = (await getAll(fx, `${fx.company}/locations`)).rows;
    // BC lists locations by their primary key, Code.
    expect(locations.map((l) => [l.code, l.displayName])).toEqual(
      catalog.locations.map((l) => [l.code, l.name]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const first = catalog.products[0]!;
    expect(items[0]).toMatchObject({ number: first.itemNo, displayName: first.title, type: "Inventory" });
  });

  it("mirrors stock per item/variant/location, barcodes and customers", async () => {
    const catalog = generateSeedCatalog(OPTIONS);
    const stock = (await getAll(fx, `${fx.custom}/inventoryByLocation`)).rows;
    for (const p of catalog.products) {
      for (const v of p.variants) {
        for (const [code, qty] of Object.entries(v.stock)) {
          const row = stock.find(
            (r) => r.itemNumber === p.itemNo && r.variantCode === (v.variantCode ?? "") && r.locationCode === code,
          );
          expect(row?.inventory).toBe(qty);
        }
      }
    }
    const refs = (await getAll(fx, `${fx.custom}/itemReferences`)).rows;
    expect(refs.map((r) => r.referenceNumber).sort()).toEqual(
      catalog.products.flatMap((p) => p.variants.map((v) => v.barcode)).sort(),
    );
    const customers = (await getAll(fx, `${fx.company}/customers`)).rows;
    expect(customers.map((c) => c.email)).toEqual(catalog.customers.map((c) => c.email));
    expect(customers[0].number).toBe("C00010");
    const byEmail = await fx.call("GET", `${fx.company}/customers?$filter=email eq '${catalog.customers[1]!.email}'`);
    expect(byEmail.body.value).toHaveLength(1);
  });
});
