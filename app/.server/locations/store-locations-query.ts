/**
 * Every location of the store, inactive and fulfilment-service ones included: the Locations page
 * lists them all (a location that was deactivated keeps its mapping for when it comes back), and
 * the sync leaves out what it must not write to. `includeLegacy` brings the locations of legacy
 * fulfilment services, which Shopify otherwise hides.
 */
export const STORE_LOCATIONS_QUERY = `#graphql
  query StoreLocations($after: String) {
    locations(first: 250, after: $after, includeInactive: true, includeLegacy: true) {
      nodes {
        id
        legacyResourceId
        name
        isActive
        fulfillmentService {
          serviceName
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
