import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { inventorySyncTask } from "../../../app/.server/tasks/inventory-sync/task.ts";
import { shipmentsSyncTask } from "../../../app/.server/tasks/shipments-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { type InventoryShop, type InventoryWorld, startInventoryWorld } from "./inventory-harness.ts";

// An order of 2 placed in Shopify: through the ERP, shipped there and fulfilled back, Shopify's
// available quantity stays 2 below where it was — never 4, never back — whatever the calculation.

let db: TestDatabase;
let world: InventoryWorld;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startInventoryWorld(db);
});

afterAll(async () => {
  await world.close();
});

const LOCATIONS = ["Main Warehouse", "East Store"] as const;

/** The first seeded variant (the order's line) and its quantities at both locations. */
async function firstVariant(shop: InventoryShop) {
  const data = await shop.gql(`{ productVariants(first: 1) { nodes { id sku } } }`);
  const variant = data.productVariants.nodes[0] as { id: string; sku: string };
  const levels = Object.fromEntries(
    await Promise.all(LOCATIONS.map(async (name) => [name, await shop.quantities(variant.sku, name)] as const)),
  );
  return { ...variant, levels };
}

/** Two scheduled runs, with Shopify's level webhooks delivered before each (as they would be). */
async function syncTwice(shop: InventoryShop) {
  for (let i = 0; i < 2; i++) {
    await shop.deliverStockWebhooks();
    const run = await world.runTask(inventorySyncTask, shop.shopId);
    expect(run.run?.status, run.run?.error_message ?? "").toBe("succeeded");
    expect(run.records.filter((r) => r.outcome === "failed")).toEqual([]);
  }
}

for (const calculation of ["projectedAvailable", "onHand", "nonReserved"] as const) {
  describe(`an order of 2 with "${calculation}"`, () => {
    it("leaves available 2 lower after the ERP has it, after it ships there, and after the fulfilment", async () => {
      const shop = await world.newStockShop();
      await shop.mapLocations(calculation);
      await syncTwice(shop);
      const before = await firstVariant(shop);

      const order = await shop.placeProcessedOrder([[0, 2]], "DECREMENT_OBEYING_POLICY");
      const placed = await firstVariant(shop);
      const at = LOCATIONS.find((name) => placed.levels[name]!.committed! > before.levels[name]!.committed!);
      expect(at, "the order holds its units at one location").toBeDefined();
      const expected = before.levels[at!]!.available! - 2;
      expect(placed.levels[at!]!.available).toBe(expected);

      await syncTwice(shop);
      expect((await firstVariant(shop)).levels[at!]!.available).toBe(expected);

      shop.ship(order.salesOrder.id);
      await syncTwice(shop);
      expect((await firstVariant(shop)).levels[at!]!.available).toBe(expected);

      const shipped = await world.runTask(shipmentsSyncTask, shop.shopId);
      expect(shipped.run?.status, shipped.run?.error_message ?? "").toBe("succeeded");
      await syncTwice(shop);
      const after = await firstVariant(shop);
      expect(after.levels[at!]).toMatchObject({ available: expected, committed: before.levels[at!]!.committed });
      // The other location is untouched.
      const other = LOCATIONS.find((name) => name !== at)!;
      expect(after.levels[other]!.available).toBe(before.levels[other]!.available);
    }, 180_000);
  });
}
