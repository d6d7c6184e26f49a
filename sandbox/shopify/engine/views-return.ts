import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { filterBySearch, type SearchSpec } from "./search-query.ts";
import type { ShopState } from "./shop-state.ts";
import type { FulfillmentLineItemRec, FulfillmentRec, OrderRec } from "./store-types.ts";
import type { ReturnLineItemRec, ReturnRec } from "./store-types-money.ts";
import { locationView } from "./views-catalog.ts";
import { fulfillmentLineItemView, fulfillmentView } from "./views-fulfillment.ts";
import { orderView } from "./views-order.ts";
import { orderBag, refundView, suggestedRefundView } from "./views-refund.ts";
import { transactionView } from "./views-transaction.ts";

export function returnsOf(state: ShopState, orderId: number): ReturnRec[] {
  return [...state.returns.values()].filter((r) => r.orderId === orderId).sort((a, b) => a.id - b.id);
}

export function fulfillmentLineOf(
  state: ShopState,
  orderId: number,
  id: number,
): { line: FulfillmentLineItemRec; fulfillmentId: number } | null {
  for (const f of state.fulfillments.values()) {
    if (f.orderId !== orderId) continue;
    const line = f.lineItems.find((l) => l.id === id);
    if (line) return { line, fulfillmentId: f.id };
  }
  return null;
}

/** Units of each fulfillment line already in a return that is not cancelled or declined (fulfillment line id → units). */
export function unitsInReturns(state: ShopState, orderId: number): Map<number, number> {
  const units = new Map<number, number>();
  for (const r of returnsOf(state, orderId)) {
    if (r.status === "CANCELED" || r.status === "DECLINED") continue;
    for (const l of r.lineItems) {
      units.set(l.fulfillmentLineItemId, (units.get(l.fulfillmentLineItemId) ?? 0) + l.quantity);
    }
  }
  return units;
}

function returnableFulfillmentView(state: ShopState, f: FulfillmentRec): object | null {
  const order = state.orders.get(f.orderId);
  if (!order || f.status !== "SUCCESS") return null;
  const taken = unitsInReturns(state, order.id);
  const lines = f.lineItems
    .map((line) => ({ line, quantity: line.quantity - (taken.get(line.id) ?? 0) }))
    .filter((x) => x.quantity > 0);
  if (lines.length === 0) return null;
  return {
    __typename: "ReturnableFulfillment",
    id: gid("ReturnableFulfillment", f.id),
    fulfillment: () => fulfillmentView(state, f),
    returnableFulfillmentLineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(lines, args as ConnectionArgs, (x) => x.line.id),
        (x) => ({
          __typename: "ReturnableFulfillmentLineItem",
          quantity: x.quantity,
          fulfillmentLineItem: () => fulfillmentLineItemView(state, order, x.line),
        }),
      ),
  };
}

/** What of an order's shipments can still be returned (units not already in an open or requested return). */
export const returnQueries: Record<string, Lazy<unknown>> = {
  returnableFulfillments: (args, { state }) => {
    const orderId = idOf(args.orderId, "Order");
    const list = [...state.fulfillments.values()]
      .filter((f) => f.orderId === orderId)
      .sort((a, b) => a.id - b.id)
      .flatMap((f) => {
        const view = returnableFulfillmentView(state, f);
        return view ? [{ id: f.id, view }] : [];
      });
    return mapConnection(
      paginateList(list, args as ConnectionArgs, (x) => x.id),
      (x) => x.view,
    );
  },
  reverseFulfillmentOrder: (args, { state }) => {
    const r = state.returns.get(idOf(args.id, "ReverseFulfillmentOrder") ?? -1);
    const order = r ? state.orders.get(r.orderId) : undefined;
    return r && order ? reverseFulfillmentOrderView(state, order, r, () => orderView(state, order)) : null;
  },
  returnableFulfillment: (args, { state }) => {
    const f = state.fulfillments.get(idOf(args.id, "ReturnableFulfillment") ?? -1);
    return f ? returnableFulfillmentView(state, f) : null;
  },
};

const returnSpec: SearchSpec<ReturnRec> = {
  text: (r) => r.name,
  fields: { id: (r) => r.id, status: (r) => r.status.toLowerCase() },
};

