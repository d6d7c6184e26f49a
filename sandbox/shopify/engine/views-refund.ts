import { type ConnectionArgs, mapConnection, paginateList } from "./connection.ts";
import { gid, idOf } from "./gid.ts";
import { decimal, moneyBagPair, moneyV2 } from "./money.ts";
import { lineValue, refundableShipping, unshippedUnits } from "./refund-values.ts";
import type { ShopState } from "./shop-state.ts";
import type { Cents, OrderRec } from "./store-types.ts";
import type { RefundLineItemRec, RefundRec } from "./store-types-money.ts";
import { paymentTotals, RECEIVING_KINDS, refundableOf, toPresentmentCents, toShopCents } from "./transactions.ts";
import { locationView } from "./views-catalog.ts";
import { lineItemView } from "./views-line-item.ts";
import { shippingLineView } from "./views-order.ts";
import { returnView } from "./views-return.ts";
import { cardView, transactionView } from "./views-transaction.ts";

export function orderBag(order: OrderRec) {
  return (shop: Cents, presentment = toPresentmentCents(order, shop)) =>
    moneyBagPair(shop, presentment, order.currency, order.presentmentCurrency);
}

function refundLineItemView(state: ShopState, order: OrderRec, l: RefundLineItemRec): object {
  const bag = orderBag(order);
  const line = order.lineItems.find((x) => x.id === l.lineItemId);
  const location = l.locationId === null ? undefined : state.locations.get(l.locationId);
  return {
    __typename: "RefundLineItem",
    id: l.id === 0 ? null : gid("RefundLineItem", l.id),
    lineItem: () => (line ? lineItemView(state, order, line) : null),
    location: () => (location ? locationView(state, location) : null),
    quantity: l.quantity,
    restockType: l.restockType,
    restocked: l.restocked,
    priceSet: bag(l.price),
    price: decimal(toPresentmentCents(order, l.price)),
    subtotalSet: bag(l.subtotal),
    subtotal: decimal(toPresentmentCents(order, l.subtotal)),
    totalTaxSet: bag(l.totalTax),
    totalTax: decimal(toPresentmentCents(order, l.totalTax)),
  };
}

export function refundView(state: ShopState, order: OrderRec, r: RefundRec, orderView: () => object): object {
  const bag = orderBag(order);
  const transactions = r.transactionIds.flatMap((id) => order.transactions.filter((t) => t.id === id));
  const refunded = transactions.reduce((s, t) => s + t.amount, 0);
  const refundedPresentment = transactions.reduce((s, t) => s + t.presentmentAmount, 0);
  return {
    __typename: "Refund",
    id: gid("Refund", r.id),
    legacyResourceId: String(r.id),
    note: r.note,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    processedAt: r.processedAt,
    order: orderView,
    duties: [],
    staffMember: null,
    return: () => {
      const ret = r.returnId === null ? undefined : state.returns.get(r.returnId);
      return ret ? returnView(state, order, ret, orderView) : null;
    },
    totalRefundedSet: bag(refunded, refundedPresentment),
    totalRefunded: moneyV2(refundedPresentment, order.presentmentCurrency),
    refundLineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(r.lineItems, args as ConnectionArgs, (l) => l.id),
        (l) => refundLineItemView(state, order, l),
      ),
    refundShippingLines: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(r.shippingLines, args as ConnectionArgs, (s) => s.id),
        (s) => ({
          __typename: "RefundShippingLine",
          id: gid("RefundShippingLine", s.id),
          subtotalAmountSet: bag(s.subtotal),
          taxAmountSet: bag(s.tax),
          shippingLine: () => {
            const line = order.shippingLines.find((x) => x.id === s.shippingLineId);
            return line ? shippingLineView(order, line) : null;
          },
        }),
      ),
    transactions: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(transactions, args as ConnectionArgs, (t) => t.id),
        (t) => transactionView(state, order, t, orderView),
      ),
    orderAdjustments: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(r.adjustment === 0 ? [] : [r], args as ConnectionArgs, (x) => x.id),
        (x) => ({
          __typename: "OrderAdjustment",
          id: gid("OrderAdjustment", x.id),
          amountSet: bag(-x.adjustment),
          taxAmountSet: bag(0),
          reason: "REFUND_DISCREPANCY",
        }),
      ),
  };
}

/**
 * `Order.suggestedRefund`: what refunding these lines (and shipping) would give back and through
 * which payments, capped at what the order still has received.
 */
