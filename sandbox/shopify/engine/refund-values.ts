import { fulfillableQuantities } from "./fulfillment-orders.ts";
import { orderTotals } from "./order-totals.ts";
import type { ShopState } from "./shop-state.ts";
import type { Cents, LineItemRec, OrderRec } from "./store-types.ts";
import type { RefundRec } from "./store-types-money.ts";

/** What refunded lines and shipping are worth: the discounted price share and its tax. */

export function refundsOf(state: ShopState, orderId: number): RefundRec[] {
  return [...state.refunds.values()].filter((r) => r.orderId === orderId).sort((a, b) => a.id - b.id);
}

/** `units` of a line: their price after discounts and their share of the line's tax (shop cents). */
export function lineValue(line: LineItemRec, units: number): { price: Cents; subtotal: Cents; tax: Cents } {
  const net = line.unitPrice * line.quantity - line.discount;
  const tax = line.taxLines.reduce((s, t) => s + t.amount, 0);
  const share = line.quantity > 0 ? units / line.quantity : 0;
  return {
    price: line.quantity > 0 ? Math.round(net / line.quantity) : 0,
    subtotal: Math.round(net * share),
    tax: Math.round(tax * share),
  };
}

/** Units of the line that have not shipped and are still on an open fulfillment order. */
export function unshippedUnits(state: ShopState, order: OrderRec, line: LineItemRec): number {
  return Math.min(line.currentQuantity, fulfillableQuantities(state, order.id).get(line.id) ?? 0);
}

/** Shipping still refundable: what was charged for shipping, less discounts and earlier refunds. */
export function refundableShipping(state: ShopState, order: OrderRec): { amount: Cents; tax: Cents } {
  const charged = order.shippingLines.reduce((s, l) => s + l.price - l.discount, 0);
  const tax = order.shippingLines.reduce((s, l) => s + l.taxLines.reduce((t, x) => t + x.amount, 0), 0);
  let refunded = 0;
  let refundedTax = 0;
  for (const r of refundsOf(state, order.id)) {
    for (const s of r.shippingLines) {
      refunded += s.subtotal;
      refundedTax += s.tax;
    }
  }
  return { amount: Math.max(0, charged - refunded), tax: Math.max(0, tax - refundedTax) };
}

export interface RefundedTotals {
  subtotal: Cents;
  tax: Cents;
  shipping: Cents;
  shippingTax: Cents;
}

/** What the order's refunds took off its lines and shipping (for the `current*` totals). */
export function refundedTotals(state: ShopState, order: OrderRec): RefundedTotals {
  const totals: RefundedTotals = { subtotal: 0, tax: 0, shipping: 0, shippingTax: 0 };
  for (const r of refundsOf(state, order.id)) {
    for (const l of r.lineItems) {
      totals.subtotal += l.subtotal;
      totals.tax += l.totalTax;
    }
    for (const s of r.shippingLines) {
      totals.shipping += s.subtotal;
      totals.shippingTax += s.tax;
    }
  }
  return totals;
}

/** Shipped units of each line that were refunded since (line item id → units): no longer on the order. */
export function refundedShipped(state: ShopState, orderId: number): Map<number, number> {
  const units = new Map<number, number>();
  for (const r of refundsOf(state, orderId)) {
    for (const l of r.lineItems) units.set(l.lineItemId, (units.get(l.lineItemId) ?? 0) + l.shippedQuantity);
  }
  return units;
}

/** The order's total less what refunds took off its lines, shipping and their taxes (`currentTotalPriceSet`). */
export function currentTotalOf(state: ShopState, order: OrderRec): Cents {
  const refunded = refundedTotals(state, order);
  return (
    orderTotals(order).total -
    refunded.subtotal -
    refunded.shipping -
    (order.taxesIncluded ? 0 : refunded.tax + refunded.shippingTax)
  );
}
