import { z } from "zod";

import { ID_KINDS, type IdKind } from "./shop-state.ts";
import {
  companyContactSchema,
  companyLocationSchema,
  companyRoleAssignmentSchema,
  companySchema,
} from "./snapshot-schema-company.ts";
import {
  balanceTransactionSchema,
  payoutSchema,
  refundSchema,
  returnSchema,
  transactionSchema,
} from "./snapshot-schema-money.ts";
import {
  type AddressRec,
  type BlobRec,
  BULK_STATUSES,
  type BulkOperationRec,
  type CustomerRec,
  FILE_STATUSES,
  type FileRec,
  FULFILLMENT_ORDER_REQUEST_STATUSES,
  FULFILLMENT_ORDER_STATUSES,
  type FulfillmentOrderRec,
  type FulfillmentRec,
  type FulfillmentServiceRec,
  INVENTORY_POLICIES,
  type InventoryItemRec,
  type LocationRec,
  type MarketingConsentRec,
  type MetafieldRec,
  type OrderRec,
  PRODUCT_OPERATION_STATUSES,
  type ProductRec,
  type ProductSetOperationRec,
  type ShopInfo,
  type TaxLineRec,
  type VariantRec,
  WEIGHT_UNITS,
} from "./store-types.ts";

// Each schema `satisfies` its record type, so a field added to store-types.ts without a
// matching line here fails the type check instead of being silently dropped on restore.

const int = z.number().int();
const str = z.string();
const strOrNull = z.string().nullable();
const keyValue = z.object({ key: str, value: str });

const address = z.object({
  id: int,
  firstName: strOrNull,
  lastName: strOrNull,
  company: strOrNull,
  address1: strOrNull,
  address2: strOrNull,
  city: strOrNull,
  province: strOrNull,
  provinceCode: strOrNull,
  country: strOrNull,
  countryCode: strOrNull,
  zip: strOrNull,
  phone: strOrNull,
}) satisfies z.ZodType<AddressRec>;

