import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { inventorySyncTask } from "../../../app/.server/tasks/inventory-sync/task.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { type InventoryShop, type InventoryWorld, startInventoryWorld } from "./inventory-harness.ts";

// ERP stock per location onto Shopify's levels, over HTTP to both sandboxes, run by graphile-worker.

let db: TestDatabase;
let world: InventoryWorld;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startInventoryWorld(db);
});

afterAll(async () => {
  await world.close();
});

async function firstLinked(shop: InventoryShop) {
  const [link] = await db.sql<Array<{ erp_item_number: string; erp_variant_code: string; sku: string }>>`
    select erp_item_number, erp_variant_code, sku from variant_links where shop_id = ${shop.shopId} order by sku limit 1`;
  return link!;
}

describe("Sync inventory with on-hand inventory", () => {
  let shop: InventoryShop;

  beforeAll(async () => {
    shop = await world.newStockShop();
    await shop.mapLocations("onHand");
  });

  it("reads the levels once in bulk, finds the seeded stock in step, and sends a BC count change only", async () => {
    const first = await world.runTask(inventorySyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
    expect(first.records.filter((r) => r.outcome === "updated")).toEqual([]);
    const [stats] = await db.sql`select stats from task_runs where id = ${first.run!.id}`;
    expect(stats?.stats["levels read in bulk"]).toBeGreaterThan(0);

    const link = await firstLinked(shop);
    const before = await shop.quantities(link.sku, "Main Warehouse");
    const bc = shop.bcStock(link.erp_item_number, link.erp_variant_code, "MAIN")!;
    shop.setBcStock(link.erp_item_number, link.erp_variant_code || undefined, "MAIN", bc.inventory + 5);
    const second = await world.runTask(inventorySyncTask, shop.shopId);
    expect(second.run?.status, second.run?.error_message ?? "").toBe("succeeded");
    const updated = second.records.filter((r) => r.outcome === "updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.reason).toMatch(/on_hand at Main Warehouse/);
    const after = await shop.quantities(link.sku, "Main Warehouse");
    expect(after.onHand).toBe(before.onHand + 5);
    expect(after.available).toBe(before.available + 5);

    const third = await world.runTask(inventorySyncTask, shop.shopId);
    expect(third.records.filter((r) => r.outcome === "updated")).toEqual([]);
  }, 120_000);
});

/** Sets a level in Shopify as a merchant would in admin (no webhook reaches the app in these tests). */
async function setInShopify(
  shop: InventoryShop,
  level: { inventoryItemId: string; locationId: string; from: number; quantity: number },
) {
  const data = await shop.gql(
    `mutation S($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { code message } } }`,
    {
      key: randomUUID(),
      input: {
        name: "available",
        reason: "correction",
        quantities: [
          {
            inventoryItemId: level.inventoryItemId,
            locationId: level.locationId,
            quantity: level.quantity,
            changeFromQuantity: level.from,
          },
        ],
      },
    },
  );
  expect(data.inventorySetQuantities.userErrors).toEqual([]);
}

async function locationIdOf(shop: InventoryShop, name: string): Promise<string> {
  const [row] =
    await db.sql`select shopify_location_id from shop_locations where shop_id = ${shop.shopId} and name = ${name}`;
  return row!.shopify_location_id as string;
}

async function linkedAt(shop: InventoryShop, index: number) {
  const links = await db.sql<Array<{ erp_item_number: string; erp_variant_code: string; sku: string }>>`
    select erp_item_number, erp_variant_code, sku from variant_links where shop_id = ${shop.shopId} order by sku`;
  return links[index]!;
}

async function bump(shop: InventoryShop, link: { erp_item_number: string; erp_variant_code: string }, by: number) {
  const row = shop.bcStock(link.erp_item_number, link.erp_variant_code, "MAIN")!;
  shop.setBcStock(link.erp_item_number, link.erp_variant_code || undefined, "MAIN", row.inventory + by);
  return row.inventory + by;
}

describe("Sync inventory: what it writes and what it leaves", () => {
  let shop: InventoryShop;

  beforeAll(async () => {
    shop = await world.newStockShop();
    await shop.mapLocations("onHand");
    const first = await world.runTask(inventorySyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
  }, 120_000);

  it("Preview names the change and writes nothing; the real run then writes it", async () => {
    const link = await linkedAt(shop, 1);
    const before = await shop.quantities(link.sku, "Main Warehouse");
    const target = await bump(shop, link, 3);
    const preview = await world.runTask(inventorySyncTask, shop.shopId, { dryRun: true });
    expect(preview.run?.status).toBe("succeeded");
    const planned = preview.records.filter((r) => r.outcome === "planned");
    expect(planned).toHaveLength(1);
    expect(planned[0]!.reason).toContain(`on_hand at Main Warehouse ${before.onHand} → ${target}`);
    expect(await shop.quantities(link.sku, "Main Warehouse")).toEqual(before);

    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.records.filter((r) => r.outcome === "updated")).toHaveLength(1);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(target);
  }, 60_000);

  it("with outgoing writes off, records the level as skipped and sends it once writes are back", async () => {
    const link = await linkedAt(shop, 2);
    const before = await shop.quantities(link.sku, "Main Warehouse");
    const target = await bump(shop, link, -2);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const off = await world.runTask(inventorySyncTask, shop.shopId);
    expect(off.records.some((r) => r.outcome === "skipped" && /outgoing writes are off/.test(r.reason ?? ""))).toBe(
      true,
    );
    expect(await shop.quantities(link.sku, "Main Warehouse")).toEqual(before);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    const on = await world.runTask(inventorySyncTask, shop.shopId);
    expect(on.records.filter((r) => r.outcome === "updated")).toHaveLength(1);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(target);
  }, 60_000);

  it("a stale compare (stock changed in Shopify admin meanwhile) is read again and set to the ERP's figure", async () => {
    const link = await linkedAt(shop, 3);
    const before = await shop.quantities(link.sku, "Main Warehouse");
    await setInShopify(shop, {
      inventoryItemId: before.inventoryItemId,
      locationId: await locationIdOf(shop, "Main Warehouse"),
      from: before.available,
      quantity: before.available + 7,
    });
    const target = await bump(shop, link, 1);
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    const updated = run.records.filter((r) => r.outcome === "updated");
    expect(updated).toHaveLength(1);
    // The reason names what Shopify held when the write landed (after the re-read), not the old shadow.
    expect(updated[0]!.reason).toContain(`${before.onHand + 7} → ${target}`);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(target);
  }, 60_000);

  it("a lost answer is retried with the same idempotency key: the level is set once, nothing fails", async () => {
    const link = await linkedAt(shop, 4);
    const target = await bump(shop, link, 4);
    world.store.server.dropResponses({ operation: "inventorySetQuantities", times: 1, shop: shop.domain });
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(run.records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(run.records.filter((r) => r.outcome === "updated")).toHaveLength(1);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(target);
    const again = await world.runTask(inventorySyncTask, shop.shopId);
    expect(again.records.filter((r) => r.outcome === "updated")).toEqual([]);
  }, 60_000);

  it("one bad level in a batch fails alone; the others are written", async () => {
    const good = await linkedAt(shop, 5);
    const bad = await linkedAt(shop, 6);
    const goodTarget = await bump(shop, good, 2);
    await bump(shop, bad, 2);
    // The bad level's inventory item no longer exists in Shopify: its product was deleted there.
    const [badLink] =
      await db.sql`select shopify_product_id from variant_links where shop_id = ${shop.shopId} and sku = ${bad.sku}`;
    const [goodLink] =
      await db.sql`select shopify_product_id from variant_links where shop_id = ${shop.shopId} and sku = ${good.sku}`;
    expect(badLink!.shopify_product_id).not.toBe(goodLink!.shopify_product_id);
    const deleted = await shop.gql(
      `mutation D($id: ID!) { productDelete(input: { id: $id }) { userErrors { message } } }`,
      {
        id: badLink!.shopify_product_id,
      },
    );
    expect(deleted.productDelete.userErrors).toEqual([]);
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(run.records.filter((r) => r.outcome === "failed").length).toBeGreaterThan(0);
    expect((await shop.quantities(good.sku, "Main Warehouse")).onHand).toBe(goodTarget);
  }, 60_000);
});

describe("Sync inventory after the Locations page changes", () => {
  it("plans every item again when a location sums another ERP location", async () => {
    const shop = await world.newStockShop();
    await shop.mapLocations("onHand");
    expect((await world.runTask(inventorySyncTask, shop.shopId)).run?.status).toBe("succeeded");
    const link = await linkedAt(shop, 0);
    const main = shop.bcStock(link.erp_item_number, link.erp_variant_code, "MAIN")!.inventory;
    const east = shop.bcStock(link.erp_item_number, link.erp_variant_code, "EAST")!.inventory;

    await shop.mapLocations("onHand", { "Main Warehouse": ["MAIN", "EAST"], "East Store": ["EAST"] });
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.run?.summary).toMatch(/full pass/);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(main + east);
    expect((await shop.quantities(link.sku, "East Store")).onHand).toBe(east);
  }, 60_000);
});

describe("Sync inventory leaves alone what has no stock to sync", () => {
  it("skips a service item and an untracked variant with the reason, as skipped, not failed", async () => {
    const shop = await world.newStockShop();
    // An item sold as a product, then made a service in BC (allowed: no entries, no open lines);
    // its link stays.
    const created = await shop.bcApi("POST", "items", {
      number: "WRAP-1",
      displayName: "Gift wrapping",
      type: "Inventory",
      unitPrice: 3,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const itemId = ((await created.json()) as { id: string }).id;
    await world.runTask(productsSyncTask, shop.shopId);
    expect(
      await db.sql`select 1 from variant_links where shop_id = ${shop.shopId} and erp_item_number = 'WRAP-1'`,
    ).toHaveLength(1);
    await shop.mapLocations("onHand");
    expect((await world.runTask(inventorySyncTask, shop.shopId)).run?.status).toBe("succeeded");
    const patched = await shop.bcApi("PATCH", `items(${itemId})`, { type: "Service" });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const first = await world.runTask(inventorySyncTask, shop.shopId);
    expect(first.run?.status, first.run?.error_message ?? "").toBe("succeeded");
    expect(first.records.some((r) => r.outcome === "skipped" && /service item has no stock/.test(r.reason ?? ""))).toBe(
      true,
    );
    expect(first.records.filter((r) => r.outcome === "failed")).toEqual([]);

    // Untracked in Shopify admin, then counted in BC.
    const link = await linkedAt(shop, 0);
    const level = await shop.quantities(link.sku, "Main Warehouse");
    const untracked = await shop.gql(
      `mutation U($id: ID!) { inventoryItemUpdate(id: $id, input: { tracked: false }) { userErrors { message } } }`,
      { id: level.inventoryItemId },
    );
    expect(untracked.inventoryItemUpdate.userErrors).toEqual([]);
    expect(await shop.deliverStockWebhooks()).toBeGreaterThan(0);
    await bump(shop, link, 6);
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(run.records.some((r) => r.outcome === "skipped" && /not tracked/.test(r.reason ?? ""))).toBe(true);
    expect((await shop.quantities(link.sku, "Main Warehouse")).onHand).toBe(level.onHand);
  }, 120_000);
});
