import { expect } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { refreshShopLocations } from "../../../app/.server/locations/refresh-locations.ts";
import { listShopLocations, saveLocationMapping } from "../../../app/.server/queries/shop-locations.ts";
import { shopifyAdminForShopId } from "../../../app/.server/shopify/admin-for-shop-id.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { action as inventoryItemsUpdate } from "../../../app/routes/webhooks.inventory_items.update.tsx";
import { action as inventoryLevelsUpdate } from "../../../app/routes/webhooks.inventory_levels.update.tsx";
import type { TestDatabase } from "../../setup/test-database.ts";
import { webhookRequest } from "../../support/webhook-request.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

/** The app's routes for Shopify's stock webhooks. */
const stockRoutes = {
  "inventory_levels/update": inventoryLevelsUpdate,
  "inventory_items/update": inventoryItemsUpdate,
};

export type InventoryWorld = Awaited<ReturnType<typeof startInventoryWorld>>;
export type InventoryShop = Awaited<ReturnType<InventoryWorld["newStockShop"]>>;

/**
 * Both sandboxes seeded with the same catalog and stock (locations MAIN "Main Warehouse" and EAST
 * "East Store"), products linked by a products sync, stock sync on. Each test's shop maps its
 * locations with the calculation it tests.
 */
export async function startInventoryWorld(db: TestDatabase) {
  const world = await startShipmentsWorld(db);

  async function newStockShop(settings: Record<string, unknown> = {}) {
    const shop = await world.newShop({
      products: { direction: "erp_to_shopify" },
      inventory: { enabled: true },
      ...settings,
    });
    await world.runTask(productsSyncTask, shop.shopId);
    const companyId = shop.company.info.id;

    /** Maps the store's locations by name to the BC location codes, with this calculation. */
    async function mapLocations(
      stockCalculation: string,
      codes: Record<string, string[]> = { "Main Warehouse": ["MAIN"], "East Store": ["EAST"] },
    ) {
      await refreshShopLocations(getDb(), {
        admin: await shopifyAdminForShopId(shop.shopId),
        shopId: shop.shopId,
        now: new Date(),
      });
      const rows = await listShopLocations(getDb(), shop.shopId);
      for (const row of rows) {
        const saved = await saveLocationMapping(getDb(), {
          shopId: shop.shopId,
          shopifyLocationId: row.shopifyLocationId,
          mapping: { erpLocationCodes: codes[row.name] ?? [], stockCalculation, defaultForProducts: false },
          now: new Date(),
        });
        expect(saved).toBe(true);
      }
      return rows;
    }

    /** A variant's quantities at a location, as Shopify has them. */
    async function quantities(sku: string, locationName: string) {
      const data = await shop.gql(
        `query Q($q: String!) { productVariants(first: 5, query: $q) { nodes { sku inventoryItem { id inventoryLevels(first: 10) { nodes { location { name } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } } } } }`,
        { q: `sku:"${sku}"` },
      );
      const node = (data.productVariants.nodes as any[]).find((n) => n.sku === sku);
      const level = (node.inventoryItem.inventoryLevels.nodes as any[]).find((l) => l.location.name === locationName);
      const q = (name: string) =>
        (level?.quantities as any[] | undefined)?.find((x) => x.name === name)?.quantity ?? null;
      return {
        inventoryItemId: node.inventoryItem.id as string,
        available: q("available"),
        onHand: q("on_hand"),
        committed: q("committed"),
      };
    }

    /** Stock in BC as a warehouse count would leave it. */
    const setBcStock = (itemNumber: string, variantCode: string | undefined, locationCode: string, quantity: number) =>
      world.bc.setInventory(shop.tenant, world.env, companyId, {
        itemNumber,
        ...(variantCode ? { variantCode } : {}),
        locationCode,
        quantity,
      });

    const bcStock = (itemNumber: string, variantCode: string, locationCode: string) =>
      shop.company.inventoryByLocation.find(
        (r) => r.itemNumber === itemNumber && r.variantCode === variantCode && r.locationCode === locationCode,
      );

    /**
     * Shopify's `inventory_levels/update` and `inventory_items/update` deliveries since the last call, to the app's route (the
     * sandbox records them; nothing delivers them in these tests otherwise). Returns how many.
     */
    let delivered = 0;
    async function deliverStockWebhooks(): Promise<number> {
      const events = shop.events().filter((e) => e.topic in stockRoutes);
      const fresh = events.slice(delivered);
      delivered = events.length;
      for (const event of fresh) {
        const response = await stockRoutes[event.topic as keyof typeof stockRoutes]({
          request: webhookRequest({
            topic: event.topic,
            shop: shop.domain,
            body: event.payload,
            triggeredAt: new Date(event.triggeredAt),
          }),
          params: {},
          context: {},
        });
        expect(response.status).toBe(200);
      }
      return fresh.length;
    }

    return { ...shop, companyId, mapLocations, quantities, setBcStock, bcStock, deliverStockWebhooks };
  }

  return { ...world, newStockShop };
}
