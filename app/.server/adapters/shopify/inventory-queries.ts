/**
 * The documents the inventory sync sends (ADR 020). Levels are read per variant, never page by page
 * over the whole store: a first sync reads them with a bulk query, later runs only the levels the
 * ERP's change feed or a stale compare points at.
 */

/** The quantity names the shadow keeps (Shopify: on_hand = available + committed + other states). */
export const SHADOW_QUANTITY_NAMES = ["available", "on_hand"] as const;

/**
 * Variants' inventory items and their levels at every active location (a shop has a handful; 20
 * covers Shopify's default location limit on most plans, more are read by the bulk query).
 * 25 variants a call keeps the requested cost near 550 points, under the 1,000-point ceiling.
 */
export const INVENTORY_OF_VARIANTS_QUERY = `#graphql
  query InventoryOfVariants($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant {
        id
        inventoryItem {
          id
          tracked
          inventoryLevels(first: 20) {
            nodes {
              location {
                id
              }
              quantities(names: ["available", "on_hand"]) {
                name
                quantity
              }
              updatedAt
            }
          }
        }
      }
    }
  }
`;

/** Compare-and-set of one quantity name for up to 250 levels; the key makes a resend a no-op. */
export const INVENTORY_SET_QUANTITIES_MUTATION = `#graphql
  mutation InventorySetFromErp($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup {
        id
        createdAt
        changes(quantityNames: ["available", "on_hand"]) {
          name
          delta
          quantityAfterChange
          item {
            id
          }
          location {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Stocks an item at a location with its first quantity (one call; many go as a bulk mutation). */
export const INVENTORY_ACTIVATE_MUTATION = `#graphql
  mutation InventoryActivateAtLocation(
    $inventoryItemId: ID!
    $locationId: ID!
    $available: Int
    $onHand: Int
    $key: String!
  ) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId, available: $available, onHand: $onHand)
      @idempotent(key: $key) {
      inventoryLevel {
        id
        quantities(names: ["available", "on_hand"]) {
          name
          quantity
        }
        updatedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Starts a bulk query (one at a time per shop); its result file is read as JSONL. */
export const BULK_QUERY_RUN = `#graphql
  mutation BulkQueryRun($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/**
 * Every variant's inventory item and its levels, for a first sync and the drift report. Sent as text
 * in `bulkOperationRunQuery`; in the JSONL a level is its own line after its variant, with
 * `__parentId` naming the variant, and carries its item's id (so no line has to be held to join it).
 */
export const BULK_LEVELS_QUERY = `#graphql
  query BulkInventoryLevels {
    productVariants {
      edges {
        node {
          id
          inventoryItem {
            id
            tracked
            inventoryLevels {
              edges {
                node {
                  item {
                    id
                  }
                  location {
                    id
                  }
                  quantities(names: ["available", "on_hand"]) {
                    name
                    quantity
                  }
                  updatedAt
                }
              }
            }
          }
        }
      }
    }
  }
`;
