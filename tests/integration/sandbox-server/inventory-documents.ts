/**
 * The inventory sync's own documents, which the sandbox store must answer as Shopify 2026-10 does,
 * plus a few the tests need beside them.
 */
export {
  BULK_LEVELS_QUERY,
  BULK_QUERY_RUN,
  INVENTORY_ACTIVATE_MUTATION,
  INVENTORY_OF_VARIANTS_QUERY,
  INVENTORY_SET_QUANTITIES_MUTATION,
} from "../../../app/.server/adapters/shopify/inventory-queries.ts";

/** The activation as written before 2026-04 (no @idempotent): the store must refuse it. */
export const UNKEYED_ACTIVATE_MUTATION = `
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

export const LEVEL_STATES_QUERY = `query($item: ID!, $location: ID!) {
  inventoryItem(id: $item) { inventoryLevel(locationId: $location) {
    quantities(names: ["available", "committed", "reserved", "damaged", "safety_stock", "quality_control", "incoming", "on_hand"]) { name quantity } } } }`;

export const ADJUST_QUANTITIES_MUTATION = `mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta quantityAfterChange ledgerDocumentUri item { id } location { id } } }
    userErrors { field message code } } }`;