export function returnsConnection(
  state: ShopState,
  order: OrderRec,
  args: Record<string, unknown>,
  orderView: () => object,
): object {
  const list = filterBySearch(returnsOf(state, order.id), args.query as string | null, returnSpec);
  return mapConnection(
    paginate(list, args as ConnectionArgs, (r) => ({ id: r.id, value: r.id })),
    (r) => returnView(state, order, r, orderView),
  );
}

/** `Order.returnStatus`: the state of the order's returns taken together. */
export function orderReturnStatus(state: ShopState, order: OrderRec): string {
  const live = returnsOf(state, order.id).filter((r) => r.status !== "CANCELED" && r.status !== "DECLINED");
  if (live.length === 0) return "NO_RETURN";
  if (live.some((r) => r.status === "OPEN")) return "IN_PROGRESS";
  if (live.some((r) => r.status === "REQUESTED")) return "RETURN_REQUESTED";
  return "RETURNED";
}

function returnLineItemView(state: ShopState, order: OrderRec, r: ReturnRec, l: ReturnLineItemRec): object {
  const bag = orderBag(order);
  const found = fulfillmentLineOf(state, order.id, l.fulfillmentLineItemId);
  const line = order.lineItems.find((x) => x.id === l.lineItemId);
  const unit = line ? Math.round((line.unitPrice * line.quantity - line.discount) / Math.max(1, line.quantity)) : 0;
  const processable = r.status === "OPEN" ? l.quantity - l.processedQuantity : 0;
  return {
    __typename: "ReturnLineItem",
    id: gid("ReturnLineItem", l.id),
    quantity: l.quantity,
    processedQuantity: l.processedQuantity,
    processableQuantity: processable,
    unprocessedQuantity: l.quantity - l.processedQuantity,
    refundedQuantity: l.refundedQuantity,
    refundableQuantity: Math.max(0, l.quantity - l.refundedQuantity),
    returnReason: l.returnReason,
    returnReasonNote: l.returnReasonNote,
    returnReasonDefinition: null,
    customerNote: l.customerNote,
    restockingFee: null,
    totalWeight: null,
    withCodeDiscountedTotalPriceSet: bag(unit * l.quantity),
    fulfillmentLineItem: () => (found ? fulfillmentLineItemView(state, order, found.line) : null),
  };
}

export function returnView(state: ShopState, order: OrderRec, r: ReturnRec, orderView: () => object): object {
  const refunds = () => [...state.refunds.values()].filter((x) => x.returnId === r.id).sort((a, b) => a.id - b.id);
  const lines = (args: Record<string, unknown>) => {
    let list = r.lineItems;
    if (args.processingStatus === "PROCESSED") list = list.filter((l) => l.processedQuantity > 0);
    if (args.processingStatus === "PROCESSABLE") list = list.filter((l) => l.processedQuantity < l.quantity);
    return list;
  };
  return {
    __typename: "Return",
    id: gid("Return", r.id),
    name: r.name,
    status: r.status,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    requestApprovedAt: r.requestApprovedAt,
    decline: r.decline ? { __typename: "ReturnDecline", reason: r.decline.reason, note: r.decline.note } : null,
    totalQuantity: r.lineItems.reduce((s, l) => s + l.quantity, 0),
    order: orderView,
    staffMember: null,
    returnShippingFees: [],
    returnLineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(lines(args), args as ConnectionArgs, (l) => l.id),
        (l) => returnLineItemView(state, order, r, l),
      ),
    exchangeLineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList([] as { id: number }[], args as ConnectionArgs, (x) => x.id),
        (x) => x,
      ),
    refunds: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(refunds(), args as ConnectionArgs, (x) => x.id),
        (x) => refundView(state, order, x, orderView),
      ),
    transactions: (args: Record<string, unknown>) => {
      const ids = new Set(refunds().flatMap((x) => x.transactionIds));
      return mapConnection(
        paginateList(
          order.transactions.filter((t) => ids.has(t.id)),
          args as ConnectionArgs,
          (t) => t.id,
        ),
        (t) => transactionView(state, order, t, orderView),
      );
    },
    // The sandbox keeps one reverse fulfillment order per return, its lines numbered as the return's lines.
    reverseFulfillmentOrders: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList([r], args as ConnectionArgs, (x) => x.id),
        (x) => reverseFulfillmentOrderView(state, order, x, orderView),
      ),
    suggestedFinancialOutcome: (args: Record<string, unknown>) => suggestedOutcome(state, order, r, args, orderView),
    suggestedRefund: null,
  };
}

