import { refreshFulfillmentStatus } from "./fulfillment-orders.ts";
import { idOf } from "./gid.ts";
import type { UserError } from "./input-helpers.ts";
import { restMoney } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import { orderPayload } from "./payloads.ts";
import { refundPayload, transactionPayload } from "./payloads-money.ts";
import { bookTransaction } from "./payments-ledger.ts";
import { announceLevels, removeUnshipped, restockReturned, type Touched } from "./refund-stock.ts";
import { lineValue, refundableShipping, unshippedUnits } from "./refund-values.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { Cents, OrderRec, TransactionRec } from "./store-types.ts";
import type { RefundLineItemRec, RefundRec, RefundShippingLineRec } from "./store-types-money.ts";
import {
  buildTransaction,
  derivedFinancialStatus,
  paymentTotals,
  RECEIVING_KINDS,
  refundableOf,
  toShopCents,
} from "./transactions.ts";

/** A refund as refundCreate (or returnProcess) asks for it; amounts in the presentment currency. */
export interface RefundRequest {
  note: string | null;
  currency: string | null;
  processedAt: string | null;
  allowOverRefunding: boolean;
  lines: { lineItemId: unknown; quantity: number; restockType: string | null; locationId: unknown }[];
  shipping: { fullRefund: boolean; amount: Cents | null } | null;
  transactions: { amount: Cents; gateway: string | null; kind: string | null; parentId: unknown }[];
  returnId: number | null;
}

type Restock = RefundLineItemRec["restockType"];

interface PlannedLine {
  index: number;
  lineId: number;
  quantity: number;
  restockType: Restock;
  locationId: number | null;
  unshipped: number;
}

/**
 * Checks a refund against what the order still has (units, shipping, money received) and, when
 * it holds, applies it: REFUND transactions against the payments they pay back (booked in the
 * Shopify Payments ledger), units taken off the order and restocked per restock type, shipping
 * refunded, statuses moved; then refunds/create, order_transactions/create and orders/updated.
 * User errors name fields of RefundInput. (Shopify's exact messages are not all documented;
 * where the sandbox guesses one, it is marked.)
 */
