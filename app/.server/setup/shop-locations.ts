import { runOperation, type ShopifyAdmin } from "../adapters/shopify/admin-port.ts";

export const SETUP_LOCATIONS_QUERY = `#graphql
  query SetupLocations {
    locations(first: 50) {
      nodes {
        id
        legacyResourceId
        name
      }
    }
  }
`;

export interface ShopLocation {
  /** gid://shopify/Location/… */
  id: string;
  /** The numeric id, which the settings accept too. */
  legacyId: string;
  name: string;
}

/** The shop's active locations (Shopify leaves inactive ones out by default); one call, cost ~3. */
export async function fetchShopLocations(admin: ShopifyAdmin): Promise<ShopLocation[]> {
  const data = await runOperation(admin, SETUP_LOCATIONS_QUERY, {});
  return data.locations.nodes.map((node) => ({ id: node.id, legacyId: node.legacyResourceId, name: node.name }));
}
