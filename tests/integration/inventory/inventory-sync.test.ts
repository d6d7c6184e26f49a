import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { inventorySyncTask } from "../../../app/.server/tasks/inventory-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
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