export function createRefund(
  state: ShopState,
  order: OrderRec,
  request: RefundRequest,
): { refund: RefundRec | null; userErrors: UserError[] } {
  const errors: UserError[] = [];
  const multiCurrency = order.presentmentCurrency !== order.currency;
  if (request.currency !== null && request.currency !== order.presentmentCurrency) {
    errors.push({ field: ["currency"], message: "Currency must match the order's presentment currency" });
  } else if (multiCurrency && request.currency === null && request.transactions.length > 0) {
    errors.push({ field: ["currency"], message: "Currency is required for multi-currency orders" });
  }
  const planned: PlannedLine[] = [];
  const asked = new Map<number, number>();
  request.lines.forEach((input, index) => {
    const field = ["refundLineItems", String(index)];
    const lineId = idOf(input.lineItemId, "LineItem");
    const line = order.lineItems.find((l) => l.id === lineId);
    if (!line) {
      errors.push({ field: [...field, "lineItemId"], message: "Line item does not exist" });
      return;
    }
    const restockType = (input.restockType ?? "NO_RESTOCK") as Restock;
    const locationId = input.locationId == null ? null : idOf(input.locationId, "Location");
    if (input.locationId != null && (locationId === null || !state.locations.has(locationId))) {
      errors.push({ field: [...field, "locationId"], message: "Location does not exist" });
      return;
    }
    const total = (asked.get(line.id) ?? 0) + input.quantity;
    asked.set(line.id, total);
    if (input.quantity <= 0) {
      errors.push({ field: [...field, "quantity"], message: "Quantity must be greater than 0" });
      return;
    }
    if (total > line.currentQuantity) {
      errors.push({ field: [...field, "quantity"], message: "Quantity cannot refund more items than were purchased" });
      return;
    }
    const unshipped = unshippedUnits(state, order, line);
    // Sandbox wording: Shopify refuses these but its messages are not documented.
    if (restockType === "CANCEL" && input.quantity > unshipped) {
      errors.push({ field: [...field, "restockType"], message: "Cannot cancel items that have been fulfilled" });
      return;
    }
    if (restockType === "RETURN" && input.quantity > line.currentQuantity - unshipped) {
      errors.push({ field: [...field, "restockType"], message: "Cannot return items that have not been fulfilled" });
      return;
    }
    planned.push({ index, lineId: line.id, quantity: input.quantity, restockType, locationId, unshipped });
  });

  const shippingLeft = refundableShipping(state, order);
  let shipping: Cents = 0;
  if (request.shipping?.fullRefund) shipping = shippingLeft.amount;
  else if (request.shipping?.amount != null) shipping = toShopCents(order, request.shipping.amount);
  if (shipping > shippingLeft.amount) {
    errors.push({
      field: ["shipping", "amount"],
      message: `Shipping refund amount must be less than or equal to ${restMoney(shippingLeft.amount)}`,
    });
  }

  const payments = paymentTotals(order);
  const refundTransactions: { parent: TransactionRec; amount: Cents; presentment: Cents }[] = [];
  request.transactions.forEach((t, index) => {
    const field = ["transactions", String(index)];
    if (t.kind !== null && t.kind !== "REFUND") {
      errors.push({ field: [...field, "kind"], message: "Kind is not supported for refunds" });
      return;
    }
    const parentId = t.parentId == null ? null : idOf(t.parentId, "OrderTransaction");
    const parent =
      parentId !== null
        ? order.transactions.find((p) => p.id === parentId)
        : order.transactions.find((p) => refundableOf(order, p) > 0 && (t.gateway === null || p.gateway === t.gateway));
    if (!parent || !RECEIVING_KINDS.has(parent.kind) || parent.status !== "SUCCESS") {
      errors.push({ field: [...field, "parentId"], message: "Parent transaction does not exist or is not refundable" });
      return;
    }
    const amount = toShopCents(order, t.amount);
    if (amount <= 0) {
      errors.push({ field: [...field, "amount"], message: "Amount must be greater than 0" });
      return;
    }
    const already = refundTransactions.filter((r) => r.parent === parent).reduce((s, r) => s + r.amount, 0);
    if (amount + already > refundableOf(order, parent)) {
      errors.push({
        field: [...field, "amount"],
        message: `Refund amount ${restMoney(amount)} is greater than the refundable amount ${restMoney(refundableOf(order, parent))} of the transaction`,
      });
      return;
    }
    refundTransactions.push({ parent, amount, presentment: t.amount });
  });
  const refunding = refundTransactions.reduce((s, r) => s + r.amount, 0);
  const net = payments.received - payments.refunded;
  if (refunding > net && !request.allowOverRefunding) {
    errors.push({
      field: null,
      message: `Refund amount $${restMoney(refunding)} is greater than net payment received $${restMoney(net)}`,
    });
  }
  if (errors.length > 0) return { refund: null, userErrors: errors };
  return { refund: applyRefund(state, order, request, planned, shipping, refundTransactions), userErrors: [] };
}

