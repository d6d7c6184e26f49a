import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pricesSyncTask } from "../../../app/.server/tasks/prices-sync/task.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// ERP prices onto linked Shopify variants, over HTTP to both sandboxes, run by graphile-worker.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

type Shop = Awaited<ReturnType<typeof world.newShop>>;

async function variantPrices(shop: Shop, sku: string) {
  const data = await shop.gql(
    `query P($q: String!) { productVariants(first: 5, query: $q) { nodes { id sku price compareAtPrice inventoryItem { unitCost { amount } } } } }`,
    { q: `sku:"${sku}"` },
  );
  const node = (data.productVariants.nodes as any[]).find((n) => n.sku === sku);
  return {
    id: node.id as string,
    price: Number(node.price),
    compareAtPrice: node.compareAtPrice === null ? null : Number(node.compareAtPrice),
    cost: node.inventoryItem.unitCost ? Number(node.inventoryItem.unitCost.amount) : null,
  };
}

/** A BC user's new price: the item's lines on the price list every customer gets (the sandbox's DEFAULT list). */
function setListPrice(shop: Shop, number: string, unitPrice: number) {
  const lines = shop.company.priceListLines.filter((l) => l.itemNumber === number && l.priceListCode === "DEFAULT");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) shop.company.priceListLines.update(line.id, { unitPrice });
}

async function patchItem(shop: Shop, number: string, body: Record<string, unknown>) {
  const found = (await (await shop.bcApi("GET", `items?$filter=number eq '${number}'`)).json()) as {
    value: Array<{ id: string }>;
  };
  const response = await shop.bcApi("PATCH", `items(${found.value[0]!.id})`, body);
  expect(response.status, await response.clone().text()).toBe(200);
}

describe("Sync prices", () => {
  let shop: Shop;
  let sku: string;
  let itemNumber: string;

  beforeAll(async () => {
    shop = await world.newShop({ products: { direction: "erp_to_shopify" } });
    await world.runTask(productsSyncTask, shop.shopId);
    const [link] =
      await db.sql`select erp_item_number, sku from variant_links where shop_id = ${shop.shopId} order by sku limit 1`;
    sku = link!.sku as string;
    itemNumber = link!.erp_item_number as string;
  });

  it("writes the ERP's price and cost once, then sends nothing while nothing changes", async () => {
    setListPrice(shop, itemNumber, 123.45);
    await patchItem(shop, itemNumber, { unitCost: 50 });
    const first = await world.runTask(pricesSyncTask, shop.shopId);
    expect(first.run?.status).toBe("succeeded");
    expect(first.records.filter((r) => r.outcome === "updated").length).toBeGreaterThan(0);
    expect(await variantPrices(shop, sku)).toMatchObject({ price: 123.45, cost: 50 });
    const again = await world.runTask(pricesSyncTask, shop.shopId);
    expect(again.records.filter((r) => r.outcome === "updated")).toEqual([]);
    const [run] = await db.sql`select stats from task_runs where id = ${again.run!.id}`;
    expect(run?.stats).toMatchObject({ mutations: 0 });
  });

  it("never wipes a compare-at price the merchant set in Shopify", async () => {
    const before = await variantPrices(shop, sku);
    const set = await shop.gql(
      `mutation U($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { userErrors { message } } }`,
      {
        p: (
          await db.sql`select shopify_product_id from variant_links where shop_id = ${shop.shopId} and sku = ${sku}`
        )[0]!.shopify_product_id,
        v: [{ id: before.id, compareAtPrice: "999.00" }],
      },
    );
    expect(set.productVariantsBulkUpdate.userErrors).toEqual([]);
    setListPrice(shop, itemNumber, 111);
    await world.runTask(pricesSyncTask, shop.shopId);
    expect(await variantPrices(shop, sku)).toMatchObject({ price: 111, compareAtPrice: 999 });
  });

  it("a preview names the change and writes nothing", async () => {
    setListPrice(shop, itemNumber, 77);
    const preview = await world.runTask(pricesSyncTask, shop.shopId, { dryRun: true });
    expect(preview.records.some((r) => r.outcome === "planned" && /77/.test(r.reason ?? ""))).toBe(true);
    expect((await variantPrices(shop, sku)).price).toBe(111);
  });
});

describe("Sync prices for many products at once", () => {
  it("sends the changes of 50 or more products as one bulk mutation and applies its result per product", async () => {
    const shop = await world.newShop({ products: { direction: "erp_to_shopify" } });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const created = await shop.bcApi("POST", "items", {
        number: `PRICE-${i}`,
        displayName: `Priced ${i}`,
        type: "Inventory",
        unitPrice: 20,
      });
      ids.push(((await created.json()) as { id: string }).id);
    }
    await world.runTask(productsSyncTask, shop.shopId);
    await world.runTask(pricesSyncTask, shop.shopId);
    for (const [i, id] of ids.entries()) {
      const patched = await shop.bcApi("PATCH", `items(${id})`, { unitPrice: 30 + i });
      expect(patched.status).toBe(200);
    }
    const { run, records } = await world.runTask(pricesSyncTask, shop.shopId);
    const [stats] = await db.sql`select stats from task_runs where id = ${run!.id}`;
    expect(stats?.stats).toMatchObject({ mutations: 1, "variants changed": 60 });
    expect(records.filter((r) => r.outcome === "updated")).toHaveLength(60);
    expect((await variantPrices(shop, "PRICE-59")).price).toBe(89);
    const again = await world.runTask(pricesSyncTask, shop.shopId);
    expect(again.records.filter((r) => r.outcome === "updated")).toEqual([]);
  }, 120_000);
});
