import { getDb } from "../../app/.server/db.ts";
import { refreshShopLocations } from "../../app/.server/locations/refresh-locations.ts";
import { listShopLocations, saveLocationMapping } from "../../app/.server/queries/shop-locations.ts";
import { shopifyAdminForShopId } from "../../app/.server/shopify/admin-for-shop-id.ts";

/**
 * The demo maps each store location to the Business Central location of the same name (the two
 * sandboxes are seeded from one catalog: "Main Warehouse" is MAIN), counting BC's projected
 * available balance, as a merchant would on the Locations page. Only while no location is mapped
 * yet: a mapping the stranger changed survives a restart.
 */
export async function mapDemoLocations(
  shopId: number,
  erpLocations: ReadonlyArray<{ code: string; displayName: string }>,
): Promise<number> {
  const db = getDb();
  await refreshShopLocations(db, { admin: await shopifyAdminForShopId(shopId), shopId, now: new Date() });
  const locations = await listShopLocations(db, shopId);
  if (locations.some((l) => l.erpLocationCodes.length > 0)) return 0;
  let mapped = 0;
  for (const location of locations) {
    const erp = erpLocations.find((e) => e.displayName === location.name);
    if (!erp || location.fulfillmentService || location.removedAt) continue;
    await saveLocationMapping(db, {
      shopId,
      shopifyLocationId: location.shopifyLocationId,
      mapping: {
        erpLocationCodes: [erp.code],
        stockCalculation: "projectedAvailable",
        defaultForProducts: mapped === 0,
      },
      now: new Date(),
    });
    mapped++;
  }
  return mapped;
}
