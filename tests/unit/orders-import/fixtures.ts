import type { ImportedOrder } from "../../../app/.server/tasks/orders-sync/imported-order.ts";
import { mapShopifyOrder } from "../../../app/.server/tasks/orders-sync/map-shopify-order.ts";

const bag = (shop: string, presentment = shop) => ({
  shopMoney: { amount: shop },
  presentmentMoney: { amount: presentment },
});

/** One line as `OrderForImport` returns it. */
export function rawLine(overrides: Record<string, unknown> = {}) {
  return {
    id: "gid://shopify/LineItem/1",
    sku: "10001-V02",
    title: "Scarf",
    variantTitle: "M",
    quantity: 2,
    currentQuantity: 2,
    requiresShipping: true,
    isGiftCard: false,
    variant: { id: "gid://shopify/ProductVariant/11", barcode: "2010001000011" },
    product: { id: "gid://shopify/Product/1" },
    originalUnitPriceSet: bag("50.0", "55.0"),
    discountAllocations: [{ allocatedAmountSet: bag("5.0", "5.5") }, { allocatedAmountSet: bag("1.25", "1.4") }],
    taxLines: [{ title: "VAT", rate: 0.2, priceSet: bag("18.0", "19.8") }],
    ...overrides,
  };
}

/** An order as `OrderForImport` returns it (line pages merged). */
export function rawOrder(overrides: Record<string, unknown> = {}) {
  return {
    id: "gid://shopify/Order/1001",
    name: "#1001",
    createdAt: "2026-10-01T10:00:00Z",
    updatedAt: "2026-10-01T10:05:00Z",
    processedAt: "2026-10-01T10:00:00Z",
    cancelledAt: null,
    closed: false,
    test: false,
    email: "ava@example.com",
    phone: null,
    currencyCode: "EUR",
    presentmentCurrencyCode: "USD",
    taxesIncluded: false,
    displayFinancialStatus: "PAID",
    displayFulfillmentStatus: "UNFULFILLED",
    sourceName: "web",
    app: null,
    retailLocation: null,
    risk: { recommendation: "NONE", assessments: [] },
    tags: ["vip"],
    note: "leave at the door",
    customAttributes: [{ key: "gift", value: "yes" }],
    customer: {
      id: "gid://shopify/Customer/7",
      firstName: "Ava",
      lastName: "Brown",
      defaultEmailAddress: { emailAddress: "ava@example.com" },
      defaultPhoneNumber: null,
    },
    billingAddress: {
      firstName: "Ava",
      lastName: "Brown",
      company: null,
      address1: "1 Main St",
      address2: null,
      city: "Lakeside",
      zip: "48625",
      provinceCode: "IL",
      countryCodeV2: "US",
      phone: null,
    },
    shippingAddress: null,
    discountCodes: ["TEN"],
    currentSubtotalPriceSet: bag("93.75"),
    currentTotalTaxSet: bag("18.0"),
    currentTotalDiscountsSet: bag("10.0", "11.0"),
    currentShippingPriceSet: bag("5.0"),
    currentTotalPriceSet: bag("116.75"),
    shippingLines: {
      nodes: [
        {
          title: "Express",
          code: "EXP",
          originalPriceSet: bag("7.5"),
          currentDiscountedPriceSet: bag("5.0"),
          discountAllocations: [{ allocatedAmountSet: bag("2.5", "2.5") }],
          taxLines: [],
        },
      ],
    },
    transactions: [
      {
        id: "gid://shopify/OrderTransaction/1",
        kind: "SALE",
        status: "SUCCESS",
        gateway: "manual",
        processedAt: "2026-10-01T10:00:00Z",
        amountSet: bag("116.75"),
      },
    ],
    lineItems: { nodes: [rawLine()] },
    ...overrides,
  };
}

export function importedOrder(overrides: Record<string, unknown> = {}): ImportedOrder {
  return mapShopifyOrder(rawOrder(overrides));
}
