import type { Lazy } from "./field-resolver.ts";
import { fulfillEverything, originFromInput } from "./fulfillment-create.ts";
import {
  assignLocations,
  cancelFulfillmentOrders,
  fulfilledQuantities,
  openFulfillmentOrders,
  refreshFulfillmentStatus,
} from "./fulfillment-orders.ts";
import { gid, idOf } from "./gid.ts";
import {
  addressFromInput,
  asInput,
  asList,
  type Input,
  normalizeTags,
  str,
  upsertMetafields,
  type UserError,
} from "./input-helpers.ts";
import { buildOrder } from "./order-build.ts";
import { claimInventory, releaseClaims } from "./order-stock.ts";
import { fulfillmentPayload, orderPayload, productPayload } from "./payloads.ts";
import { customerPayload } from "./payloads-customer.ts";
import { bookTransaction } from "./payments-ledger.ts";
import { createRefund } from "./refund-build.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { OrderRec } from "./store-types.ts";
import { trackingFromInput } from "./tracking-urls.ts";
import { refundableOf, toPresentmentCents } from "./transactions.ts";
import { productView } from "./views-catalog.ts";
import { customerView } from "./views-customer.ts";
import { orderView } from "./views-order.ts";

/**
 * Stores a built order with its fulfillment orders and announces it: Shopify sends orders/create
 * and then orders/updated. An order created as fulfilled (`fulfillmentStatus: FULFILLED`, or a
 * `fulfillment` at a location) is shipped at once, and its fulfillments are announced too.
 */
export function createOrder(
  state: ShopState,
  input: Input,
  options: Input | null,
): { order: OrderRec | null; userErrors: UserError[] } {
  const shippedFrom = asInput(input.fulfillment);
  const pinned = shippedFrom ? idOf(shippedFrom.locationId, "Location") : null;
  if (shippedFrom && (pinned === null || !state.locations.has(pinned))) {
    const field = ["order", "fulfillment", "locationId"];
    return { order: null, userErrors: [{ field, message: "Location does not exist", code: "INVALID" }] };
  }
  const built = buildOrder(state, input);
  if ("userErrors" in built) return { order: null, userErrors: built.userErrors };
  const { order } = built;
  // A POS sale names its store through the fulfillment's location.
  if (str(input.sourceName) === "pos" && pinned !== null) order.retailLocationId = pinned;
  const assignment = assignLocations(state, order, pinned);
  const behaviour = str(options?.inventoryBehaviour) ?? "BYPASS";
  if (behaviour !== "BYPASS") {
    const error = claimInventory(state, order, assignment, behaviour === "DECREMENT_OBEYING_POLICY");
    if (error) return { order: null, userErrors: [error] };
  }
  state.orders.set(order.id, order);
  // Shopify Payments money the order took at checkout waits in the payments balance for a payout.
  // Its transactions are not announced as order_transactions/create: the sandbox sends that topic
  // only for transactions made on an existing order (capture, void, refund).
  for (const t of order.transactions) bookTransaction(state, order, t);
  openFulfillmentOrders(state, order, assignment, order.createdAt);
  const fulfillments =
    shippedFrom || str(input.fulfillmentStatus) === "FULFILLED"
      ? fulfillEverything(
          state,
          order,
          {
            trackingInfo: trackingFromInput(
              shippedFrom && {
                company: shippedFrom.trackingCompany,
                number: shippedFrom.trackingNumber,
                numbers: shippedFrom.trackingNumbers,
              },
            ),
            notifyCustomer: shippedFrom?.notifyCustomer === true,
            message: null,
            originAddress: originFromInput(asInput(shippedFrom?.originAddress)),
          },
          order.createdAt,
        )
      : [];
  const payload = orderPayload(state, order);
  emit(state, "orders/create", payload);
  emit(state, "orders/updated", payload);
  for (const f of fulfillments) emit(state, "fulfillments/create", fulfillmentPayload(state, f));
  return { order, userErrors: [] };
}

function touchOrder(state: ShopState, order: OrderRec): void {
  order.updatedAt = stamp(state);
  emit(state, "orders/updated", orderPayload(state, order));
}

function findOrder(state: ShopState, id: unknown): OrderRec | undefined {
  return state.orders.get(idOf(id, "Order") ?? -1);
}

