import { type ShopSettings, shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import type {
  ImportedOrder,
  MoneyPair,
  OrderAddress,
  OrderLine,
} from "../../../app/.server/tasks/orders-sync/imported-order.ts";

/** Same amount in shop and presentment currency. */
export const money = (amount: string, presentment = amount): MoneyPair => ({ shop: amount, presentment });

export const address = (overrides: Partial<OrderAddress> = {}): OrderAddress => ({
  firstName: "Liam",
  lastName: "Garcia",
  company: null,
  address1: "290 Oak Ave",
  address2: null,
  city: "Ashland",
  zip: "59415",
  provinceCode: "CA",
  countryCode: "US",
  phone: null,
  ...overrides,
});

let lineCounter = 0;

export function orderLine(overrides: Partial<OrderLine> = {}): OrderLine {
  lineCounter += 1;
  return {
    shopifyLineId: `gid://shopify/LineItem/${lineCounter}`,
    sku: "10001-V01",
    barcode: null,
    variantId: `gid://shopify/ProductVariant/${lineCounter}`,
    productId: "gid://shopify/Product/1",
    title: "Urban T-Shirt",
    variantTitle: "S",
    quantity: 1,
    orderedQuantity: overrides.quantity ?? 1,
    unitPrice: money("10.00"),
    discount: money("0.00"),
    taxLines: [],
    requiresShipping: true,
    isGiftCard: false,
    isTip: false,
    fulfillmentLocationId: null,
    ...overrides,
  };
}

let orderCounter = 1000;

/** A valid imported order; totals are whatever the test sets (the mapper never reads them). */
export function importedOrder(overrides: Partial<ImportedOrder> = {}): ImportedOrder {
  orderCounter += 1;
  return {
    version: 1,
    company: null,
    shopifyOrderId: `gid://shopify/Order/${orderCounter}`,
    name: `#${orderCounter}`,
    createdAt: "2026-10-05T10:00:00Z",
    updatedAt: "2026-10-05T10:00:00Z",
    processedAt: "2026-10-05T10:00:00Z",
    cancelledAt: null,
    closed: false,
    test: false,
    email: "liam.garcia.001@example.com",
    phone: null,
    shopCurrency: "USD",
    presentmentCurrency: "USD",
    taxesIncluded: false,
    financialStatus: "PAID",
    fulfillmentStatus: "UNFULFILLED",
    riskLevel: "LOW",
    channel: "Online Store",
    tags: [],
    note: null,
    customAttributes: [],
    customer: {
      shopifyCustomerId: "gid://shopify/Customer/1",
      email: "liam.garcia.001@example.com",
      phone: "+15558939741",
      firstName: "Liam",
      lastName: "Garcia",
    },
    billingAddress: address(),
    shippingAddress: address(),
    lines: [orderLine()],
    shippingLines: [],
    discountCodes: [],
    unallocatedDiscount: money("0.00"),
    totals: {
      subtotal: money("10.00"),
      tax: money("0.00"),
      discounts: money("0.00"),
      shipping: money("0.00"),
      total: money("10.00"),
    },
    transactions: [],
    ...overrides,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Default settings with a few sections overridden (parsed, so defaults fill the rest). */
export function settings(overrides: DeepPartial<ShopSettings> = {}): ShopSettings {
  return shopSettingsSchema.parse(overrides);
}
