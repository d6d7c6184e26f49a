import { fulfillableQuantities, fulfilledQuantities } from "./fulfillment-orders.ts";
import { gid } from "./gid.ts";
import { moneyBagPair, moneyV2 } from "./money.ts";
import { refundedShipped } from "./refund-values.ts";
import type { ShopState } from "./shop-state.ts";
import type { Cents, DiscountRec, LineItemRec, OrderRec, TaxLineRec } from "./store-types.ts";
import { productView, variantView } from "./views-catalog.ts";

export function discountApplicationView(d: DiscountRec, index: number, currency: string): object {
  return {
    __typename: "DiscountCodeApplication",
    code: d.code,
    index,
    allocationMethod: "ACROSS",
    targetSelection: "ALL",
    targetType: d.kind === "FREE_SHIPPING" ? "SHIPPING_LINE" : "LINE_ITEM",
    value:
      d.percentage !== null
        ? { __typename: "PricingPercentageValue", percentage: d.percentage }
        : moneyV2(d.amount, currency),
  };
}

/** Money views in the order's shop and presentment currencies. */
export function orderMoney(rec: OrderRec) {
  const bag = (cents: Cents) =>
    moneyBagPair(cents, Math.round(cents * rec.presentmentRate), rec.currency, rec.presentmentCurrency);
  const taxLine = (t: TaxLineRec) => ({
    __typename: "TaxLine",
    title: t.title,
    rate: t.rate,
    ratePercentage: Math.round(t.rate * 10000) / 100,
    priceSet: bag(t.amount),
    channelLiable: false,
  });
  const allocation = (amount: Cents, d: DiscountRec | undefined) =>
    amount > 0 && d
      ? [
          {
            __typename: "DiscountAllocation",
            allocatedAmountSet: bag(amount),
            discountApplication: discountApplicationView(d, rec.discounts.indexOf(d), rec.currency),
          },
        ]
      : [];
  return { bag, taxLine, allocation };
}

/**
 * An order's LineItem; fulfilment counts (unfulfilled, fulfillable, the deprecated per-line
 * status) come from the order's fulfillments and open fulfillment orders.
 */
export function lineItemView(state: ShopState, rec: OrderRec, li: LineItemRec): object {
  const { bag, taxLine, allocation } = orderMoney(rec);
  const firstItemDiscount = rec.discounts.find((d) => d.kind !== "FREE_SHIPPING");
  const shipped = () => fulfilledQuantities(state, rec.id).get(li.id) ?? 0;
  // Shipped units refunded since left currentQuantity too; they do not count against what is left to ship.
  const kept = () => shipped() - (refundedShipped(state, rec.id).get(li.id) ?? 0);
  const unfulfilled = () => (rec.cancelledAt ? 0 : Math.max(0, li.currentQuantity - kept()));
  const fulfillable = () => fulfillableQuantities(state, rec.id).get(li.id) ?? 0;
  const unitAfterDiscounts = Math.round((li.unitPrice * li.quantity - li.discount) / li.quantity);
  return {
    __typename: "LineItem",
    id: gid("LineItem", li.id),
    sku: li.sku,
    title: li.title,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    variantTitle: li.variantTitle,
    vendor: li.vendor,
    quantity: li.quantity,
    currentQuantity: li.currentQuantity,
    unfulfilledQuantity: unfulfilled,
    fulfillableQuantity: fulfillable,
    nonFulfillableQuantity: () => Math.max(0, li.quantity - shipped() - fulfillable()),
    fulfillmentStatus: () => {
      const units = shipped();
      if (units === 0) return "unfulfilled";
      return units >= li.currentQuantity ? "fulfilled" : "partial";
    },
    refundableQuantity: li.currentQuantity,
    requiresShipping: li.requiresShipping,
    taxable: li.taxable,
    isGiftCard: false,
    customAttributes: li.customAttributes,
    originalUnitPriceSet: bag(li.unitPrice),
    originalTotalSet: bag(li.unitPrice * li.quantity),
    discountedUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceAfterAllDiscountsSet: bag(unitAfterDiscounts),
    discountedTotalSet: bag(li.unitPrice * li.quantity - li.discount),
    totalDiscountSet: bag(li.discount),
    unfulfilledOriginalTotalSet: () => bag(li.unitPrice * unfulfilled()),
    unfulfilledDiscountedTotalSet: () => bag(unitAfterDiscounts * unfulfilled()),
    discountAllocations: allocation(li.discount, firstItemDiscount),
    taxLines: () => li.taxLines.map(taxLine),
    variant: () => {
      const v = li.variantId === null ? undefined : state.variants.get(li.variantId);
      return v ? variantView(state, v) : null;
    },
    product: () => {
      const p = li.productId === null ? undefined : state.products.get(li.productId);
      return p ? productView(state, p) : null;
    },
  };
}