export const orderMutations: Record<string, Lazy<unknown>> = {
  orderCreate: (args, { state }) => {
    const { order, userErrors } = createOrder(state, asInput(args.order) ?? {}, asInput(args.options));
    return { order: order ? orderView(state, order) : null, userErrors };
  },
  orderUpdate: (args, { state }) => {
    const input = asInput(args.input) ?? {};
    const order = findOrder(state, input.id);
    if (!order) return { order: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
    if (input.email !== undefined) order.email = str(input.email);
    if (input.phone !== undefined) order.phone = str(input.phone);
    if (input.note !== undefined) order.note = str(input.note);
    if (input.poNumber !== undefined) order.poNumber = str(input.poNumber);
    if (input.tags !== undefined) order.tags = normalizeTags(input.tags);
    if (input.customAttributes !== undefined) {
      order.customAttributes = asList(input.customAttributes).map((a) => ({
        key: str(a.key) ?? "",
        value: str(a.value) ?? "",
      }));
    }
    if (input.shippingAddress !== undefined) order.shippingAddress = addressFromInput(state, input.shippingAddress);
    upsertMetafields(state, order.metafields, asList(input.metafields), stamp(state));
    touchOrder(state, order);
    return { order: orderView(state, order), userErrors: [] };
  },
  orderCancel: (args, { state }) => {
    const order = findOrder(state, args.orderId);
    const fail = (message: string, code: string) => ({
      job: null,
      orderCancelUserErrors: [{ field: ["orderId"], message, code }],
      userErrors: [],
    });
    if (!order) return fail("Order does not exist", "NOT_FOUND");
    if (order.cancelledAt) return fail("Order has already been cancelled", "INVALID");
    const at = stamp(state);
    order.cancelledAt = at;
    order.cancelReason = str(args.reason) ?? "OTHER";
    order.closedAt = order.closedAt ?? at;
    if (args.staffNote) order.note = [order.note, String(args.staffNote)].filter(Boolean).join("\n");
    // Units already shipped stay on the order; the rest is removed and nothing is left to fulfil.
    const shipped = fulfilledQuantities(state, order.id);
    for (const line of order.lineItems) line.currentQuantity = shipped.get(line.id) ?? 0;
    // `restock: false` keeps nothing for the store: the held units leave on_hand with the order.
    releaseClaims(state, order, args.restock !== false, at);
    cancelFulfillmentOrders(state, order, at);
    refreshFulfillmentStatus(state, order);
    order.updatedAt = at;
    if (args.refund === true || asInput(args.refundMethod)?.originalPaymentMethodsRefund === true) {
      refundEverything(state, order);
    }
    const payload = orderPayload(state, order);
    emit(state, "orders/cancelled", payload);
    emit(state, "orders/updated", payload);
    return {
      job: { __typename: "Job", id: gid("Job", order.id), done: true },
      orderCancelUserErrors: [],
      userErrors: [],
    };
  },
  orderClose: (args, { state }) => setClosed(state, asInput(args.input)?.id, true),
  orderOpen: (args, { state }) => setClosed(state, asInput(args.input)?.id, false),
  tagsAdd: (args, { state }) => changeTags(state, args, (tags, change) => [...new Set([...tags, ...change])]),
  tagsRemove: (args, { state }) => changeTags(state, args, (tags, change) => tags.filter((t) => !change.includes(t))),
};

/**
 * orderCancel with a refund: what every payment can still give back is refunded to it (the
 * lines were already taken off the order by the cancel, so the refund carries only the money).
 */
function refundEverything(state: ShopState, order: OrderRec): void {
  const transactions = order.transactions
    .filter((t) => refundableOf(order, t) > 0)
    .map((t) => ({
      amount: toPresentmentCents(order, refundableOf(order, t)),
      gateway: t.gateway,
      kind: "REFUND",
      parentId: gid("OrderTransaction", t.id),
    }));
  if (transactions.length === 0) return;
  createRefund(state, order, {
    note: null,
    currency: order.presentmentCurrency,
    processedAt: null,
    allowOverRefunding: false,
    lines: [],
    shipping: null,
    transactions,
    returnId: null,
  });
}

/** orderClose/orderOpen: an archived order keeps when it was closed; reopening forgets it. */
function setClosed(state: ShopState, id: unknown, closed: boolean): object {
  const order = findOrder(state, id);
  if (!order) return { order: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
  const at = stamp(state);
  order.closedAt = closed ? (order.closedAt ?? at) : null;
  order.updatedAt = at;
  emit(state, "orders/updated", orderPayload(state, order));
  return { order: orderView(state, order), userErrors: [] };
}

/** tagsAdd/tagsRemove work on orders, products and customers. */
function changeTags(
  state: ShopState,
  args: Record<string, unknown>,
  apply: (tags: string[], change: string[]) => string[],
): object {
  const change = normalizeTags(args.tags);
  const order = findOrder(state, args.id);
  if (order) {
    order.tags = apply(order.tags, change);
    touchOrder(state, order);
    return { node: orderView(state, order), userErrors: [] };
  }
  const product = state.products.get(idOf(args.id, "Product") ?? -1);
  if (product) {
    product.tags = apply(product.tags, change);
    product.updatedAt = stamp(state);
    emit(state, "products/update", productPayload(state, product));
    return { node: productView(state, product), userErrors: [] };
  }
  const customer = state.customers.get(idOf(args.id, "Customer") ?? -1);
  if (customer) {
    customer.tags = apply(customer.tags, change);
    customer.updatedAt = stamp(state);
    emit(state, "customers/update", customerPayload(state, customer));
    return { node: customerView(state, customer), userErrors: [] };
  }
  return { node: null, userErrors: [{ field: ["id"], message: "Resource does not exist" }] };
}
