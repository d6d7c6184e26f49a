import { type ConnectionArgs, mapConnection, paginate, paginateList } from "./connection.ts";
import { displayFulfillmentStatus, fulfillableQuantities, fulfillmentOrdersOf } from "./fulfillment-orders.ts";
import { gid } from "./gid.ts";
import { decimal, moneyV2 } from "./money.ts";
import { paymentTermsView, purchasingEntityView } from "./order-b2b.ts";
import { orderTotals } from "./order-totals.ts";
import { currentTotalOf, refundedTotals, refundsOf } from "./refund-values.ts";
import { filterBySearch } from "./search-query.ts";
import { fulfillmentOrderSpec } from "./search-specs.ts";
import type { ShopState } from "./shop-state.ts";
import type { OrderRec, TaxLineRec } from "./store-types.ts";
import { paymentTotals } from "./transactions.ts";
import { locationView } from "./views-catalog.ts";
import { addressView, metafieldFields } from "./views-common.ts";
import { customerView } from "./views-customer.ts";
import { fulfillmentOrderView, fulfillmentView } from "./views-fulfillment.ts";
import { discountApplicationView, lineItemView, orderMoney } from "./views-line-item.ts";
import { refundView, suggestedRefundView } from "./views-refund.ts";
import { orderReturnStatus, returnsConnection } from "./views-return.ts";
import { transactionsOf, transactionView } from "./views-transaction.ts";

export function orderView(state: ShopState, rec: OrderRec): object {
  const { bag, taxLine } = orderMoney(rec);
  const cur = rec.currency;
  const pres = rec.presentmentCurrency;
  const fulfillments = () =>
    [...state.fulfillments.values()].filter((f) => f.orderId === rec.id).sort((a, b) => a.id - b.id);
  const retailLocation = () => {
    const location = rec.retailLocationId === null ? undefined : state.locations.get(rec.retailLocationId);
    return location ? locationView(state, location) : null;
  };
  const totals = orderTotals(rec);
  const payments = paymentTotals(rec);
  const refunded = refundedTotals(state, rec);
  const currentTotal = currentTotalOf(state, rec);
  const self = () => orderView(state, rec);
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
    app: channelApp(rec.sourceName),
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
    displayFulfillmentStatus: () => displayFulfillmentStatus(state, rec),
    fulfillable: () => [...fulfillableQuantities(state, rec.id).values()].some((n) => n > 0),
    fulfillmentOrders: (args: Record<string, unknown>) => {
      // `displayable: true` hides fulfillment orders closed by a merge or move; the sandbox closes
      // none that way (a move keeps or splits), so every one is displayable.
      const list = filterBySearch(
        fulfillmentOrdersOf(state, rec.id),
        args.query as string | null,
        fulfillmentOrderSpec(),
      );
      return mapConnection(
        paginate(list, args as ConnectionArgs, (fo) => ({ id: fo.id, value: fo.id })),
        (fo) => fulfillmentOrderView(state, fo),
      );
    },
    fulfillments: (args: Record<string, unknown>) => {
      const list = fulfillments().map((f) => fulfillmentView(state, f));
      return typeof args.first === "number" ? list.slice(0, args.first) : list;
    },
    fulfillmentsCount: () => ({ __typename: "Count", count: fulfillments().length, precision: "EXACT" }),
    retailLocation,
    physicalLocation: retailLocation,
    fullyPaid: payments.received >= totals.total,
    unpaid: payments.received === 0,
    requiresShipping: rec.lineItems.some((l) => l.requiresShipping),
    customAttributes: rec.customAttributes.map((a) => ({ __typename: "Attribute", ...a })),
    billingAddress: addressView(rec.billingAddress),
    shippingAddress: addressView(rec.shippingAddress),
    displayAddress: addressView(rec.billingAddress ?? rec.shippingAddress),
    billingAddressMatchesShippingAddress: JSON.stringify(rec.billingAddress) === JSON.stringify(rec.shippingAddress),
    customer: () => (customer ? customerView(state, customer) : null),
    purchasingEntity: () => purchasingEntityView(state, rec),
    paymentTerms: () => paymentTermsView(state, rec, () => orderView(state, rec)),
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
    currentSubtotalPriceSet: bag(totals.subtotal - refunded.subtotal),
    totalPriceSet: bag(totals.total),
    currentTotalPriceSet: bag(currentTotal),
    originalTotalPriceSet: bag(totals.total),
    totalTaxSet: bag(totals.tax),
    currentTotalTaxSet: bag(totals.tax - refunded.tax - refunded.shippingTax),
    totalDiscountsSet: bag(totals.discounts),
    currentTotalDiscountsSet: bag(totals.discounts),
    cartDiscountAmountSet: totals.lineDiscounts ? bag(totals.lineDiscounts) : null,
    totalShippingPriceSet: bag(totals.shipping - totals.shippingDiscounts),
    currentShippingPriceSet: bag(totals.shipping - totals.shippingDiscounts - refunded.shipping),
    totalRefundedShippingSet: bag(refunded.shipping),
    totalReceivedSet: bag(payments.received),
    netPaymentSet: bag(payments.received - payments.refunded),
    totalOutstandingSet: bag(Math.max(0, currentTotal - (payments.received - payments.refunded))),
    totalRefundedSet: bag(payments.refunded),
    totalCapturableSet: bag(payments.capturable),
    capturable: payments.capturable > 0,
    // The deprecated Money scalars answer in the shop currency.
    netPayment: decimal(payments.received - payments.refunded),
    totalReceived: decimal(payments.received),
    totalRefunded: decimal(payments.refunded),
    totalCapturable: decimal(payments.capturable),
    totalPrice: decimal(totals.total),
    subtotalPrice: decimal(totals.subtotal),
    totalTax: decimal(totals.tax),
    totalDiscounts: decimal(totals.discounts),
    totalShippingPrice: decimal(totals.shipping - totals.shippingDiscounts),
    totalTipReceivedSet: bag(0),
    totalTipReceived: moneyV2(0, rec.presentmentCurrency),
    currentTotalDutiesSet: null,
    originalTotalDutiesSet: null,
    dutiesIncluded: false,
    totalCashRoundingAdjustment: { __typename: "CashRoundingAdjustment", paymentSet: bag(0), refundSet: bag(0) },
    transactionsCount: { __typename: "Count", count: rec.transactions.length, precision: "EXACT" },
    canMarkAsPaid: canMarkAsPaid(rec, currentTotal),
    restockable: rec.lineItems.some((l) => l.currentQuantity > 0 && l.variantId !== null),
    refundable: payments.received - payments.refunded > 0,
    refundDiscrepancySet: () => bag(refundsOf(state, rec.id).reduce((s, r) => s + r.adjustment, 0)),
    refunds: (args: Record<string, unknown>) => {
      const list = refundsOf(state, rec.id).map((r) => refundView(state, rec, r, self));
      return typeof args.first === "number" ? list.slice(0, args.first) : list;
    },
    returns: (args: Record<string, unknown>) => returnsConnection(state, rec, args, self),
    returnStatus: () => orderReturnStatus(state, rec),
    suggestedRefund: (args: Record<string, unknown>) => suggestedRefundView(state, rec, args, self),
    taxLines: () => taxLinesOf(rec).map(taxLine),
    currentTaxLines: () => taxLinesOf(rec).map(taxLine),
    paymentGatewayNames: [...new Set(rec.transactions.map((t) => t.gateway))],
    transactions: (args: Record<string, unknown>) =>
      transactionsOf(rec, args).map((t) => transactionView(state, rec, t, self)),
    risk: { __typename: "OrderRiskSummary", assessments: [], recommendation: "NONE" },
    lineItems: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(rec.lineItems, args as ConnectionArgs, (l) => l.id),
        (li) => lineItemView(state, rec, li),
      ),
    shippingLine: rec.shippingLines[0] ? shippingLineView(rec, rec.shippingLines[0]) : null,
    shippingLines: (args: Record<string, unknown>) =>
      mapConnection(
        paginateList(rec.shippingLines, args as ConnectionArgs, (s) => s.id),
        (s) => shippingLineView(rec, s),
      ),
    ...metafieldFields(() => rec.metafields, "ORDER"),
  };
}

