import type { Cents, OrderRec } from "./store-types.ts";

export interface OrderTotals {
  lineItemsOriginal: Cents;
  lineDiscounts: Cents;
  subtotal: Cents;
  shipping: Cents;
  shippingDiscounts: Cents;
  tax: Cents;
  discounts: Cents;
  total: Cents;
  received: Cents;
}

/** Money rollups the way Shopify reports them; taxes add to the total unless prices include them. */
export function orderTotals(order: OrderRec): OrderTotals {
  let lineItemsOriginal = 0;
  let lineDiscounts = 0;
  let tax = 0;
  for (const line of order.lineItems) {
    lineItemsOriginal += line.unitPrice * line.quantity;
    lineDiscounts += line.discount;
    for (const t of line.taxLines) tax += t.amount;
  }
  let shipping = 0;
  let shippingDiscounts = 0;
  for (const s of order.shippingLines) {
    shipping += s.price;
    shippingDiscounts += s.discount;
    for (const t of s.taxLines) tax += t.amount;
  }
  for (const t of order.taxLines) tax += t.amount;
  const subtotal = lineItemsOriginal - lineDiscounts;
  const shippingNet = shipping - shippingDiscounts;
  const total = subtotal + shippingNet + (order.taxesIncluded ? 0 : tax);
  const received = order.transactions
    .filter((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE"))
    .reduce((sum, t) => sum + t.amount, 0);
  return {
    lineItemsOriginal,
    lineDiscounts,
    subtotal,
    shipping,
    shippingDiscounts,
    tax,
    discounts: lineDiscounts + shippingDiscounts,
    total,
    received,
  };
}
