import { nextId, type ShopState } from "./shop-state.ts";
import type {
  FulfillmentOrderRec,
  FulfillmentOrderStatus,
  FulfillmentServiceRec,
  LineItemRec,
  OrderRec,
} from "./store-types.ts";

/**
 * Fulfillment orders: which location ships which units of an order. Shopify creates them with the
 * order and every fulfillment, move and request works on them, so the order's fulfillment status
 * is derived from them (and from the fulfillments) rather than stored independently.
 */

/** Statuses in which units can still be fulfilled. */
export const FULFILLABLE_STATUSES: ReadonlySet<FulfillmentOrderStatus> = new Set(["OPEN", "IN_PROGRESS"]);
/** Statuses that end a fulfillment order's life. */
export const FINISHED_STATUSES: ReadonlySet<FulfillmentOrderStatus> = new Set(["CLOSED", "CANCELLED"]);

export function fulfillmentOrdersOf(state: ShopState, orderId: number): FulfillmentOrderRec[] {
  return [...state.fulfillmentOrders.values()].filter((fo) => fo.orderId === orderId).sort((a, b) => a.id - b.id);
}

export function fulfillmentServiceOf(state: ShopState, fo: FulfillmentOrderRec): FulfillmentServiceRec | null {
  return fo.locationId === null ? null : (state.locations.get(fo.locationId)?.fulfillmentService ?? null);
}

/** Active locations, lowest id first: the order Shopify's default routing falls back on. */
function activeLocationIds(state: ShopState): number[] {
  return [...state.locations.values()]
    .filter((l) => l.isActive)
    .map((l) => l.id)
    .sort((a, b) => a - b);
}

/**
 * Where each line ships from (line id → location id): the pinned location (a POS sale's store, or
 * the location an already-fulfilled order was fulfilled at) for every line; otherwise per line the
 * first active location stocking enough of the variant, else the first active location. Read before
 * any stock is claimed for the order, so the claim does not change the answer.
 */
export function assignLocations(state: ShopState, order: OrderRec, pinned: number | null): Map<number, number | null> {
  const active = activeLocationIds(state);
  const assignment = new Map<number, number | null>();
  for (const line of order.lineItems) {
    assignment.set(line.id, pinned ?? stockingLocation(state, line, active) ?? active[0] ?? null);
  }
  return assignment;
}

function stockingLocation(state: ShopState, line: LineItemRec, active: number[]): number | undefined {
  const variant = line.variantId === null ? undefined : state.variants.get(line.variantId);
  const item = variant ? state.inventoryItems.get(variant.inventoryItemId) : undefined;
  if (!item) return undefined;
  return active.find((id) => (item.levels.get(id)?.available ?? -Infinity) >= line.quantity);
}

/**
 * One OPEN fulfillment order per assigned location, holding each line's current quantity (or
 * `units(line)`, for rebuilding the fulfillment orders of an order cancelled before they existed).
 */
export function openFulfillmentOrders(
  state: ShopState,
  order: OrderRec,
  assignment: Map<number, number | null>,
  at: string,
  units: (line: LineItemRec) => number = (line) => line.currentQuantity,
): FulfillmentOrderRec[] {
  const byLocation = new Map<number | null, FulfillmentOrderRec>();
  for (const line of order.lineItems) {
    const quantity = units(line);
    if (quantity <= 0) continue;
    const locationId = assignment.get(line.id) ?? null;
    let fo = byLocation.get(locationId);
    if (!fo) {
      fo = {
        id: nextId(state, "FulfillmentOrder"),
        orderId: order.id,
        locationId,
        status: "OPEN",
        requestStatus: "UNSUBMITTED",
        lineItems: [],
        merchantRequests: [],
        createdAt: at,
        updatedAt: at,
      };
      byLocation.set(locationId, fo);
      state.fulfillmentOrders.set(fo.id, fo);
    }
    fo.lineItems.push({
      id: nextId(state, "FulfillmentOrderLineItem"),
      lineItemId: line.id,
      totalQuantity: quantity,
      remainingQuantity: quantity,
    });
  }
  return [...byLocation.values()];
}

/**
 * Moves `quantities` (fulfillment order line id → units) of `fo` into a new OPEN, UNSUBMITTED
 * fulfillment order at `locationId`; the original keeps the rest and closes when nothing of it is
 * left to fulfil. Used by moves and by partial fulfillment requests.
 */
