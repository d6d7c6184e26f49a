import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// ERP → Shopify product sync over HTTP to both sandboxes, run by graphile-worker as Run now runs it.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const erpToShopify = {
  products: { direction: "erp_to_shopify", mapping: "item_no_and_variant_code", skuSeparator: "-" },
};

type Shop = Awaited<ReturnType<typeof world.newShop>>;

/** A BC user's new item with two variants, through API v2.0. */
async function createItemWithVariants(shop: Shop, number: string) {
  const created = await shop.bcApi("POST", "items", {
    number,
    displayName: `Desk lamp ${number}`,
    type: "Inventory",
    unitPrice: 49.5,
    unitCost: 20,
    itemCategoryCode: "",
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const item = (await created.json()) as { id: string };
  for (const [code, description] of [
    ["BLK", "Black"],
    ["WHT", "White"],
  ]) {
    const variant = await shop.bcApi("POST", "itemVariants", { itemId: item.id, code, description });
    expect(variant.status, await variant.clone().text()).toBe(201);
  }
  return item;
}

async function productBySku(shop: Shop, sku: string) {
  const data = await shop.gql(
    `query P($q: String!) { productVariants(first: 5, query: $q) { nodes { sku barcode price compareAtPrice product { id title status vendor variants(first: 10) { nodes { sku price } } } } } }`,
    { q: `sku:"${sku}"` },
  );
  return (data.productVariants.nodes as any[]).filter((n) => n.sku === sku);
}

async function productCount(shop: Shop): Promise<number> {
  return (await shop.gql(`{ productsCount { count } }`)).productsCount.count as number;
}

describe("Sync products, ERP → Shopify", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop(erpToShopify);
  });

  it("adopts the store's products that already carry the ERP's SKUs instead of duplicating them", async () => {
    const before = await productCount(shop);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(await productCount(shop)).toBe(before);
    const links = await db.sql`select state, origin from product_links where shop_id = ${shop.shopId}`;
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.state === "linked")).toBe(true);
    expect(records.every((r) => r.outcome !== "failed")).toBe(true);
  });

  it("creates a new BC item with two variants as one product with the SKUs and prices", async () => {
    await createItemWithVariants(shop, "LAMP-1");
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "created").map((r) => r.label)).toEqual(["Desk lamp LAMP-1"]);
    const [black] = await productBySku(shop, "LAMP-1-BLK");
    const [white] = await productBySku(shop, "LAMP-1-WHT");
    expect(black?.product.id).toBe(white?.product.id);
    expect(Number(black?.price)).toBe(49.5);
    expect(black?.product).toMatchObject({ title: "Desk lamp LAMP-1", status: "ACTIVE" });
    const links = await db.sql`select erp_variant_code, price, sku from variant_links
      where shop_id = ${shop.shopId} and erp_item_number = 'LAMP-1' order by erp_variant_code`;
    expect(links).toEqual([
      { erp_variant_code: "BLK", price: "49.5", sku: "LAMP-1-BLK" },
      { erp_variant_code: "WHT", price: "49.5", sku: "LAMP-1-WHT" },
    ]);
  });

  it("runs again without sending a mutation when nothing changed", async () => {
    const before = await productCount(shop);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "created" || r.outcome === "updated")).toEqual([]);
    expect(await productCount(shop)).toBe(before);
  });

  it("a preview plans the new item and writes nothing", async () => {
    await createItemWithVariants(shop, "LAMP-2");
    const before = await productCount(shop);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId, { dryRun: true });
    expect(run?.status).toBe("succeeded");
    expect(records.find((r) => r.label === "Desk lamp LAMP-2")).toMatchObject({ outcome: "planned" });
    expect(await productCount(shop)).toBe(before);
    expect(await productBySku(shop, "LAMP-2-BLK")).toEqual([]);
    const { records: real } = await world.runTask(productsSyncTask, shop.shopId);
    expect(real.find((r) => r.label === "Desk lamp LAMP-2")).toMatchObject({ outcome: "created" });
  });

  it("refuses an ambiguous match: two Shopify products already carry the new item's SKU", async () => {
    for (const title of ["Copy A", "Copy B"]) {
      const made = await shop.gql(
        `mutation S($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { userErrors { message } } }`,
        {
          input: {
            title,
            productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }],
            variants: [
              { optionValues: [{ optionName: "Title", name: "Default Title" }], sku: "VASE-1", price: "5.00" },
            ],
          },
        },
      );
      expect(made.productSet.userErrors).toEqual([]);
    }
    const created = await shop.bcApi("POST", "items", {
      number: "VASE-1",
      displayName: "Vase",
      type: "Inventory",
      unitPrice: 9,
    });
    expect(created.status).toBe(201);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    const vase = records.find((r) => r.label === "Vase");
    expect(vase?.outcome).toBe("skipped");
    expect(vase?.reason).toMatch(/ambiguous: .*2 Shopify products/);
    expect(await productBySku(shop, "VASE-1")).toHaveLength(2);
  });
});

