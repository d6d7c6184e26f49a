import type { SandboxFulfillment, SandboxFulfillmentService } from "../contracts.ts";
import { gid, idOf } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type { FulfillmentRec, FulfillmentServiceRec, LocationRec } from "./store-types.ts";

/**
 * Read-outs for tests through the control API: what Shopify knows but does not show every app
 * (a fulfillment's `message`, whether the customer was to be notified).
 */

/** "1001", 1001 or "gid://shopify/Order/1001". */
export function orderIdFrom(value: string | number): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  if (/^\d+$/.test(value)) return Number(value);
  return idOf(value, "Order");
}

export function fulfillmentFacts(state: ShopState, orderId: string | number): SandboxFulfillment[] | null {
  const order = state.orders.get(orderIdFrom(orderId) ?? -1);
  if (!order) return null;
  return [...state.fulfillments.values()]
    .filter((f) => f.orderId === order.id)
    .sort((a, b) => a.id - b.id)
    .map((f) => fulfillmentFact(state, f));
}

function fulfillmentFact(state: ShopState, f: FulfillmentRec): SandboxFulfillment {
  const order = state.orders.get(f.orderId);
  return {
    id: gid("Fulfillment", f.id),
    name: f.name,
    status: f.status,
    orderId: gid("Order", f.orderId),
    locationId: f.locationId === null ? null : gid("Location", f.locationId),
    fulfillmentOrderIds: f.fulfillmentOrderIds.map((id) => gid("FulfillmentOrder", id)),
    notifyCustomer: f.notifyCustomer,
    message: f.message,
    trackingInfo: f.trackingInfo.map((t) => ({ ...t })),
    lineItems: f.lineItems.map((l) => ({
      id: gid("FulfillmentLineItem", l.id),
      lineItemId: gid("LineItem", l.lineItemId),
      sku: order?.lineItems.find((li) => li.id === l.lineItemId)?.sku ?? null,
      quantity: l.quantity,
    })),
    originAddress: f.originAddress ? { ...f.originAddress } : null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}

export function fulfillmentServiceFact(
  service: FulfillmentServiceRec,
  location: LocationRec,
): SandboxFulfillmentService {
  return {
    id: gid("FulfillmentService", service.id),
    handle: service.handle,
    serviceName: service.serviceName,
    ownerApiKey: service.ownerApiKey,
    locationId: gid("Location", location.id),
  };
}
