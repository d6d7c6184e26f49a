/**
 * The Activity dashboard's tiles by key: the vocabulary the counting queries (queries/activity.ts)
 * and the tiles' presentation (activity/tiles.ts) share, so that a query names no service file.
 */
export const activityTileKeys = [
  "unmapped-customers",
  "unmapped-companies",
  "unmapped-products",
  "unprocessed-orders",
  "order-errors",
  "unprocessed-shipments",
  "shipment-errors",
  "product-errors",
  "customer-problems",
  "refund-problems",
  "payment-problems",
  "payout-problems",
  "sync-errors",
  "order-conflicts",
  "skipped-records",
  "stock-drift",
  "api-errors",
] as const;

export type ActivityTileKey = (typeof activityTileKeys)[number];

export function isActivityTileKey(value: string): value is ActivityTileKey {
  return (activityTileKeys as readonly string[]).includes(value);
}
