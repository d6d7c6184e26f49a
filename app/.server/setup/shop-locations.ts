import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import type { DbOrTx } from "../db.ts";
import { legacyLocationId } from "../locations/location-ids.ts";
import { refreshShopLocations } from "../locations/refresh-locations.ts";
import { listShopLocations } from "../queries/shop-locations.ts";

/** A location the setup guide asks to be mapped: active, the store's own (no fulfilment service). */
export interface ShopLocation {
  /** gid://shopify/Location/… */
  id: string;
  /** The numeric id, which the settings accept too. */
  legacyId: string;
  name: string;
  /** The ERP locations chosen on the Locations page; empty = not mapped there. */
  erpLocationCodes: readonly string[];
}

/**
 * The shop's active own locations with their mapping, read from the store first (as the Locations
 * page does: a location added in Shopify is counted at once). A fulfilment service's location
 * keeps its own stock and takes no ERP location, so it is no step of the merchant's. The store
 * not answering throws: the guide then leaves the step out rather than judge an old list.
 */
export async function loadSetupLocations(
  db: DbOrTx,
  input: { shopId: number; admin: ShopifyAdmin; now: Date },
): Promise<ShopLocation[]> {
  await refreshShopLocations(db, input);
  const rows = await listShopLocations(db, input.shopId);
  return rows
    .filter((row) => row.isActive && row.removedAt === null && row.fulfillmentService === null)
    .map((row) => ({
      id: row.shopifyLocationId,
      legacyId: legacyLocationId(row.shopifyLocationId),
      name: row.name,
      erpLocationCodes: row.erpLocationCodes,
    }));
}
