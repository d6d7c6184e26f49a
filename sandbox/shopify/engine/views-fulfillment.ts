import { type ConnectionArgs, mapConnection, paginateList } from "./connection.ts";
import type { Lazy } from "./field-resolver.ts";
import { FINISHED_STATUSES, fulfillmentOrdersOf, fulfillmentServiceOf } from "./fulfillment-orders.ts";
import { gid, idOf } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type {
  FulfillmentLineItemRec,
  FulfillmentOrderLineItemRec,
  FulfillmentOrderRec,
  FulfillmentRec,
  LocationRec,
  OrderRec,
} from "./store-types.ts";
import { fulfillmentServiceView, locationView, variantView } from "./views-catalog.ts";
import { lineItemView, orderMoney } from "./views-line-item.ts";
import { orderView } from "./views-order.ts";

const count = (n: number) => ({ __typename: "Count", count: n, precision: "EXACT" });

/**
 * What the caller may do next with a fulfillment order (`supportedActions`). Merchant locations
 * fulfil and move; a fulfillment service's orders are requested first, and only the app owning
 * the service fulfils them once it accepted.
 */
export function supportedActions(state: ShopState, fo: FulfillmentOrderRec, apiKey: string): string[] {
  if (FINISHED_STATUSES.has(fo.status)) return [];
  const remaining = fo.lineItems.reduce((s, l) => s + l.remainingQuantity, 0);
  const split = remaining > 1 ? ["SPLIT"] : [];
  const service = fulfillmentServiceOf(state, fo);
  if (!service) return ["CREATE_FULFILLMENT", "MOVE", "HOLD", ...split];
  switch (fo.requestStatus) {
    case "UNSUBMITTED":
    case "REJECTED":
      return ["REQUEST_FULFILLMENT", "MOVE", "HOLD", ...split];
    case "ACCEPTED":
      return service.ownerApiKey === apiKey ? ["CREATE_FULFILLMENT"] : ["REQUEST_CANCELLATION"];
    case "SUBMITTED":
      return ["REQUEST_CANCELLATION"];
    default:
      return [];
  }
}

function assignedLocationView(state: ShopState, location: LocationRec | undefined): object {
  const a = location?.address;
  return {
    __typename: "FulfillmentOrderAssignedLocation",
    name: location?.name ?? state.info.name,
    address1: a?.address1 ?? null,
    address2: a?.address2 ?? null,
    city: a?.city ?? null,
    province: a?.provinceCode ?? a?.province ?? null,
    zip: a?.zip ?? null,
    phone: a?.phone ?? null,
    countryCode: a?.countryCode ?? "US",
    location: () => (location ? locationView(state, location) : null),
  };
}

function destinationView(fo: FulfillmentOrderRec, order: OrderRec): object | null {
  const a = order.shippingAddress;
  if (!a) return null;
  return {
    __typename: "FulfillmentOrderDestination",
    id: gid("FulfillmentOrderDestination", fo.id),
    firstName: a.firstName,
    lastName: a.lastName,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.provinceCode ?? a.province,
    zip: a.zip,
    countryCode: a.countryCode,
    phone: a.phone,
    email: order.email,
    location: null,
  };
}

/** RETAIL for a POS sale, SHIPPING when a rate was chosen or a line ships, otherwise NONE. */
function deliveryMethodView(fo: FulfillmentOrderRec, order: OrderRec): object {
  const shipping = order.shippingLines[0];
  const ships =
    shipping !== undefined ||
    fo.lineItems.some((l) => order.lineItems.find((li) => li.id === l.lineItemId)?.requiresShipping);
  return {
    __typename: "DeliveryMethod",
    id: gid("DeliveryMethod", fo.id),
    methodType: order.retailLocationId !== null ? "RETAIL" : ships ? "SHIPPING" : "NONE",
    presentedName: shipping?.title ?? null,
    serviceCode: shipping?.code ?? null,
    sourceReference: null,
    minDeliveryDateTime: null,
    maxDeliveryDateTime: null,
    additionalInformation: null,
    brandedPromise: null,
  };
}

export function fulfillmentOrderLineItemView(state: ShopState, order: OrderRec, line: FulfillmentOrderLineItemRec) {
  const li = order.lineItems.find((l) => l.id === line.lineItemId);
  const variant = li?.variantId == null ? undefined : state.variants.get(li.variantId);
  const { bag } = orderMoney(order);
  return {
    __typename: "FulfillmentOrderLineItem",
    id: gid("FulfillmentOrderLineItem", line.id),
    totalQuantity: line.totalQuantity,
    remainingQuantity: line.remainingQuantity,
    sku: li?.sku ?? null,
    productTitle: li?.title ?? "",
    variantTitle: li?.variantTitle ?? null,
    vendor: li?.vendor ?? null,
    requiresShipping: li?.requiresShipping ?? true,
    inventoryItemId: variant ? gid("InventoryItem", variant.inventoryItemId) : null,
    originalUnitPriceSet: bag(li?.unitPrice ?? 0),
    image: null,
    weight: null,
    warnings: [],
    lineItem: () => (li ? lineItemView(state, order, li) : null),
    variant: () => (variant ? variantView(state, variant) : null),
  };
}

function listConnection<T>(items: T[], args: Record<string, unknown>, id: (item: T) => number, view: (t: T) => object) {
  return mapConnection(paginateList(items, args as ConnectionArgs, id), view);
}