export function suggestedRefundView(
  state: ShopState,
  order: OrderRec,
  args: Record<string, unknown>,
  orderView: () => object,
): object {
  const bag = orderBag(order);
  const inputs: Record<string, unknown>[] =
    args.suggestFullRefund === true
      ? order.lineItems
          .filter((l) => l.currentQuantity > 0)
          .map((l) => ({ lineItemId: gid("LineItem", l.id), quantity: l.currentQuantity }))
      : Array.isArray(args.refundLineItems)
        ? (args.refundLineItems as Record<string, unknown>[])
        : [];
  const lines: RefundLineItemRec[] = [];
  for (const input of inputs) {
    const line = order.lineItems.find((l) => l.id === idOf(input.lineItemId, "LineItem"));
    if (!line) continue;
    const quantity = Math.min(Number(input.quantity) || 0, line.currentQuantity);
    if (quantity <= 0) continue;
    const value = lineValue(line, quantity);
    const restock =
      typeof input.restockType === "string"
        ? (input.restockType as RefundLineItemRec["restockType"])
        : unshippedUnits(state, order, line) >= quantity
          ? "CANCEL"
          : "RETURN";
    lines.push({
      id: 0,
      lineItemId: line.id,
      quantity,
      restockType: restock,
      locationId: idOf(input.locationId, "Location"),
      restocked: false,
      shippedQuantity: 0,
      price: value.price,
      subtotal: value.subtotal,
      totalTax: value.tax,
    });
  }
  const shippingLeft = refundableShipping(state, order);
  const shippingAmount =
    typeof args.shippingAmount === "string" || typeof args.shippingAmount === "number"
      ? Math.min(shippingLeft.amount, toShopCents(order, Math.round(Number(args.shippingAmount) * 100)))
      : args.refundShipping === true || args.suggestFullRefund === true
        ? shippingLeft.amount
        : 0;
  const shippingTax =
    shippingLeft.amount > 0 ? Math.round((shippingLeft.tax * shippingAmount) / shippingLeft.amount) : 0;
  const subtotal = lines.reduce((s, l) => s + l.subtotal, 0);
  const tax = lines.reduce((s, l) => s + l.totalTax, 0) + shippingTax;
  const payments = paymentTotals(order);
  const maximum = Math.max(0, payments.received - payments.refunded);
  const amount = Math.min(maximum, subtotal + shippingAmount + (order.taxesIncluded ? 0 : tax));
  // Suggested transactions: the payments in the order they were made, each up to what it can give back.
  let left = amount;
  const suggested = order.transactions
    .filter((t) => RECEIVING_KINDS.has(t.kind) && refundableOf(order, t) > 0)
    .flatMap((t) => {
      const take = Math.min(left, refundableOf(order, t));
      left -= take;
      if (take <= 0) return [];
      return [
        {
          __typename: "SuggestedOrderTransaction",
          kind: "SUGGESTED_REFUND",
          gateway: t.gateway,
          formattedGateway: null,
          accountNumber: t.card?.number ?? null,
          amountSet: bag(take),
          amount: decimal(toPresentmentCents(order, take)),
          maximumRefundableSet: bag(refundableOf(order, t)),
          maximumRefundable: decimal(toPresentmentCents(order, refundableOf(order, t))),
          parentTransaction: () => transactionView(state, order, t, orderView),
          paymentDetails: cardView(t.card),
        },
      ];
    });
  return {
    __typename: "SuggestedRefund",
    amountSet: bag(amount),
    amount: decimal(toPresentmentCents(order, amount)),
    maximumRefundableSet: bag(maximum),
    maximumRefundable: decimal(toPresentmentCents(order, maximum)),
    subtotalSet: bag(subtotal),
    subtotal: decimal(toPresentmentCents(order, subtotal)),
    discountedSubtotalSet: bag(subtotal),
    totalTaxSet: bag(tax),
    totalTaxes: decimal(toPresentmentCents(order, tax)),
    totalCartDiscountAmountSet: bag(0),
    totalDutiesSet: bag(0),
    refundDuties: [],
    refundLineItems: lines.map((l) => refundLineItemView(state, order, l)),
    shipping: {
      __typename: "ShippingRefund",
      amountSet: bag(shippingAmount),
      amount: decimal(toPresentmentCents(order, shippingAmount)),
      maximumRefundableSet: bag(shippingLeft.amount),
      maximumRefundable: decimal(toPresentmentCents(order, shippingLeft.amount)),
      taxSet: bag(shippingTax),
      tax: decimal(toPresentmentCents(order, shippingTax)),
    },
    suggestedTransactions: suggested,
    suggestedRefundMethods: [],
  };
}
