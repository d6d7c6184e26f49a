import type { ErpStockCalculation } from "../types.ts";

/**
 * Business Central's ways to count sellable stock, as its Shopify connector offers them
 * (`Shpfy Stock Calculation`) plus the plain inventory many merchants add. Served by the companion
 * extension's `inventoryByLocation` page (`inventory`, `projectedAvailableBalance`,
 * `nonReservedInventory`) (ADR 020 says which Shopify quantity each
 * one feeds, and why).
 */
export const BC_STOCK_CALCULATIONS: readonly ErpStockCalculation[] = [
  {
    id: "projectedAvailable",
    label: "Projected available balance today",
    feeds: "available",
    description:
      "Inventory minus what open sales orders still have to ship, up to today. Shopify orders are subtracted as soon as they reach Business Central.",
  },
  {
    id: "onHand",
    label: "Inventory on hand",
    feeds: "on_hand",
    description: "Physical inventory at the location. Shopify subtracts its own unshipped orders (committed) from it.",
  },
  {
    id: "nonReserved",
    label: "Non-reserved inventory",
    feeds: "on_hand",
    description:
      "Inventory minus what is reserved for other documents. Shopify subtracts its own unshipped orders (committed) from it.",
  },
];
