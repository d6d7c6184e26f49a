/**
 * The Activity dashboard's tiles (Business Central's "Shopify Activities" cue group plus its
 * newer tiles). Pure data: what each tile is called, what it counts, where it leads.
 */
import type { ActivityTileKey } from "../domain/activity-tile-keys.ts";

export { type ActivityTileKey, activityTileKeys, isActivityTileKey } from "../domain/activity-tile-keys.ts";

export interface ActivityTile {
  key: ActivityTileKey;
  title: string;
  /** What a non-zero count asks of the merchant. */
  description: string;
  /** A count above zero is a problem (red) rather than work in progress. */
  tone: "attention" | "critical";
  /** The list behind the count: a dedicated page with actions, or the generic activity list. */
  href: string;
}

/** Tiles with a page of their own; the rest open /app/activity/<key>. */
const dedicatedPages: Partial<Record<ActivityTileKey, string>> = {
  "unmapped-customers": "/app/unmapped/customers",
  "unmapped-companies": "/app/unmapped/companies",
  "unmapped-products": "/app/unmapped/products",
  "unprocessed-orders": "/app/orders?status=unprocessed",
  "order-conflicts": "/app/orders?status=conflict",
  "unprocessed-shipments": "/app/shipments?status=unprocessed",
  "shipment-errors": "/app/shipments?status=error",
  "product-errors": "/app/products?tab=error",
  "stock-drift": "/app/inventory/drift",
};

const tiles: readonly Omit<ActivityTile, "href">[] = [
  {
    key: "unmapped-customers",
    title: "Unmapped customers",
    tone: "attention",
    description: "Shopify customers with no ERP customer; their orders wait.",
  },
  {
    key: "unmapped-companies",
    title: "Unmapped companies",
    tone: "attention",
    description: "B2B companies with no ERP customer; their orders wait.",
  },
  {
    key: "unmapped-products",
    title: "Unmapped products",
    tone: "attention",
    description: "Variants whose SKU matches no ERP item; their orders wait.",
  },
  {
    key: "unprocessed-orders",
    title: "Unprocessed orders",
    tone: "attention",
    description: "Imported orders without an ERP sales document yet.",
  },
  {
    key: "order-errors",
    title: "Orders with errors",
    tone: "critical",
    description: "Orders whose ERP document could not be made, or could not be posted.",
  },
  {
    key: "unprocessed-shipments",
    title: "Unprocessed shipments",
    tone: "attention",
    description: "Posted ERP shipments not yet sent to Shopify as fulfillments.",
  },
  {
    key: "shipment-errors",
    title: "Shipment errors",
    tone: "critical",
    description: "Shipments that could not become Shopify fulfillments.",
  },
  {
    key: "product-errors",
    title: "Product errors",
    tone: "critical",
    description: "Products Shopify or the ERP refused; each says why, and Sync now tries again.",
  },
  {
    key: "customer-problems",
    title: "Customer and company errors and conflicts",
    tone: "critical",
    description:
      "Customers and B2B companies the ERP or Shopify refused, and those changed on both sides since the last sync; choose which version to keep.",
  },
  {
    key: "refund-problems",
    title: "Refunds waiting or in error",
    tone: "attention",
    description:
      "Shopify refunds not yet in the ERP: waiting for their order to get its ERP document, or refused (the reason and a Retry are on the order).",
  },
  {
    key: "payout-problems",
    title: "Payouts not reconciled",
    tone: "critical",
    description:
      "Paid Shopify Payments payouts the ERP does not have: their transactions do not add up to the payout (the difference is shown), or the ERP refused them. Retry reads them again.",
  },
  {
    key: "payment-problems",
    title: "Payments waiting or in error",
    tone: "attention",
    description:
      "Shopify payments not yet in the ERP: waiting for their order's ERP document or its invoice, or refused, e.g. a gateway with no payment method (the reason and a Retry are on the order).",
  },
  { key: "sync-errors", title: "Synchronization errors", tone: "critical", description: "Task runs that failed." },
  {
    key: "order-conflicts",
    title: "Order conflicts",
    tone: "critical",
    description: "Orders edited in Shopify after their ERP document was made.",
  },
  {
    key: "skipped-records",
    title: "Skipped records",
    tone: "attention",
    description: "Records a sync chose not to change, with the reason.",
  },
  {
    key: "stock-drift",
    title: "Stock drift",
    tone: "attention",
    description: "Stock levels where Shopify differs from the ERP at the last drift report; each can be fixed now.",
  },
  { key: "api-errors", title: "API errors", tone: "critical", description: "Failed calls to Shopify or the ERP." },
];

export const activityTiles: readonly ActivityTile[] = tiles.map((tile) => ({
  ...tile,
  href: dedicatedPages[tile.key] ?? `/app/activity/${tile.key}`,
}));
