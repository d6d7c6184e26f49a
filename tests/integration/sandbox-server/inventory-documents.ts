/**
 * The inventory sync's documents, copied from app/.server/adapters/shopify/inventory-queries.ts
 * (the sandbox tests may not import the app): the sandbox store must answer them as Shopify 2026-10.
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

export const INVENTORY_ACTIVATE_MUTATION = `#graphql
  mutation InventoryActivateAtLocation($inventoryItemId: ID!, $locationId: ID!, $available: Int, $onHand: Int) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId, available: $available, onHand: $onHand) {
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

/** Every state of one level, for checking that they add up as Shopify's do. */
export const LEVEL_STATES_QUERY = `query($item: ID!, $location: ID!) {
  inventoryItem(id: $item) { inventoryLevel(locationId: $location) {
    quantities(names: ["available", "committed", "reserved", "damaged", "safety_stock", "quality_control", "incoming", "on_hand"]) { name quantity } } } }`;

export const ADJUST_QUANTITIES_MUTATION = `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta quantityAfterChange ledgerDocumentUri item { id } location { id } } }
    userErrors { field message code } } }`;
