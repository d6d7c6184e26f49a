import { type ConnectionArgs, mapConnection, paginateList } from "./connection.ts";
import { gid } from "./gid.ts";
import { moneyBag, moneyV2 } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import type { ShopState } from "./shop-state.ts";
import type { Cents, DiscountRec, LineItemRec, OrderRec, TaxLineRec } from "./store-types.ts";
import { productView, variantView } from "./views-catalog.ts";
import { addressView, metafieldFields } from "./views-common.ts";
import { customerView } from "./views-customer.ts";

function discountApplicationView(d: DiscountRec, index: number, currency: string): object {
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

export function orderView(state: ShopState, rec: OrderRec): object {
  const cur = rec.currency;
  const pres = rec.presentmentCurrency;
  const bag = (cents: Cents) => moneyBag(cents, cur, pres);
  const taxLine = (t: TaxLineRec) => ({
    __typename: "TaxLine",
    title: t.title,
    rate: t.rate,
    ratePercentage: Math.round(t.rate * 10000) / 100,
    priceSet: bag(t.amount),
    channelLiable: false,
  });
  const itemDiscounts = rec.discounts.filter((d) => d.kind !== "FREE_SHIPPING");
  const firstItemDiscount = itemDiscounts[0];
  const allocation = (amount: Cents, d: DiscountRec | undefined) =>
    amount > 0 && d
      ? [
          {
            __typename: "DiscountAllocation",
            allocatedAmountSet: bag(amount),
            discountApplication: discountApplicationView(d, rec.discounts.indexOf(d), cur),
          },
        ]
      : [];
  const lineView = (li: LineItemRec) => ({
    __typename: "LineItem",
    id: gid("LineItem", li.id),
    sku: li.sku,
    title: li.title,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    variantTitle: li.variantTitle,
    vendor: li.vendor,
    quantity: li.quantity,
    currentQuantity: li.currentQuantity,
    unfulfilledQuantity: rec.cancelledAt ? 0 : li.currentQuantity,
    refundableQuantity: li.currentQuantity,
    requiresShipping: li.requiresShipping,
    taxable: li.taxable,
    isGiftCard: false,
    customAttributes: li.customAttributes,
    originalUnitPriceSet: bag(li.unitPrice),
    originalTotalSet: bag(li.unitPrice * li.quantity),
    discountedUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceAfterAllDiscountsSet: bag(Math.round((li.unitPrice * li.quantity - li.discount) / li.quantity)),
    discountedTotalSet: bag(li.unitPrice * li.quantity - li.discount),
    totalDiscountSet: bag(li.discount),
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
  });
  const totals = orderTotals(rec);
  const customer = rec.customerId === null ? undefined : state.customers.get(rec.customerId);
  const closed = rec.closedAt !== null;
  return {
    __typename: "Order",
    id: gid("Order", rec.id),
    legacyResourceId: String(rec.id),
    name: rec.name,
    number: rec.number,
    email: rec.email,
    phone: rec.phone,
    note: rec.note,
    poNumber: rec.poNumber,
    tags: rec.tags,
    test: rec.test,
    sourceName: rec.sourceName,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    processedAt: rec.processedAt,
    cancelledAt: rec.cancelledAt,
    cancelReason: rec.cancelReason,
    closed,
    closedAt: rec.closedAt,
    confirmed: true,
    currencyCode: cur,
    presentmentCurrencyCode: pres,
    taxesIncluded: rec.taxesIncluded,
    taxExempt: false,
    displayFinancialStatus: rec.financialStatus,
    displayFulfillmentStatus: rec.fulfillmentStatus,
    fullyPaid: totals.received >= totals.total,
    unpaid: totals.received === 0,
    requiresShipping: rec.lineItems.some((l) => l.requiresShipping),
    customAttributes: rec.customAttributes.map((a) => ({ __typename: "Attribute", ...a })),
    billingAddress: addressView(rec.billingAddress),
    shippingAddress: addressView(rec.shippingAddress),
    displayAddress: addressView(rec.billingAddress ?? rec.shippingAddress),
    billingAddressMatchesShippingAddress: JSON.stringify(rec.billingAddress) === JSON.stringify(rec.shippingAddress),
    customer: () => (customer ? customerView(state, customer) : null),
    discountCode: rec.discounts[0]?.code ?? null,
    discountCodes: rec.discounts.map((d) => d.code),
    discountApplications: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(
          rec.discounts.map((d, i) => ({ d, i })),
          args as ConnectionArgs,
          (x) => x.i,
        ),
        (x) => discountApplicationView(x.d, x.i, cur),
      ),
    subtotalLineItemsQuantity: rec.lineItems.reduce((s, l) => s + l.quantity, 0),
    currentSubtotalLineItemsQuantity: rec.lineItems.reduce((s, l) => s + l.currentQuantity, 0),
    subtotalPriceSet: bag(totals.subtotal),
    currentSubtotalPriceSet: bag(totals.subtotal),
    totalPriceSet: bag(totals.total),
    currentTotalPriceSet: bag(totals.total),
    originalTotalPriceSet: bag(totals.total),
    totalTaxSet: bag(totals.tax),
    currentTotalTaxSet: bag(totals.tax),
    totalDiscountsSet: bag(totals.discounts),
    currentTotalDiscountsSet: bag(totals.discounts),
    cartDiscountAmountSet: totals.lineDiscounts ? bag(totals.lineDiscounts) : null,
    totalShippingPriceSet: bag(totals.shipping - totals.shippingDiscounts),
    currentShippingPriceSet: bag(totals.shipping - totals.shippingDiscounts),
    totalReceivedSet: bag(totals.received),
    netPaymentSet: bag(totals.received),
    totalOutstandingSet: bag(Math.max(0, totals.total - totals.received)),
    totalRefundedSet: bag(0),
    totalCapturableSet: bag(0),
    taxLines: () => taxLinesOf(rec).map(taxLine),
    currentTaxLines: () => taxLinesOf(rec).map(taxLine),
    paymentGatewayNames: [...new Set(rec.transactions.map((t) => t.gateway))],
    transactions: () =>
      rec.transactions.map((t) => ({
        __typename: "OrderTransaction",
        id: gid("OrderTransaction", t.id),
        kind: t.kind,
        status: t.status,
        gateway: t.gateway,
        formattedGateway: t.gateway,
        test: t.test,
        amountSet: bag(t.amount),
        processedAt: t.processedAt,
        createdAt: t.processedAt,
        parentTransaction: null,
        fees: [],
      })),
    risk: { __typename: "OrderRiskSummary", assessments: [], recommendation: "NONE" },
    lineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(rec.lineItems, args as ConnectionArgs, (l) => l.id),
        lineView,
      ),
    shippingLine: rec.shippingLines[0] ? shippingLineView(rec.shippingLines[0]) : null,
    shippingLines: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(rec.shippingLines, args as ConnectionArgs, (s) => s.id),
        shippingLineView,
      ),
    ...metafieldFields(() => rec.metafields, "ORDER"),
  };

  function shippingLineView(s: OrderRec["shippingLines"][number]): object {
    const freeShipping = rec.discounts.find((d) => d.kind === "FREE_SHIPPING");
    return {
      __typename: "ShippingLine",
      id: gid("ShippingLine", s.id),
      title: s.title,
      code: s.code,
      source: s.source,
      custom: true,
      isRemoved: false,
      originalPriceSet: bag(s.price),
      discountedPriceSet: bag(s.price - s.discount),
      currentDiscountedPriceSet: bag(s.price - s.discount),
      discountAllocations: allocation(s.discount, freeShipping),
      taxLines: s.taxLines.map(taxLine),
    };
  }
}

/** Order-level tax lines: Shopify sums line and shipping taxes by title and rate. */
export function taxLinesOf(rec: OrderRec): TaxLineRec[] {
  const byKey = new Map<string, TaxLineRec>();
  const all = [
    ...rec.lineItems.flatMap((l) => l.taxLines),
    ...rec.shippingLines.flatMap((s) => s.taxLines),
    ...rec.taxLines,
  ];
  for (const t of all) {
    const key = `${t.title}|${t.rate}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, amount: prev.amount + t.amount } : { ...t });
  }
  return [...byKey.values()];
}