export function shippingLineView(rec: OrderRec, s: OrderRec["shippingLines"][number]): object {
  const { bag, taxLine, allocation } = orderMoney(rec);
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

/** orderMarkAsPaid applies: not cancelled, something still owed, no authorization waiting to be captured. */
export function canMarkAsPaid(rec: OrderRec, currentTotal: number): boolean {
  const payments = paymentTotals(rec);
  return (
    rec.cancelledAt === null && payments.capturable === 0 && currentTotal - (payments.received - payments.refunded) > 0
  );
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

/** Shopify's own sales-channel apps, by the source name their orders carry. */
const CHANNEL_APPS: Record<string, { id: number; name: string }> = {
  web: { id: 580111, name: "Online Store" },
  pos: { id: 129785, name: "Point of Sale" },
  shopify_draft_order: { id: 1354745, name: "Draft Orders" },
  iphone: { id: 1830279, name: "Shopify Mobile for iPhone" },
  android: { id: 1830279, name: "Shopify Mobile for Android" },
};

/**
 * `Order.app`: the channel app for Shopify's own channels. An order created through the Admin API
 * belongs to the app that created it; the sandbox does not record which app that was, so those
 * answer null (callers fall back to `sourceName`, as they must for orders of deleted apps).
 */
function channelApp(sourceName: string): object | null {
  const app = CHANNEL_APPS[sourceName];
  if (!app) return null;
  return {
    __typename: "OrderApp",
    id: gid("App", app.id),
    name: app.name,
    icon: {
      __typename: "Image",
      id: null,
      url: "https://cdn.shopify.com/app-store/listing_images/channel.png",
      altText: null,
      width: null,
      height: null,
    },
  };
}
