import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// ERP → Shopify: items and variants deleted in BC, which no delta pull shows, found by the daily
// key sweep; over HTTP to both sandboxes, run by graphile-worker.

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
const DAY_MS = 24 * 60 * 60 * 1000;
const daysLater = (days: number) => ({ clock: { now: () => new Date(Date.now() + days * DAY_MS) } });

async function newItem(shop: Shop, number: string, codes: string[]) {
  const created = await shop.bcApi("POST", "items", {
    number,
    displayName: `Stool ${number}`,
    type: "Inventory",
    unitPrice: 40,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const item = (await created.json()) as { id: string };
  const variants: Record<string, string> = {};
  for (const code of codes) {
    const variant = await shop.bcApi("POST", "itemVariants", { itemId: item.id, code, description: `Stool ${code}` });
    expect(variant.status, await variant.clone().text()).toBe(201);
    variants[code] = ((await variant.json()) as { id: string }).id;
  }
  return { id: item.id, variants };
}

async function product(shop: Shop, itemNumber: string) {
  const [link] = await db.sql<Array<{ shopify_product_id: string }>>`select shopify_product_id from product_links
    where shop_id = ${shop.shopId} and erp_item_number = ${itemNumber}`;
  const data = await shop.gql(
    `query P($id: ID!) { product(id: $id) { status variants(first: 10) { nodes { sku } } } }`,
    {
      id: link!.shopify_product_id,
    },
  );
  return {
    status: data.product.status as string,
    skus: (data.product.variants.nodes as Array<{ sku: string }>).map((v) => v.sku).sort(),
  };
}

describe("Sync products, ERP → Shopify, deleted in the ERP", () => {
  let shop: Shop;
  let stool: Awaited<ReturnType<typeof newItem>>;
  let gone: Awaited<ReturnType<typeof newItem>>;

  beforeAll(async () => {
    shop = await world.newShop({
      products: {
        direction: "erp_to_shopify",
        mapping: "item_no_and_variant_code",
        skuSeparator: "-",
        blockedAction: "archived",
      },
    });
    stool = await newItem(shop, "STOOL-1", ["OAK", "ASH"]);
    gone = await newItem(shop, "STOOL-2", []);
    const { run } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status, run?.error_message ?? "").toBe("succeeded");
    expect(await product(shop, "STOOL-1")).toEqual({ status: "ACTIVE", skus: ["STOOL-1-ASH", "STOOL-1-OAK"] });
  });

  it("deletes a deleted variant's Shopify variant and archives a deleted item's product, once", async () => {
    expect((await shop.bcApi("DELETE", `itemVariants(${stool.variants.ASH})`)).status).toBe(204);
    expect((await shop.bcApi("DELETE", `items(${gone.id})`)).status).toBe(204);
    // The same day: the sweep already ran, so nothing is known yet (a delta pull shows no deletion).
    const sameDay = await world.runTask(productsSyncTask, shop.shopId);
    expect(sameDay.records.filter((r) => r.outcome === "updated")).toEqual([]);

    const { run, records } = await world.runTask(productsSyncTask, shop.shopId, daysLater(1));
    expect(run?.status, run?.error_message ?? "").toBe("succeeded");
    expect(await product(shop, "STOOL-1")).toEqual({ status: "ACTIVE", skus: ["STOOL-1-OAK"] });
    expect(await product(shop, "STOOL-2")).toMatchObject({ status: "ARCHIVED" });
    expect(
      records
        .filter((r) => r.outcome === "updated")
        .map((r) => r.reason)
        .sort(),
    ).toEqual(["the item is gone from the ERP", "variant(s) ASH deleted: gone from the ERP"]);
    const links =
      await db.sql`select erp_variant_code from variant_links where shop_id = ${shop.shopId} and erp_item_number = 'STOOL-1'`;
    expect(links.map((l) => l.erp_variant_code)).toEqual(["OAK"]);

    const again = await world.runTask(productsSyncTask, shop.shopId, daysLater(2));
    expect(again.records.filter((r) => r.outcome === "updated" || r.outcome === "created")).toEqual([]);
  });

  it("deletes the rest when the merchant already deleted one of the variants in Shopify", async () => {
    const bench = await newItem(shop, "STOOL-4", ["A", "B", "C"]);
    await world.runTask(productsSyncTask, shop.shopId, daysLater(2));
    expect((await product(shop, "STOOL-4")).skus).toEqual(["STOOL-4-A", "STOOL-4-B", "STOOL-4-C"]);
    const [c] = await db.sql<Array<{ shopify_variant_id: string; shopify_product_id: string }>>`
      select shopify_variant_id, shopify_product_id from variant_links
      where shop_id = ${shop.shopId} and erp_item_number = 'STOOL-4' and erp_variant_code = 'C'`;
    const merchant = await shop.gql(
      `mutation D($p: ID!, $v: [ID!]!) { productVariantsBulkDelete(productId: $p, variantsIds: $v) { userErrors { message } } }`,
      { p: c!.shopify_product_id, v: [c!.shopify_variant_id] },
    );
    expect(merchant.productVariantsBulkDelete.userErrors).toEqual([]);
    for (const code of ["B", "C"]) {
      expect((await shop.bcApi("DELETE", `itemVariants(${bench.variants[code]})`)).status).toBe(204);
    }
    const { records } = await world.runTask(productsSyncTask, shop.shopId, daysLater(3));
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect((await product(shop, "STOOL-4")).skus).toEqual(["STOOL-4-A"]);
    const links =
      await db.sql`select erp_variant_code from variant_links where shop_id = ${shop.shopId} and erp_item_number = 'STOOL-4'`;
    expect(links.map((l) => l.erp_variant_code)).toEqual(["A"]);
  });
});
