import { z } from "zod";

/**
 * An order as the app keeps it after import: the full order read back from the Admin API (never
 * the webhook payload), in one canonical, ERP-neutral shape. The order import writes it; order
 * processing maps it to an ERP sales document; both are pure over this shape.
 *
 * Money is a decimal string, always as a pair: the shop's currency and the buyer's (presentment).
 * Quantities are what is left after refunds and removals (`quantity`), beside what was ordered.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal string");

export const moneyPairSchema = z.object({ shop: decimal, presentment: decimal });
export type MoneyPair = z.infer<typeof moneyPairSchema>;

export const orderAddressSchema = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  provinceCode: z.string().nullable(),
  countryCode: z.string().nullable(),
  phone: z.string().nullable(),
});
export type OrderAddress = z.infer<typeof orderAddressSchema>;

export const taxLineSchema = z.object({
  title: z.string(),
  /** Fraction, e.g. 0.2 for 20 %. */
  rate: z.number().nullable(),
  amount: moneyPairSchema,
});

export const orderLineSchema = z.object({
  shopifyLineId: z.string(),
  sku: z.string().nullable(),
  /** The variant's barcode at import time (product mapping falls back to it). */
  barcode: z.string().nullable(),
  variantId: z.string().nullable(),
  productId: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  /** Current quantity: ordered, minus refunded and removed. */
  quantity: z.number().int().nonnegative(),
  orderedQuantity: z.number().int().nonnegative(),
  /** Price of one unit before discounts. */
  unitPrice: moneyPairSchema,
  /** Every discount allocated to this line (line-level and order-level allocations), in total. */
  discount: moneyPairSchema,
  taxLines: z.array(taxLineSchema),
  requiresShipping: z.boolean(),
  isGiftCard: z.boolean(),
  /** Shopify's tip line (a custom line item with title "Tip" and no variant). */
  isTip: z.boolean(),
  /** The location that fulfils (or fulfilled) the line, when known. */
  fulfillmentLocationId: z.string().nullable(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const shippingLineSchema = z.object({
  title: z.string(),
  code: z.string().nullable(),
  /** Before shipping discounts. */
  price: moneyPairSchema,
  discountedPrice: moneyPairSchema,
  taxLines: z.array(taxLineSchema),
});
export type ShippingLine = z.infer<typeof shippingLineSchema>;

export const transactionSchema = z.object({
  shopifyTransactionId: z.string(),
  kind: z.string(), // SALE, CAPTURE, AUTHORIZATION, REFUND, ...
  status: z.string(), // SUCCESS, PENDING, FAILURE, ...
  gateway: z.string().nullable(),
  amount: moneyPairSchema,
  processedAt: z.string().nullable(),
});

export const importedOrderSchema = z.object({
  /** Format version of this snapshot; bump when the shape changes incompatibly. */
  version: z.literal(1),
  shopifyOrderId: z.string().startsWith("gid://shopify/Order/"),
  /** "#1001": what merchants call the order; the ERP's external document number. */
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  closed: z.boolean(),
  test: z.boolean(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  shopCurrency: z.string(),
  presentmentCurrency: z.string(),
  taxesIncluded: z.boolean(),
  /** Shopify's display statuses, e.g. PAID / PARTIALLY_PAID / PENDING, FULFILLED / UNFULFILLED. */
  financialStatus: z.string().nullable(),
  fulfillmentStatus: z.string().nullable(),
  riskLevel: z.enum(["LOW", "MEDIUM", "HIGH"]).nullable(),
  /** Sales channel (app or source) name, e.g. "Online Store", "Point of Sale". */
  channel: z.string().nullable(),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })),
  /**
   * The B2B buyer (Shopify's purchasingEntity): such an order goes to the company location's ERP
   * customer, never to the contact's consumer customer. Absent in snapshots from before B2B.
   */
  company: z
    .object({ companyId: z.string(), companyName: z.string(), locationId: z.string(), locationName: z.string() })
    .nullable()
    .default(null),
  customer: z
    .object({
      shopifyCustomerId: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
    })
    .nullable(),
  billingAddress: orderAddressSchema.nullable(),
  shippingAddress: orderAddressSchema.nullable(),
  lines: z.array(orderLineSchema),
  shippingLines: z.array(shippingLineSchema),
  discountCodes: z.array(z.string()),
  /** Order-level discount not allocated to any line (becomes the document's invoice discount). */
  unallocatedDiscount: moneyPairSchema,
  totals: z.object({
    subtotal: moneyPairSchema,
    tax: moneyPairSchema,
    discounts: moneyPairSchema,
    shipping: moneyPairSchema,
    total: moneyPairSchema,
  }),
  transactions: z.array(transactionSchema),
});

export type ImportedOrder = z.infer<typeof importedOrderSchema>;
