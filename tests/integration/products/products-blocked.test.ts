import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// ERP → Shopify: blocked items and the kill switch, over HTTP to both sandboxes.

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

const erpToShopify = {
  products: { direction: "erp_to_shopify", mapping: "item_no", blockedAction: "draft" },
};

async function newItem(shop: Shop, number: string, extra: Record<string, unknown> = {}) {
  const created = await shop.bcApi("POST", "items", {
    number,
    displayName: `Chair ${number}`,
    type: "Inventory",
    unitPrice: 80,
    ...extra,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as { id: string };
}

async function productOf(shop: Shop, sku: string) {
  const data = await shop.gql(
    `query P($q: String!) { productVariants(first: 5, query: $q) { nodes { sku product { id status title } } } }`,
    { q: `sku:"${sku}"` },
  );
  return (data.productVariants.nodes as Array<{ sku: string; product: { id: string; status: string; title: string } }>)
    .filter((n) => n.sku === sku)
    .map((n) => n.product);
}

const recordsOf = <R extends { label: string | null }>(records: R[], label: string) =>
  records.filter((r) => r.label === label);

describe("Sync products, ERP → Shopify, blocked items", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop(erpToShopify);
    await world.runTask(productsSyncTask, shop.shopId);
  });

  it("never creates a blocked item's product", async () => {
    await newItem(shop, "CHAIR-B", { blocked: true });
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordsOf(records, "Chair CHAIR-B")).toMatchObject([
      { outcome: "skipped", reason: "blocked in the ERP: not created in Shopify" },
    ]);
    expect(await productOf(shop, "CHAIR-B")).toEqual([]);
  });

  it("puts a linked item's product to draft when it is blocked, and back when it is unblocked", async () => {
    const item = await newItem(shop, "CHAIR-1");
    await world.runTask(productsSyncTask, shop.shopId);
    expect(await productOf(shop, "CHAIR-1")).toMatchObject([{ status: "ACTIVE" }]);

    await shop.editInBc(`items(${item.id})`, { blocked: true });
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordsOf(records, "Chair CHAIR-1")).toMatchObject([{ outcome: "updated" }]);
    expect(await productOf(shop, "CHAIR-1")).toMatchObject([{ status: "DRAFT" }]);

    await shop.editInBc(`items(${item.id})`, { blocked: false });
    await world.runTask(productsSyncTask, shop.shopId);
    // The shop's status for products the app creates (active by default) comes back.
    expect(await productOf(shop, "CHAIR-1")).toMatchObject([{ status: "ACTIVE" }]);
  });

  it("leaves a status the merchant chose alone when the item was never blocked", async () => {
    const item = await newItem(shop, "CHAIR-2");
    await world.runTask(productsSyncTask, shop.shopId);
    const [product] = await productOf(shop, "CHAIR-2");
    const set = await shop.gql(
      `mutation U($p: ProductUpdateInput!) { productUpdate(product: $p) { userErrors { message } } }`,
      { p: { id: product!.id, status: "DRAFT" } },
    );
    expect(set.productUpdate.userErrors).toEqual([]);
    await shop.editInBc(`items(${item.id})`, { displayName: "Chair, oak" });
    await world.runTask(productsSyncTask, shop.shopId);
    expect(await productOf(shop, "CHAIR-2")).toMatchObject([{ title: "Chair, oak", status: "DRAFT" }]);
  });

  it("archives instead when the shop's blocked-item action says so, and does nothing when it says nothing", async () => {
    const archived = await newItem(shop, "CHAIR-3");
    const untouched = await newItem(shop, "CHAIR-4");
    await world.runTask(productsSyncTask, shop.shopId);
    await setSettings(shop.shopId, (s) => (s.products.blockedAction = "archived"));
    await shop.editInBc(`items(${archived.id})`, { blocked: true });
    await world.runTask(productsSyncTask, shop.shopId);
    expect(await productOf(shop, "CHAIR-3")).toMatchObject([{ status: "ARCHIVED" }]);

    await setSettings(shop.shopId, (s) => (s.products.blockedAction = "nothing"));
    await shop.editInBc(`items(${untouched.id})`, { blocked: true, displayName: "Chair, renamed while blocked" });
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordsOf(records, "Chair, renamed while blocked")).toMatchObject([{ outcome: "unchanged" }]);
    expect(await productOf(shop, "CHAIR-4")).toMatchObject([{ status: "ACTIVE", title: "Chair CHAIR-4" }]);
  });
});

describe("Sync products, ERP → Shopify, with the kill switch off", () => {
  it("records new items as skipped, writes nothing, and creates them once writes are on again", async () => {
    const shop = await world.newShop(erpToShopify);
    await world.runTask(productsSyncTask, shop.shopId);
    await newItem(shop, "STOOL-1");
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordsOf(records, "Chair STOOL-1")).toMatchObject([
      { outcome: "skipped", reason: "outgoing writes are off in Settings" },
    ]);
    expect(await productOf(shop, "STOOL-1")).toEqual([]);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    const { records: again } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordsOf(again, "Chair STOOL-1")).toMatchObject([{ outcome: "created" }]);
    expect(await productOf(shop, "STOOL-1")).toHaveLength(1);
  });
});
