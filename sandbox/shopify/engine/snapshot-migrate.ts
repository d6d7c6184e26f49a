import { fulfillEverything } from "./fulfillment-create.ts";
import {
  assignLocations,
  cancelFulfillmentOrders,
  fulfillmentOrdersOf,
  openFulfillmentOrders,
} from "./fulfillment-orders.ts";
import { freshCounters, type ShopState } from "./shop-state.ts";

/**
 * Older snapshots, brought up to the current shape so the demo's saved store survives an upgrade.
 *
 * Version 1 (before fulfillment orders): locations had no fulfillment service, orders no retail
 * location, and there were no fulfillment orders, fulfillments or their id counters. The JSON is
 * patched here (leaving anything malformed for the schema to report), and once the shop is built
 * `backfillFulfillmentOrders` gives every order what orderCreate would have given it.
 */
export function upgradeV1(value: Record<string, unknown>): Record<string, unknown> {
  const shops = Array.isArray(value.shops) ? value.shops.map(upgradeV1Shop) : value.shops;
  return { ...value, shops };
}

const patchEntries = (list: unknown, patch: Record<string, unknown>) =>
  Array.isArray(list)
    ? list.map((entry: unknown) =>
        Array.isArray(entry) && isRecord(entry[1]) ? [entry[0], { ...patch, ...entry[1] }] : entry,
      )
    : list;

function upgradeV1Shop(shop: unknown): unknown {
  if (!isRecord(shop)) return shop;
  return {
    ...shop,
    counters: isRecord(shop.counters) ? { ...freshCounters(), ...shop.counters } : shop.counters,
    locations: patchEntries(shop.locations, { fulfillmentService: null }),
    orders: patchEntries(shop.orders, { retailLocationId: null }),
    fulfillmentOrders: [],
    fulfillments: [],
  };
}

/**
 * Version 2 (before the catalog work): no media on products or variants, no inventory policy
 * (every variant denied overselling, as the view answered), no weights, no files, staged uploads,
 * bulk or productSet operations, no throttle history, and fewer id counters.
 */
export function upgradeV2(value: Record<string, unknown>): Record<string, unknown> {
  const shops = Array.isArray(value.shops) ? value.shops.map(upgradeV2Shop) : value.shops;
  return { ...value, shops };
}

function upgradeV2Shop(shop: unknown): unknown {
  if (!isRecord(shop)) return shop;
  return {
    ...shop,
    counters: isRecord(shop.counters) ? { ...freshCounters(), ...shop.counters } : shop.counters,
    products: patchEntries(shop.products, { mediaIds: [] }),
    variants: patchEntries(shop.variants, { inventoryPolicy: "DENY", mediaIds: [] }),
    inventoryItems: patchEntries(shop.inventoryItems, { weight: null }),
    blobs: [],
    files: [],
    bulkOperations: [],
    productOperations: [],
    variantCreations: [],
  };
}

/** Version 3 (before existing variants without records): every store held only its records. */
export function upgradeV3(value: Record<string, unknown>): Record<string, unknown> {
  const shops = Array.isArray(value.shops)
    ? value.shops.map((shop: unknown) => (isRecord(shop) ? { existingVariants: 0, ...shop } : shop))
    : value.shops;
  return { ...value, shops };
}

/**
 * Fulfillment orders for orders that have none, dated like the order: open ones holding the
 * current quantities; cancelled orders' cancelled (nothing left); orders marked fulfilled shipped
 * in full (closed, with a fulfillment per location) so line counts agree with the status. Quiet:
 * the store is being loaded, not changed.
 */
export function backfillFulfillmentOrders(state: ShopState): void {
  const announce = state.emitEvents;
  state.emitEvents = false;
  try {
    for (const order of [...state.orders.values()].sort((a, b) => a.id - b.id)) {
      if (fulfillmentOrdersOf(state, order.id).length > 0) continue;
      const assignment = assignLocations(state, order, order.retailLocationId);
      if (order.cancelledAt) {
        openFulfillmentOrders(state, order, assignment, order.createdAt, (line) => line.quantity);
        cancelFulfillmentOrders(state, order, order.cancelledAt);
        continue;
      }
      openFulfillmentOrders(state, order, assignment, order.createdAt);
      if (order.fulfillmentStatus === "FULFILLED") {
        const details = { trackingInfo: [], notifyCustomer: false, message: null, originAddress: null };
        fulfillEverything(state, order, details, order.updatedAt);
      }
    }
  } finally {
    state.emitEvents = announce;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