export function splitFulfillmentOrder(
  state: ShopState,
  fo: FulfillmentOrderRec,
  quantities: Map<number, number>,
  locationId: number | null,
  at: string,
): FulfillmentOrderRec {
  const created: FulfillmentOrderRec = {
    id: nextId(state, "FulfillmentOrder"),
    orderId: fo.orderId,
    locationId,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    lineItems: [],
    merchantRequests: [],
    createdAt: at,
    updatedAt: at,
  };
  for (const line of fo.lineItems) {
    const units = Math.min(quantities.get(line.id) ?? 0, line.remainingQuantity);
    if (units <= 0) continue;
    line.totalQuantity -= units;
    line.remainingQuantity -= units;
    created.lineItems.push({
      id: nextId(state, "FulfillmentOrderLineItem"),
      lineItemId: line.lineItemId,
      totalQuantity: units,
      remainingQuantity: units,
    });
  }
  fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
  if (fo.lineItems.every((l) => l.remainingQuantity === 0)) fo.status = "CLOSED";
  fo.updatedAt = at;
  state.fulfillmentOrders.set(created.id, created);
  return created;
}

/** orderCancel: every fulfillment order still open is cancelled and has nothing left to fulfil. */
export function cancelFulfillmentOrders(state: ShopState, order: OrderRec, at: string): void {
  for (const fo of fulfillmentOrdersOf(state, order.id)) {
    if (FINISHED_STATUSES.has(fo.status)) continue;
    fo.status = "CANCELLED";
    for (const line of fo.lineItems) line.remainingQuantity = 0;
    fo.updatedAt = at;
  }
}

/** Units of each line item shipped by successful fulfillments (line item id → units). */
export function fulfilledQuantities(state: ShopState, orderId: number): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const f of state.fulfillments.values()) {
    if (f.orderId !== orderId || f.status !== "SUCCESS") continue;
    for (const l of f.lineItems) shipped.set(l.lineItemId, (shipped.get(l.lineItemId) ?? 0) + l.quantity);
  }
  return shipped;
}

/** Units of each line item that open fulfillment orders can still ship (line item id → units). */
export function fulfillableQuantities(state: ShopState, orderId: number): Map<number, number> {
  const open = new Map<number, number>();
  for (const fo of fulfillmentOrdersOf(state, orderId)) {
    if (!FULFILLABLE_STATUSES.has(fo.status)) continue;
    for (const l of fo.lineItems) open.set(l.lineItemId, (open.get(l.lineItemId) ?? 0) + l.remainingQuantity);
  }
  return open;
}

/**
 * The order's stored fulfillment status (REST `fulfillment_status`, search `fulfillment_status:`):
 * nothing shipped, some shipped, or nothing left to ship.
 */
export function refreshFulfillmentStatus(state: ShopState, order: OrderRec): void {
  const shipped = [...fulfilledQuantities(state, order.id).values()].reduce((s, n) => s + n, 0);
  const ordered = order.lineItems.reduce((s, l) => s + l.quantity, 0);
  const left = fulfillmentOrdersOf(state, order.id)
    .filter((fo) => !FINISHED_STATUSES.has(fo.status))
    .reduce((s, fo) => s + fo.lineItems.reduce((t, l) => t + l.remainingQuantity, 0), 0);
  if (shipped === 0) order.fulfillmentStatus = "UNFULFILLED";
  else if (shipped >= ordered || (!order.cancelledAt && left === 0)) order.fulfillmentStatus = "FULFILLED";
  else order.fulfillmentStatus = "PARTIALLY_FULFILLED";
}

/**
 * `Order.displayFulfillmentStatus`: the stored status once anything shipped; before that, what the
 * fulfillment services made of the requests (declined, or every open unit requested or in progress).
 */
export function displayFulfillmentStatus(state: ShopState, order: OrderRec): string {
  if (order.fulfillmentStatus !== "UNFULFILLED") return order.fulfillmentStatus;
  const live = fulfillmentOrdersOf(state, order.id).filter((fo) => !FINISHED_STATUSES.has(fo.status));
  if (live.some((fo) => fo.requestStatus === "REJECTED")) return "REQUEST_DECLINED";
  const requested = (fo: FulfillmentOrderRec) =>
    fo.status === "IN_PROGRESS" || fo.requestStatus === "SUBMITTED" || fo.requestStatus === "ACCEPTED";
  if (live.length > 0 && live.every(requested)) return "IN_PROGRESS";
  return "UNFULFILLED";
}
