import { requestedQuantities } from "./fulfillment-line-input.ts";
import {
  FULFILLABLE_STATUSES,
  fulfillmentOrdersOf,
  fulfillmentServiceOf,
  refreshFulfillmentStatus,
} from "./fulfillment-orders.ts";
import { idOf } from "./gid.ts";
import { asList, type Input, str, type UserError } from "./input-helpers.ts";
import { shipClaimed } from "./order-stock.ts";
import { fulfillmentPayload, orderPayload } from "./payloads.ts";
import { emit, nextId, type ShopState } from "./shop-state.ts";
import type { FulfillmentOrderRec, FulfillmentRec, OrderRec, OriginAddressRec, TrackingRec } from "./store-types.ts";

/** Which units of which fulfillment orders one fulfillment ships; all of one order and one location. */
export interface FulfillmentPlan {
  order: OrderRec;
  locationId: number | null;
  parts: { fo: FulfillmentOrderRec; quantities: Map<number, number> }[];
}

export interface FulfillmentDetails {
  trackingInfo: TrackingRec[];
  notifyCustomer: boolean;
  message: string | null;
  originAddress: OriginAddressRec | null;
}

/** FulfillmentOriginAddressInput (where the parcel left from), kept as given. */
export function originFromInput(input: Input | null): OriginAddressRec | null {
  if (!input) return null;
  return {
    address1: str(input.address1),
    address2: str(input.address2),
    city: str(input.city),
    countryCode: str(input.countryCode) ?? "",
    provinceCode: str(input.provinceCode),
    zip: str(input.zip),
  };
}

const ROOT = ["fulfillment"];
const GROUPS = ["fulfillment", "lineItemsByFulfillmentOrder"];
// Wording as Shopify answers fulfillmentCreate: most problems are reported on the whole input.
const INVALID_QUANTITY = "Invalid fulfillment order line item quantity requested.";
const NO_ACCESS = "The api_client does not have access to the fulfillment order.";

/**
 * Checks `FulfillmentInput.lineItemsByFulfillmentOrder` for the calling app without changing
 * anything: every fulfillment order must exist, be fulfillable by this app (a fulfillment
 * service's orders only by the app owning the service, and only once it accepted the request),
 * and every quantity must be positive and fit what remains.
 */
export function planFulfillment(
  state: ShopState,
  apiKey: string,
  input: Input,
): { plan: FulfillmentPlan } | { userErrors: UserError[] } {
  const groups = asList(input.lineItemsByFulfillmentOrder);
  const errors: UserError[] = [];
  if (groups.length === 0) {
    return { userErrors: [{ field: GROUPS, message: "Line items by fulfillment order can't be blank" }] };
  }
  const parts = new Map<number, { fo: FulfillmentOrderRec; quantities: Map<number, number> }>();
  groups.forEach((group, i) => {
    const fo = state.fulfillmentOrders.get(idOf(group.fulfillmentOrderId, "FulfillmentOrder") ?? -1);
    if (!fo) {
      errors.push({
        field: [...GROUPS, String(i), "fulfillmentOrderId"],
        message: "Fulfillment order does not exist.",
      });
      return;
    }
    const service = fulfillmentServiceOf(state, fo);
    if (service && service.ownerApiKey !== apiKey) {
      errors.push({ field: ROOT, message: NO_ACCESS });
      return;
    }
    if (!FULFILLABLE_STATUSES.has(fo.status)) {
      errors.push({
        field: ROOT,
        message: `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`,
      });
      return;
    }
    if (service && fo.requestStatus !== "ACCEPTED") {
      errors.push({
        field: ROOT,
        message: `Fulfillment order ${fo.id} has an unfulfillable request status= ${fo.requestStatus.toLowerCase()}.`,
      });
      return;
    }
    // The same fulfillment order named twice counts once, with both lists of lines.
    const previous = parts.get(fo.id);
    const lines = asList(group.fulfillmentOrderLineItems);
    const { quantities, problems } = requestedQuantities(fo, lines);
    for (const p of problems) {
      errors.push(
        p.kind === "nonPositive"
          ? {
              field: [...GROUPS, String(i), "fulfillmentOrderLineItems", String(p.index), "quantity"],
              message: "Quantity must be greater than 0",
            }
          : { field: ROOT, message: INVALID_QUANTITY },
      );
    }
    if (previous) {
      for (const [lineId, units] of quantities) {
        const total = (previous.quantities.get(lineId) ?? 0) + units;
        const line = fo.lineItems.find((l) => l.id === lineId);
        if (line && total > line.remainingQuantity) errors.push({ field: ROOT, message: INVALID_QUANTITY });
        previous.quantities.set(lineId, total);
      }
    } else {
      parts.set(fo.id, { fo, quantities });
    }
  });
  const list = [...parts.values()];
  const orderIds = new Set(list.map((p) => p.fo.orderId));
  const locationIds = new Set(list.map((p) => p.fo.locationId));
  if (orderIds.size > 1) errors.push({ field: ROOT, message: "Fulfillment orders must belong to the same order." });
  else if (locationIds.size > 1) {
    errors.push({ field: ROOT, message: "Fulfillment orders must be assigned to the same location." });
  }
  if (errors.length > 0) return { userErrors: dedupe(errors) };
  const first = list[0]!;
  return {
    plan: { order: state.orders.get(first.fo.orderId)!, locationId: first.fo.locationId, parts: list },
  };
}