describe("the first export of many items, through one bulk mutation", () => {
  it("creates them in bulk, records a refused line with Shopify's words, and never takes over a merchant's product by its handle", async () => {
    const shop = await world.newShop(erpToShopify);
    // Link the seeded catalog first, so the run below creates only the new items.
    await world.runTask(productsSyncTask, shop.shopId);
    const template = shop.company.items.all()[0]!;
    for (let i = 0; i < 30; i++) {
      const response = await shop.bcApi("POST", "items", {
        number: `BULK-${i}`,
        displayName: `Bulk item ${i}`,
        type: "Inventory",
        unitPrice: 10 + i,
      });
      expect(response.status).toBe(201);
    }
    // An item whose barcode Shopify refuses (over 255 characters), written straight into the ERP's data.
    shop.company.items.insert({
      ...template,
      id: crypto.randomUUID(),
      number: "BULK-BAD",
      displayName: "Bad barcode",
      gtin: "9".repeat(300),
    });
    // A merchant's own product that happens to have the handle the app would give an item.
    const own = await shop.gql(
      `mutation S($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id } userErrors { message } } }`,
      {
        input: {
          title: "Not from the ERP",
          handle: "bulk-item-7-bulk-7",
          productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }],
          variants: [
            { optionValues: [{ optionName: "Title", name: "Default Title" }], sku: "MERCHANT-OWN", price: "1.00" },
          ],
        },
      },
    );
    expect(own.productSet.userErrors).toEqual([]);

    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    const [why] = await db.sql`select error_message from task_runs where id = ${run!.id}`;
    expect(run?.status, String(why?.error_message)).toBe("succeeded");
    const [stats] = await db.sql`select stats from task_runs where id = ${run!.id}`;
    expect(stats?.stats).toMatchObject({ "bulk creates": 30 });
    expect(records.filter((r) => r.outcome === "created")).toHaveLength(29);
    expect(records.find((r) => r.label === "Bad barcode")).toMatchObject({
      outcome: "failed",
      reason: expect.stringMatching(/barcode/i),
    });
    expect(records.find((r) => r.label === "Bulk item 7")).toMatchObject({
      outcome: "skipped",
      reason: expect.stringContaining("bulk-item-7-bulk-7"),
    });
    const merchant = await shop.gql(`query P($id: ID!) { product(id: $id) { title } }`, {
      id: own.productSet.product.id,
    });
    expect(merchant.product.title).toBe("Not from the ERP");
    const states =
      await db.sql`select erp_item_number, state from product_links where shop_id = ${shop.shopId} and erp_item_number like 'BULK-%' order by erp_item_number`;
    expect(states.filter((s) => s.state === "linked")).toHaveLength(29);
    expect(states.find((s) => s.erp_item_number === "BULK-BAD")?.state).toBe("error");

    // Nothing twice: the next run creates nothing and sends no create.
    const again = await world.runTask(productsSyncTask, shop.shopId);
    expect(again.records.filter((r) => r.outcome === "created")).toEqual([]);
  }, 120_000);
});
