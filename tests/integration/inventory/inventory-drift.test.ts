import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { countActivity } from "../../../app/.server/queries/activity.ts";
import { fixDrift, loadDriftReport } from "../../../app/.server/tasks/inventory-drift/drift-actions.ts";
import { inventoryDriftTask } from "../../../app/.server/tasks/inventory-drift/task.ts";
import { inventorySyncTask } from "../../../app/.server/tasks/inventory-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { drainJobs } from "../../support/worker.ts";
import { type InventoryShop, type InventoryWorld, startInventoryWorld } from "./inventory-harness.ts";

let db: TestDatabase;
let world: InventoryWorld;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startInventoryWorld(db);
});

afterAll(async () => {
  await world.close();
});

/** Someone sets the stock in Shopify admin; no webhook reaches the app in these tests. */
async function changeInShopify(shop: InventoryShop, sku: string, by: number) {
  const level = await shop.quantities(sku, "Main Warehouse");
  const [location] =
    await db.sql`select shopify_location_id from shop_locations where shop_id = ${shop.shopId} and name = 'Main Warehouse'`;
  const data = await shop.gql(
    `mutation S($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }`,
    {
      key: randomUUID(),
      input: {
        name: "available",
        reason: "correction",
        quantities: [
          {
            inventoryItemId: level.inventoryItemId,
            locationId: location!.shopify_location_id,
            quantity: level.available + by,
            changeFromQuantity: level.available,
          },
        ],
      },
    },
  );
  expect(data.inventorySetQuantities.userErrors).toEqual([]);
  return level;
}

describe("Stock drift report", () => {
  it("lists a level changed in Shopify behind the app's back with both figures, counts it on the dashboard, and fixes it", async () => {
    const shop = await world.newStockShop();
    await shop.mapLocations("onHand");
    expect((await world.runTask(inventorySyncTask, shop.shopId)).run?.status).toBe("succeeded");
    const [link] = await db.sql<Array<{ sku: string }>>`
      select sku from variant_links where shop_id = ${shop.shopId} order by sku limit 1`;
    const before = await changeInShopify(shop, link!.sku, -4);

    // The stock sync does not see it: nothing changed in the ERP, and no webhook came.
    const sync = await world.runTask(inventorySyncTask, shop.shopId);
    expect(sync.records.filter((r) => r.outcome === "updated")).toEqual([]);

    const report = await world.runTask(inventoryDriftTask, shop.shopId);
    expect(report.run?.status, report.run?.error_message ?? "").toBe("succeeded");
    expect(report.run?.summary).toMatch(/1 differ/);
    const rows = await loadDriftReport(shop.shopId, { limit: 10, offset: 0 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      locationName: "Main Warehouse",
      shopify: before.onHand - 4,
      target: before.onHand,
    });
    expect((await countActivity(getDb(), shop.shopId))["stock-drift"]).toBe(1);

    expect(
      await fixDrift(shop.shopId, { inventoryItemId: rows[0]!.inventoryItemId, locationId: rows[0]!.locationId }),
    ).toBe(1);
    await drainJobs(db.url);
    expect(await shop.quantities(link!.sku, "Main Warehouse")).toMatchObject({
      onHand: before.onHand,
      available: before.available,
    });
    expect((await countActivity(getDb(), shop.shopId))["stock-drift"]).toBe(0);

    const again = await world.runTask(inventoryDriftTask, shop.shopId);
    expect(again.run?.summary).toMatch(/0 differ/);
  }, 120_000);
});