function dedupe(errors: UserError[]): UserError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Ships a checked plan: fulfillment order lines lose the units, each fulfillment order closes when
 * nothing remains (else it is in progress), and the order's fulfillment status and updatedAt follow.
 * Announces nothing; callers decide which webhooks go out.
 */
export function applyFulfillment(
  state: ShopState,
  plan: FulfillmentPlan,
  details: FulfillmentDetails,
  at: string,
): FulfillmentRec {
  const shipped = new Map<number, number>();
  for (const { fo, quantities } of plan.parts) {
    for (const line of fo.lineItems) {
      const units = quantities.get(line.id) ?? 0;
      if (units <= 0) continue;
      line.remainingQuantity -= units;
      shipped.set(line.lineItemId, (shipped.get(line.lineItemId) ?? 0) + units);
    }
    fo.status = fo.lineItems.every((l) => l.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
    fo.updatedAt = at;
  }
  const { order } = plan;
  const earlier = [...state.fulfillments.values()].filter((f) => f.orderId === order.id).length;
  const rec: FulfillmentRec = {
    id: nextId(state, "Fulfillment"),
    orderId: order.id,
    name: `${order.name}-F${earlier + 1}`,
    status: "SUCCESS",
    locationId: plan.locationId,
    fulfillmentOrderIds: plan.parts.map((p) => p.fo.id),
    lineItems: order.lineItems
      .filter((l) => shipped.has(l.id))
      .map((l) => ({ id: nextId(state, "FulfillmentLineItem"), lineItemId: l.id, quantity: shipped.get(l.id)! })),
    trackingInfo: details.trackingInfo,
    notifyCustomer: details.notifyCustomer,
    message: details.message,
    originAddress: details.originAddress,
    createdAt: at,
    updatedAt: at,
  };
  state.fulfillments.set(rec.id, rec);
  shipClaimed(state, order, plan.locationId, shipped, at);
  refreshFulfillmentStatus(state, order);
  order.updatedAt = at;
  return rec;
}

/**
 * Ships every remaining unit of the order, one fulfillment per location: for orders created as
 * already fulfilled, and for old snapshots whose orders were marked fulfilled.
 */
export function fulfillEverything(
  state: ShopState,
  order: OrderRec,
  details: FulfillmentDetails,
  at: string,
): FulfillmentRec[] {
  const made: FulfillmentRec[] = [];
  for (const fo of fulfillmentOrdersOf(state, order.id)) {
    if (!FULFILLABLE_STATUSES.has(fo.status)) continue;
    const quantities = new Map(fo.lineItems.map((l) => [l.id, l.remainingQuantity]));
    made.push(applyFulfillment(state, { order, locationId: fo.locationId, parts: [{ fo, quantities }] }, details, at));
  }
  return made;
}

/**
 * The webhooks Shopify sends for a new fulfillment: fulfillments/create, orders/fulfilled or
 * orders/partially_fulfilled, then orders/updated carrying the new fulfillment_status.
 */
export function announceFulfillment(state: ShopState, order: OrderRec, fulfillment: FulfillmentRec): void {
  emit(state, "fulfillments/create", fulfillmentPayload(state, fulfillment));
  const payload = orderPayload(state, order);
  if (order.fulfillmentStatus === "FULFILLED") emit(state, "orders/fulfilled", payload);
  else emit(state, "orders/partially_fulfilled", payload);
  emit(state, "orders/updated", payload);
}