const metafield = z.object({
  id: int,
  namespace: str,
  key: str,
  type: str,
  value: str,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<MetafieldRec>;

const fulfillmentService = z.object({
  id: int,
  handle: str,
  serviceName: str,
  ownerApiKey: str,
  callbackUrl: strOrNull,
  trackingSupport: z.boolean(),
  inventoryManagement: z.boolean(),
  requiresShippingMethod: z.boolean(),
}) satisfies z.ZodType<FulfillmentServiceRec>;

const location = z.object({
  id: int,
  name: str,
  code: str,
  address,
  isActive: z.boolean(),
  fulfillmentService: fulfillmentService.nullable(),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<LocationRec>;

const product = z.object({
  id: int,
  title: str,
  handle: str,
  status: str,
  vendor: str,
  productType: str,
  descriptionHtml: str,
  tags: z.array(str),
  options: z.array(z.object({ name: str, values: z.array(str) })),
  variantIds: z.array(int),
  mediaIds: z.array(int),
  metafields: z.array(metafield),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<ProductRec>;

const variant = z.object({
  id: int,
  productId: int,
  title: str,
  sku: strOrNull,
  barcode: strOrNull,
  price: int,
  compareAtPrice: int.nullable(),
  position: int,
  selectedOptions: z.array(z.object({ name: str, value: str })),
  inventoryItemId: int,
  taxable: z.boolean(),
  inventoryPolicy: z.enum(INVENTORY_POLICIES),
  // Snapshots written before bundles were modelled have none.
  requiresComponents: z.boolean().default(false),
  mediaIds: z.array(int),
  metafields: z.array(metafield),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<VariantRec>;

// Snapshots written before the other inventory states were modelled have only available and committed.
const level = z.object({
  available: int,
  committed: int,
  reserved: int.default(0),
  damaged: int.default(0),
  safetyStock: int.default(0),
  qualityControl: int.default(0),
  incoming: int.default(0),
  updatedAt: str,
});

const inventoryItem = z.object({
  id: int,
  variantId: int,
  tracked: z.boolean(),
  cost: int.nullable(),
  requiresShipping: z.boolean(),
  weight: z.object({ value: z.number(), unit: z.enum(WEIGHT_UNITS) }).nullable(),
  levels: z.array(z.tuple([int, level])).transform((entries) => new Map(entries)),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<InventoryItemRec>;

const consent = z.object({
  state: str,
  optInLevel: strOrNull,
  updatedAt: strOrNull,
  collectedFrom: strOrNull,
}) satisfies z.ZodType<MarketingConsentRec>;
const NOT_SUBSCRIBED: MarketingConsentRec = {
  state: "NOT_SUBSCRIBED",
  optInLevel: null,
  updatedAt: null,
  collectedFrom: null,
};

const customer = z.object({
  id: int,
  firstName: strOrNull,
  lastName: strOrNull,
  email: strOrNull,
  phone: strOrNull,
  note: strOrNull,
  tags: z.array(str),
  taxExempt: z.boolean(),
  // Snapshots written before consent, exemptions and locale were modelled: the values the view answered.
  taxExemptions: z.array(str).default([]),
  locale: str.default("en"),
  emailMarketingConsent: consent.default(NOT_SUBSCRIBED),
  smsMarketingConsent: consent.default(NOT_SUBSCRIBED),
  addresses: z.array(address),
  defaultAddressId: int.nullable(),
  metafields: z.array(metafield),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<CustomerRec>;

const taxLine = z.object({ title: str, rate: z.number(), amount: int }) satisfies z.ZodType<TaxLineRec>;

const order = z.object({
  id: int,
  number: int,
  name: str,
  email: strOrNull,
  phone: strOrNull,
  note: strOrNull,
  poNumber: strOrNull,
  tags: z.array(str),
  customAttributes: z.array(keyValue),
  metafields: z.array(metafield),
  customerId: int.nullable(),
  billingAddress: address.nullable(),
  shippingAddress: address.nullable(),
  currency: str,
  presentmentCurrency: str,
  // Snapshots written before presentment amounts were modelled showed shop amounts in both currencies.
  presentmentRate: z.number().positive().default(1),
  taxesIncluded: z.boolean(),
  financialStatus: str,
  fulfillmentStatus: str,
  lineItems: z.array(
    z.object({
      id: int,
      variantId: int.nullable(),
      productId: int.nullable(),
      sku: strOrNull,
      title: str,
      variantTitle: strOrNull,
      vendor: strOrNull,
      quantity: int,
      currentQuantity: int,
      unitPrice: int,
      discount: int,
      taxLines: z.array(taxLine),
      requiresShipping: z.boolean(),
      taxable: z.boolean(),
      customAttributes: z.array(keyValue),
    }),
  ),
  shippingLines: z.array(
    z.object({
      id: int,
      title: str,
      code: strOrNull,
      source: strOrNull,
      price: int,
      discount: int,
      taxLines: z.array(taxLine),
    }),
  ),
  discounts: z.array(
    z.object({
      code: str,
      kind: z.enum(["FIXED", "PERCENTAGE", "FREE_SHIPPING"]),
      amount: int,
      percentage: z.number().nullable(),
    }),
  ),
  taxLines: z.array(taxLine),
  transactions: z.array(transactionSchema),
  sourceName: str,
  test: z.boolean(),
  createdAt: str,
  updatedAt: str,
  processedAt: str,
  cancelledAt: strOrNull,
  cancelReason: strOrNull,
  closedAt: strOrNull,
  retailLocationId: int.nullable(),
  // Snapshots written before orders held committed stock have no claims (their stock stays as it was).
  inventoryClaims: z.array(z.object({ lineItemId: int, itemId: int, locationId: int, quantity: int })).default([]),
  // Snapshots written before B2B orders were modelled hold none.
  companyLocationId: int.nullable().default(null),
  companyContactId: int.nullable().default(null),
  paymentTerms: z
    .object({
      id: int,
      templateId: int,
      name: str,
      type: str,
      dueInDays: int.nullable(),
      issuedAt: str,
      dueAt: strOrNull,
    })
    .nullable()
    .default(null),
}) satisfies z.ZodType<OrderRec>;

const fulfillmentOrder = z.object({
  id: int,
  orderId: int,
  locationId: int.nullable(),
  status: z.enum(FULFILLMENT_ORDER_STATUSES),
  requestStatus: z.enum(FULFILLMENT_ORDER_REQUEST_STATUSES),
  lineItems: z.array(z.object({ id: int, lineItemId: int, totalQuantity: int, remainingQuantity: int })),
  merchantRequests: z.array(
    z.object({
      id: int,
      kind: z.enum(["FULFILLMENT_REQUEST", "CANCELLATION_REQUEST"]),
      message: strOrNull,
      notifyCustomer: z.boolean(),
      sentAt: str,
      responseData: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<FulfillmentOrderRec>;

const fulfillment = z.object({
  id: int,
  orderId: int,
  name: str,
  status: z.enum(["SUCCESS", "CANCELLED"]),
  locationId: int.nullable(),
  fulfillmentOrderIds: z.array(int),
  lineItems: z.array(z.object({ id: int, lineItemId: int, quantity: int })),
  trackingInfo: z.array(z.object({ company: strOrNull, number: strOrNull, url: strOrNull })),
  notifyCustomer: z.boolean(),
  message: strOrNull,
  originAddress: z
    .object({
      address1: strOrNull,
      address2: strOrNull,
      city: strOrNull,
      countryCode: str,
      provinceCode: strOrNull,
      zip: strOrNull,
    })
    .nullable(),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<FulfillmentRec>;

const blob = z.object({
  id: int,
  key: str,
  resource: str,
  filename: str,
  mimeType: str,
  data: strOrNull,
  encoding: z.enum(["utf8", "base64"]),
  size: int,
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<BlobRec>;

const file = z.object({
  id: int,
  kind: z.enum(["IMAGE", "FILE"]),
  alt: strOrNull,
  filename: str,
  originalSource: str,
  blobId: int.nullable(),
  mimeType: strOrNull,
  width: int.nullable(),
  height: int.nullable(),
  status: z.enum(FILE_STATUSES),
  error: z.object({ code: str, message: str, details: strOrNull }).nullable(),
  productIds: z.array(int),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<FileRec>;

const bulkOperation = z.object({
  id: int,
  apiKey: str,
  type: z.enum(["QUERY", "MUTATION"]),
  status: z.enum(BULK_STATUSES),
  query: str,
  stagedUploadPath: strOrNull,
  clientIdentifier: strOrNull,
  errorCode: z.enum(["ACCESS_DENIED", "INTERNAL_SERVER_ERROR", "TIMEOUT"]).nullable(),
  objectCount: int,
  rootObjectCount: int,
  resultBlobId: int.nullable(),
  createdAt: str,
  completedAt: strOrNull,
  updatedAt: str,
}) satisfies z.ZodType<BulkOperationRec>;

const productOperation = z.object({
  id: int,
  status: z.enum(PRODUCT_OPERATION_STATUSES),
  input: z.record(z.string(), z.unknown()).nullable(),
  identifier: z.record(z.string(), z.unknown()).nullable(),
  productId: int.nullable(),
  userErrors: z.array(z.object({ field: z.array(str).nullable(), message: str, code: strOrNull })),
  createdAt: str,
  updatedAt: str,
}) satisfies z.ZodType<ProductSetOperationRec>;

const shopInfo = z.object({
  domain: z.string().endsWith(".myshopify.com"),
  name: str,
  plan: z.enum(["standard", "advanced", "plus"]),
  currencyCode: str,
  email: str,
  createdAt: str,
}) satisfies z.ZodType<ShopInfo>;

/**
 * Id kinds added after version 4 without a version bump (the change only adds): a snapshot written
 * before them has none, and they start where a fresh shop's do.
 */
const ADDED_KINDS: ReadonlySet<IdKind> = new Set([
  "Company",
  "CompanyLocation",
  "CompanyContact",
  "CompanyContactRole",
  "CompanyContactRoleAssignment",
  "CompanyAddress",
  "PaymentTerms",
  "Refund",
  "Return",
  "ShopifyPaymentsPayout",
  "ShopifyPaymentsBalanceTransaction",
]);
const counters = z.object(
  Object.fromEntries(
    ID_KINDS.map((kind) => [kind, ADDED_KINDS.has(kind) ? int.default(1000) : int]),
  ) as unknown as Record<IdKind, z.ZodType<number>>,
);

/** Map entries keyed by record id, turned back into a Map; a key that disagrees with its record is corrupt. */
function byId<S extends z.ZodType<{ id: number }>>(record: S) {
  // zod's generic tuple type does not narrow to a pair here; the schema above guarantees it.
  type Entry = [number, z.output<S>];
  return z
    .array(z.tuple([int, record]))
    .refine(
      (entries) => (entries as unknown as Entry[]).every(([key, rec]) => key === rec.id),
      "an entry's key differs from its record id",
    )
    .transform((entries) => new Map(entries as unknown as Entry[]));
}

/**
 * An `@idempotent` key's stored answer. Plain results (userErrors only) are kept as JSON; a
 * successful inventory adjustment is kept as data and given its lazy fields back on restore.
 */
export const idempotencyResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("json"), value: z.unknown() }),
  z.object({
    kind: z.literal("inventoryAdjustment"),
    id: str,
    createdAt: str,
    reason: str,
    referenceDocumentUri: strOrNull,
    userErrors: z.array(z.unknown()),
    changes: z.array(
      z.object({
        name: str,
        delta: int,
        quantityAfterChange: int.nullable(),
        ledgerDocumentUri: strOrNull,
        itemId: str,
        locationId: str,
      }),
    ),
  }),
]);

export const shopSnapshotSchema = z.object({
  info: shopInfo,
  locations: byId(location),
  products: byId(product),
  variants: byId(variant),
  inventoryItems: byId(inventoryItem),
  customers: byId(customer),
  orders: byId(order),
  fulfillmentOrders: byId(fulfillmentOrder),
  fulfillments: byId(fulfillment),
  blobs: byId(blob),
  files: byId(file),
  bulkOperations: byId(bulkOperation),
  productOperations: byId(productOperation),
  // B2B collections were added without a version bump (additive): older snapshots have none.
  companies: byId(companySchema).prefault([]),
  companyLocations: byId(companyLocationSchema).prefault([]),
  companyContacts: byId(companyContactSchema).prefault([]),
  companyRoleAssignments: byId(companyRoleAssignmentSchema).prefault([]),
  // Refunds, returns and the Shopify Payments ledger were added the same way.
  refunds: byId(refundSchema).prefault([]),
  returns: byId(returnSchema).prefault([]),
  payouts: byId(payoutSchema).prefault([]),
  balanceTransactions: byId(balanceTransactionSchema).prefault([]),
  counters,
  nextOrderNumber: int,
  /** The update-clock watermark (ms since the epoch): restored so `updatedAt` keeps increasing. */
  lastStamp: z.number(),
  /** Event ids derive from it: restored so events after a restart are not taken for replays. */
  eventSeq: int,
  /** The variant-creation throttle's last day of creations: [ms since the epoch, count]. */
  variantCreations: z.array(z.tuple([z.number(), int])),
  /** Variants held without records (the control API's existing-variants), counted by productVariantsCount. */
  existingVariants: int.min(0),
  idempotency: z.array(z.tuple([str, z.object({ fingerprint: str, result: idempotencyResultSchema })])),
});