/** A return's reverse fulfillment order: one per return in the sandbox, with the return's id. */
export function reverseFulfillmentOrderView(
  state: ShopState,
  order: OrderRec,
  r: ReturnRec,
  orderView: () => object,
): object {
  return {
    __typename: "ReverseFulfillmentOrder",
    id: gid("ReverseFulfillmentOrder", r.id),
    status: r.status === "OPEN" || r.status === "REQUESTED" ? "OPEN" : r.status === "CLOSED" ? "CLOSED" : "CANCELED",
    order: orderView,
    thirdPartyConfirmation: null,
    reverseDeliveries: (a: Record<string, unknown>) =>
      mapConnection(
        paginateList([] as { id: number }[], a as ConnectionArgs, (d) => d.id),
        (d) => d,
      ),
    lineItems: (a: Record<string, unknown>) =>
      mapConnection(
        paginateList(r.lineItems, a as ConnectionArgs, (l) => l.id),
        (l) => ({
          __typename: "ReverseFulfillmentOrderLineItem",
          id: gid("ReverseFulfillmentOrderLineItem", l.id),
          totalQuantity: l.quantity,
          dispositions: l.dispositions.map((d) => {
            const location = d.locationId === null ? undefined : state.locations.get(d.locationId);
            return {
              __typename: "ReverseFulfillmentOrderDisposition",
              id: gid("ReverseFulfillmentOrderDisposition", d.id),
              type: d.type,
              quantity: d.quantity,
              createdAt: d.createdAt,
              location: () => (location ? locationView(state, location) : null),
            };
          }),
          fulfillmentLineItem: () => {
            const found = fulfillmentLineOf(state, order.id, l.fulfillmentLineItemId);
            return found ? fulfillmentLineItemView(state, order, found.line) : null;
          },
        }),
      ),
  };
}

/**
 * `Return.suggestedFinancialOutcome`: what refunding these return lines (and shipping) would give
 * back, priced like Order.suggestedRefund; the sandbox has no exchanges, so it is always a refund.
 */
function suggestedOutcome(
  state: ShopState,
  order: OrderRec,
  r: ReturnRec,
  args: Record<string, unknown>,
  orderView: () => object,
): object {
  const lines = (
    Array.isArray(args.returnLineItems) ? (args.returnLineItems as Record<string, unknown>[]) : []
  ).flatMap((input) => {
    const line = r.lineItems.find((l) => l.id === idOf(input.id, "ReturnLineItem"));
    return line
      ? [{ lineItemId: gid("LineItem", line.lineItemId), quantity: Number(input.quantity), restockType: "RETURN" }]
      : [];
  });
  const shipping = (args.refundShipping ?? null) as Record<string, unknown> | null;
  const amount = (shipping?.shippingRefundAmount as Record<string, unknown> | undefined)?.amount;
  const suggested = suggestedRefundView(
    state,
    order,
    {
      refundLineItems: lines,
      refundShipping: shipping?.fullRefund === true,
      ...(amount === undefined ? {} : { shippingAmount: amount }),
    },
    orderView,
  ) as Record<string, unknown>;
  return {
    __typename: "SuggestedReturnFinancialOutcome",
    discountedSubtotal: suggested.discountedSubtotalSet,
    maximumRefundable: suggested.maximumRefundableSet,
    refundDuties: [],
    shipping: suggested.shipping,
    totalAdditionalFees: suggested.totalDutiesSet,
    totalCartDiscountAmount: suggested.totalCartDiscountAmountSet,
    totalDuties: suggested.totalDutiesSet,
    totalTax: suggested.totalTaxSet,
    financialTransfer: {
      __typename: "RefundReturnOutcome",
      amount: suggested.amountSet,
      suggestedRefundMethods: [],
      suggestedTransactions: suggested.suggestedTransactions,
    },
  };
}