function applyRefund(
  state: ShopState,
  order: OrderRec,
  request: RefundRequest,
  planned: PlannedLine[],
  shipping: Cents,
  money: { parent: TransactionRec; amount: Cents; presentment: Cents }[],
): RefundRec {
  const at = stamp(state);
  const processedAt = request.processedAt ?? at;
  const touched: Touched = new Map();
  const refundId = nextId(state, "Refund");
  const lineItems: RefundLineItemRec[] = planned.map((p) => {
    const line = order.lineItems.find((l) => l.id === p.lineId)!;
    // Units not yet shipped go first, except for a return (those units came back from the buyer).
    const fromUnshipped = p.restockType === "RETURN" ? 0 : Math.min(p.quantity, p.unshipped);
    const fromShipped = p.quantity - fromUnshipped;
    let restocked = false;
    let locationId = p.locationId;
    if (fromUnshipped > 0) {
      const restock = p.restockType === "CANCEL" || p.restockType === "LEGACY_RESTOCK";
      const heldAt = removeUnshipped(state, order, line, fromUnshipped, restock, at, touched);
      locationId ??= heldAt;
      restocked ||= restock;
    }
    if (fromShipped > 0 && (p.restockType === "RETURN" || p.restockType === "LEGACY_RESTOCK")) {
      locationId ??= shippedFrom(state, order.id, line.id) ?? firstLocation(state);
      if (locationId !== null) {
        restocked = restockReturned(state, line, fromShipped, locationId, at, touched) || restocked;
      }
    }
    line.currentQuantity -= p.quantity;
    const value = lineValue(line, p.quantity);
    return {
      id: nextId(state, "Other"),
      lineItemId: line.id,
      quantity: p.quantity,
      restockType: p.restockType,
      locationId,
      restocked,
      shippedQuantity: fromShipped,
      price: value.price,
      subtotal: value.subtotal,
      totalTax: value.tax,
    };
  });
  const shippingLines = refundShipping(state, order, shipping);
  const transactions = money.map((m) => {
    const t = buildTransaction(state, {
      kind: "REFUND",
      status: "SUCCESS",
      gateway: m.parent.gateway,
      amount: m.amount,
      presentmentAmount: m.presentment,
      processedAt,
      test: m.parent.test,
      parentId: m.parent.id,
      card: m.parent.card,
      giftCardId: m.parent.giftCardId,
    });
    order.transactions.push(t);
    bookTransaction(state, order, t, { refundId });
    return t;
  });
  const worth =
    lineItems.reduce((s, l) => s + l.subtotal + (order.taxesIncluded ? 0 : l.totalTax), 0) +
    shippingLines.reduce((s, l) => s + l.subtotal + (order.taxesIncluded ? 0 : l.tax), 0);
  const refunded = transactions.reduce((s, t) => s + t.amount, 0);
  const refund: RefundRec = {
    id: refundId,
    orderId: order.id,
    returnId: request.returnId,
    note: request.note,
    lineItems,
    shippingLines,
    transactionIds: transactions.map((t) => t.id),
    // Positive: the buyer got less back than the lines and shipping were worth (Shopify's refund discrepancy).
    adjustment: refunded === 0 && worth === 0 ? 0 : worth - refunded,
    processedAt,
    createdAt: at,
    updatedAt: at,
  };
  state.refunds.set(refund.id, refund);
  refreshFulfillmentStatus(state, order);
  if (order.transactions.length > 0) order.financialStatus = derivedFinancialStatus(order, orderTotals(order).total);
  order.updatedAt = at;
  announceLevels(state, touched);
  emit(state, "refunds/create", refundPayload(state, order, refund));
  for (const t of transactions) emit(state, "order_transactions/create", transactionPayload(order, t));
  emit(state, "orders/updated", orderPayload(state, order));
  return refund;
}

/** Spreads a shipping refund over the order's shipping lines, first line first, tax in proportion. */
function refundShipping(state: ShopState, order: OrderRec, amount: Cents): RefundShippingLineRec[] {
  const out: RefundShippingLineRec[] = [];
  let left = amount;
  for (const s of order.shippingLines) {
    if (left <= 0) break;
    const already = [...state.refunds.values()]
      .filter((r) => r.orderId === order.id)
      .flatMap((r) => r.shippingLines)
      .filter((x) => x.shippingLineId === s.id)
      .reduce((sum, x) => sum + x.subtotal, 0);
    const charged = s.price - s.discount;
    const take = Math.min(left, charged - already);
    if (take <= 0) continue;
    const tax = s.taxLines.reduce((t, x) => t + x.amount, 0);
    out.push({
      id: nextId(state, "Other"),
      shippingLineId: s.id,
      subtotal: take,
      tax: charged > 0 ? Math.round((tax * take) / charged) : 0,
    });
    left -= take;
  }
  return out;
}

function shippedFrom(state: ShopState, orderId: number, lineItemId: number): number | null {
  for (const f of [...state.fulfillments.values()].sort((a, b) => b.id - a.id)) {
    if (f.orderId === orderId && f.status === "SUCCESS" && f.lineItems.some((l) => l.lineItemId === lineItemId)) {
      return f.locationId;
    }
  }
  return null;
}

function firstLocation(state: ShopState): number | null {
  return [...state.locations.values()].filter((l) => l.isActive).sort((a, b) => a.id - b.id)[0]?.id ?? null;
}
