import type { StoreLocationsQuery } from "../../types/admin.generated.d.ts";
import { runOperation, type ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import type { DbOrTx } from "../db.ts";
import { saveStoreLocations, type StoreLocation } from "../queries/shop-locations.ts";
import { STORE_LOCATIONS_QUERY } from "./store-locations-query.ts";

/** A store has at most a few hundred locations (Shopify Plus: 1,000 with fulfilment services). */
const MAX_PAGES = 10;

/** Reads every location of the store (one call of cost ~3 for most shops). */
export async function readStoreLocations(admin: ShopifyAdmin): Promise<StoreLocation[]> {
  const locations: StoreLocation[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const { locations: page }: StoreLocationsQuery = await runOperation(admin, STORE_LOCATIONS_QUERY, { after });
    for (const node of page.nodes) {
      locations.push({
        shopifyLocationId: node.id,
        name: node.name,
        isActive: node.isActive,
        fulfillmentService: node.fulfillmentService?.serviceName ?? null,
      });
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  return locations;
}

/**
 * Brings the shop's location list up to date from the store: the Locations page on each visit and
 * the stock sync before each run (a location added in Shopify shows up unmapped; one deleted there
 * stops being written to).
 */
export async function refreshShopLocations(
  db: DbOrTx,
  input: { admin: ShopifyAdmin; shopId: number; now: Date },
): Promise<StoreLocation[]> {
  const locations = await readStoreLocations(input.admin);
  await saveStoreLocations(db, { shopId: input.shopId, locations, now: input.now });
  return locations;
}