export function fulfillmentOrderView(state: ShopState, fo: FulfillmentOrderRec): object {
  const order = state.orders.get(fo.orderId)!;
  const location = fo.locationId === null ? undefined : state.locations.get(fo.locationId);
  const lineView = (l: FulfillmentOrderLineItemRec) => fulfillmentOrderLineItemView(state, order, l);
  const actions: Lazy<object[]> = (_args, ctx) =>
    supportedActions(state, fo, ctx.apiKey).map((action) => ({
      __typename: "FulfillmentOrderSupportedAction",
      action,
      externalUrl: null,
    }));
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status,
    requestStatus: fo.requestStatus,
    createdAt: fo.createdAt,
    updatedAt: fo.updatedAt,
    orderId: gid("Order", order.id),
    orderName: order.name,
    orderProcessedAt: order.processedAt,
    order: () => orderView(state, order),
    channelId: null,
    fulfillAt: null,
    fulfillBy: null,
    fulfillmentHolds: [],
    internationalDuties: null,
    remainingLineItemsWeight: null,
    assignedLocation: assignedLocationView(state, location),
    destination: destinationView(fo, order),
    deliveryMethod: deliveryMethodView(fo, order),
    supportedActions: actions,
    lineItems: (args: Record<string, unknown>) => listConnection(fo.lineItems, args, (l) => l.id, lineView),
    fulfillments: (args: Record<string, unknown>) =>
      listConnection(
        [...state.fulfillments.values()].filter((f) => f.fulfillmentOrderIds.includes(fo.id)),
        args,
        (f) => f.id,
        (f) => fulfillmentView(state, f),
      ),
    merchantRequests: (args: Record<string, unknown>) =>
      listConnection(
        fo.merchantRequests.filter((r) => !args.kind || r.kind === args.kind),
        args,
        (r) => r.id,
        (r) => ({
          __typename: "FulfillmentOrderMerchantRequest",
          id: gid("FulfillmentOrderMerchantRequest", r.id),
          kind: r.kind,
          message: r.message,
          sentAt: r.sentAt,
          requestOptions: { notify_customer: r.notifyCustomer },
          responseData: r.responseData,
          fulfillmentOrder: () => fulfillmentOrderView(state, fo),
        }),
      ),
    locationsForMove: (args: Record<string, unknown>) => {
      const wanted = Array.isArray(args.locationIds) ? args.locationIds.map((id) => idOf(id, "Location")) : null;
      const movable = !FINISHED_STATUSES.has(fo.status) && ["UNSUBMITTED", "REJECTED"].includes(fo.requestStatus);
      const open = fo.lineItems.filter((l) => l.remainingQuantity > 0);
      const candidates = [...state.locations.values()].filter(
        (l) => l.isActive && l.id !== fo.locationId && (!wanted || wanted.includes(l.id)),
      );
      return listConnection(
        candidates,
        args,
        (l) => l.id,
        (l) => ({
          __typename: "FulfillmentOrderLocationForMove",
          location: locationView(state, l),
          movable,
          message: movable ? null : "Fulfillment order can't be moved in its current state.",
          availableLineItems: (a: Record<string, unknown>) =>
            listConnection(movable ? open : [], a, (x) => x.id, lineView),
          unavailableLineItems: (a: Record<string, unknown>) =>
            listConnection(movable ? [] : open, a, (x) => x.id, lineView),
          availableLineItemsCount: count(movable ? open.length : 0),
          unavailableLineItemsCount: count(movable ? 0 : open.length),
        }),
      );
    },
  };
}

export function fulfillmentLineItemView(state: ShopState, order: OrderRec, line: FulfillmentLineItemRec): object {
  const li = order.lineItems.find((l) => l.id === line.lineItemId);
  const { bag } = orderMoney(order);
  const unit = li ? li.unitPrice : 0;
  const unitAfterDiscounts = li ? Math.round((li.unitPrice * li.quantity - li.discount) / li.quantity) : 0;
  return {
    __typename: "FulfillmentLineItem",
    id: gid("FulfillmentLineItem", line.id),
    quantity: line.quantity,
    originalTotalSet: bag(unit * line.quantity),
    discountedTotalSet: bag(unitAfterDiscounts * line.quantity),
    lineItem: () => (li ? lineItemView(state, order, li) : null),
  };
}

export function fulfillmentView(state: ShopState, f: FulfillmentRec): object {
  const order = state.orders.get(f.orderId)!;
  const location = f.locationId === null ? undefined : state.locations.get(f.locationId);
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === "CANCELLED" ? "CANCELED" : "FULFILLED",
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    deliveredAt: null,
    estimatedDeliveryAt: null,
    inTransitAt: null,
    totalQuantity: f.lineItems.reduce((s, l) => s + l.quantity, 0),
    requiresShipping: f.lineItems.some((l) => order.lineItems.find((li) => li.id === l.lineItemId)?.requiresShipping),
    location: () => (location ? locationView(state, location) : null),
    // Merchant-managed locations have Shopify's "manual" service, which the sandbox does not model.
    service: () => (location?.fulfillmentService ? fulfillmentServiceView(state, location) : null),
    originAddress: f.originAddress ? { __typename: "FulfillmentOriginAddress", ...f.originAddress } : null,
    order: () => orderView(state, order),
    trackingInfo: (args: Record<string, unknown>) =>
      f.trackingInfo
        .slice(0, typeof args.first === "number" ? args.first : undefined)
        .map((t) => ({ __typename: "FulfillmentTrackingInfo", ...t })),
    fulfillmentLineItems: (args: Record<string, unknown>) =>
      listConnection(
        f.lineItems,
        args,
        (l) => l.id,
        (l) => fulfillmentLineItemView(state, order, l),
      ),
    fulfillmentOrders: (args: Record<string, unknown>) =>
      listConnection(
        fulfillmentOrdersOf(state, f.orderId).filter((fo) => f.fulfillmentOrderIds.includes(fo.id)),
        args,
        (fo) => fo.id,
        (fo) => fulfillmentOrderView(state, fo),
      ),
  };
}
