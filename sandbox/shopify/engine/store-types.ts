import type { PlanName } from "../contracts.ts";
import type { CardRec, TransactionFeeRec } from "./store-types-money.ts";

/** Amounts are integer cents in the shop currency, so totals add up exactly. */
export type Cents = number;

export interface AddressRec {
  id: number;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface MetafieldRec {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** A fulfillment service (a 3PL app's warehouse); Shopify gives each one its own location. */
export interface FulfillmentServiceRec {
  id: number;
  handle: string;
  serviceName: string;
  /** Client id of the app that created it: only that app may accept requests and fulfil its orders. */
  ownerApiKey: string;
  callbackUrl: string | null;
  trackingSupport: boolean;
  inventoryManagement: boolean;
  requiresShippingMethod: boolean;
}

export interface LocationRec {
  id: number;
  name: string;
  code: string;
  address: AddressRec;
  isActive: boolean;
  /** Set when this is a fulfillment service's location. */
  fulfillmentService: FulfillmentServiceRec | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProductRec {
  id: number;
  title: string;
  handle: string;
  status: string;
  vendor: string;
  productType: string;
  descriptionHtml: string;
  tags: string[];
  options: { name: string; values: string[] }[];
  variantIds: number[];
  /** The product's media (file ids), in position order. */
  mediaIds: number[];
  metafields: MetafieldRec[];
  createdAt: string;
  updatedAt: string;
}

export const INVENTORY_POLICIES = ["DENY", "CONTINUE"] as const;
export type InventoryPolicy = (typeof INVENTORY_POLICIES)[number];

export interface VariantRec {
  id: number;
  productId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: Cents;
  compareAtPrice: Cents | null;
  position: number;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: number;
  taxable: boolean;
  inventoryPolicy: InventoryPolicy;
  /** A bundle's parent: sold as its components (ProductVariant.requiresComponents). */
  requiresComponents: boolean;
  /** Media of the product shown for this variant (Shopify allows one). */
  mediaIds: number[];
  metafields: MetafieldRec[];
  createdAt: string;
  updatedAt: string;
}

/** One item's stock at one location, per Shopify inventory state (on_hand is their sum, see inventory-levels.ts). */
export interface LevelRec {
  available: number;
  committed: number;
  reserved: number;
  damaged: number;
  safetyStock: number;
  qualityControl: number;
  incoming: number;
  updatedAt: string;
}

export const WEIGHT_UNITS = ["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"] as const;
export interface WeightRec {
  value: number;
  unit: (typeof WEIGHT_UNITS)[number];
}

export interface InventoryItemRec {
  id: number;
  variantId: number;
  tracked: boolean;
  cost: Cents | null;
  requiresShipping: boolean;
  weight: WeightRec | null;
  /** Keyed by location id. */
  levels: Map<number, LevelRec>;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRec {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  taxExempt: boolean;
  /** TaxExemption enum values (e.g. EU_REVERSE_CHARGE_EXEMPTION_RULE). */
  taxExemptions: string[];
  locale: string;
  emailMarketingConsent: MarketingConsentRec;
  smsMarketingConsent: MarketingConsentRec;
  addresses: AddressRec[];
  defaultAddressId: number | null;
  metafields: MetafieldRec[];
  createdAt: string;
  updatedAt: string;
}

/**
 * A customer's consent to email or SMS marketing: the state as CustomerEmailMarketingState /
 * CustomerSmsMarketingState name it, how it was given, when it last changed.
 */
export interface MarketingConsentRec {
  state: string;
  optInLevel: string | null;
  updatedAt: string | null;
  /** SMS only: where it was collected (CustomerConsentCollectedFrom); null otherwise. */
  collectedFrom: string | null;
}

export interface TaxLineRec {
  title: string;
  rate: number;
  amount: Cents;
}

export interface LineItemRec {
  id: number;
  variantId: number | null;
  productId: number | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  vendor: string | null;
  quantity: number;
  currentQuantity: number;
  unitPrice: Cents;
  /** Share of order discounts allocated to this line (whole line, not per unit). */
  discount: Cents;
  taxLines: TaxLineRec[];
  requiresShipping: boolean;
  taxable: boolean;
  customAttributes: { key: string; value: string }[];
}

export interface ShippingLineRec {
  id: number;
  title: string;
  code: string | null;
  source: string | null;
  price: Cents;
  discount: Cents;
  taxLines: TaxLineRec[];
}

export interface DiscountRec {
  code: string;
  kind: "FIXED" | "PERCENTAGE" | "FREE_SHIPPING";
  amount: Cents;
  percentage: number | null;
}

export interface TransactionRec {
  id: number;
  kind: string;
  status: string;
  gateway: string;
  /** Shop currency. */
  amount: Cents;
  /** The same amount in the order's presentment currency. */
  presentmentAmount: Cents;
  processedAt: string;
  test: boolean;
  /** The authorization a capture or void settles, the sale or capture a refund pays back. */
  parentId: number | null;
  /** Shopify Payments' processing fees (none for other gateways). */
  fees: TransactionFeeRec[];
  card: CardRec | null;
  errorCode: string | null;
  /** The gift card paid with (gateway gift_card). */
  giftCardId: number | null;
  /** The gateway's receipt as given to orderCreate (JSON text), null when none was. */
  receiptJson: string | null;
}

export interface OrderRec {
  id: number;
  number: number;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  customAttributes: { key: string; value: string }[];
  metafields: MetafieldRec[];
  customerId: number | null;
  billingAddress: AddressRec | null;
  shippingAddress: AddressRec | null;
  currency: string;
  presentmentCurrency: string;
  /**
   * Presentment units per shop unit, from the amounts orderCreate was given in both currencies
   * (1 when they are the same currency): order money shows in presentment as shop cents × rate.
   */
  presentmentRate: number;
  taxesIncluded: boolean;
  financialStatus: string;
  fulfillmentStatus: string;
  lineItems: LineItemRec[];
  shippingLines: ShippingLineRec[];
  discounts: DiscountRec[];
  /** Order-level tax lines given directly in the input (on top of line/shipping tax lines). */
  taxLines: TaxLineRec[];
  transactions: TransactionRec[];
  sourceName: string;
  test: boolean;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  /** The POS location the order was sold at; its fulfillment orders are assigned there. */
  retailLocationId: number | null;
  /** Units of its lines the order holds as `committed` stock, per location (see order-stock.ts). */
  inventoryClaims: InventoryClaimRec[];
  /** Set when a B2B buyer placed it for a company location (the order's purchasingEntity). */
  companyLocationId: number | null;
  companyContactId: number | null;
  /** Payment terms copied from the location's buyer experience when the order was placed. */
  paymentTerms: OrderPaymentTermsRec | null;
}

export interface OrderPaymentTermsRec {
  id: number;
  templateId: number;
  name: string;
  type: string;
  dueInDays: number | null;
  issuedAt: string;
  dueAt: string | null;
}

export interface InventoryClaimRec {
  lineItemId: number;
  itemId: number;
  locationId: number;
  quantity: number;
}

export const FULFILLMENT_ORDER_STATUSES = [
  "OPEN",
  "IN_PROGRESS",
  "CLOSED",
  "CANCELLED",
  "ON_HOLD",
  "INCOMPLETE",
  "SCHEDULED",
] as const;
export type FulfillmentOrderStatus = (typeof FULFILLMENT_ORDER_STATUSES)[number];

export const FULFILLMENT_ORDER_REQUEST_STATUSES = [
  "UNSUBMITTED",
  "SUBMITTED",
  "ACCEPTED",
  "REJECTED",
  "CANCELLATION_REQUESTED",
  "CANCELLATION_ACCEPTED",
  "CANCELLATION_REJECTED",
  "CLOSED",
] as const;
export type FulfillmentOrderRequestStatus = (typeof FULFILLMENT_ORDER_REQUEST_STATUSES)[number];

export interface FulfillmentOrderLineItemRec {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

/** A merchant's request to a fulfillment service, with the service's answer once it gives one. */
export interface MerchantRequestRec {
  id: number;
  kind: "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST";
  message: string | null;
  notifyCustomer: boolean;
  sentAt: string;
  responseData: Record<string, unknown> | null;
}

/** The units of one order that one location is to ship (Shopify's FulfillmentOrder). */
export interface FulfillmentOrderRec {
  id: number;
  orderId: number;
  /** Null only in a shop that has no location at all. */
  locationId: number | null;
  status: FulfillmentOrderStatus;
  requestStatus: FulfillmentOrderRequestStatus;
  lineItems: FulfillmentOrderLineItemRec[];
  merchantRequests: MerchantRequestRec[];
  createdAt: string;
  updatedAt: string;
}

export interface TrackingRec {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface FulfillmentLineItemRec {
  id: number;
  lineItemId: number;
  quantity: number;
}

export interface OriginAddressRec {
  address1: string | null;
  address2: string | null;
  city: string | null;
  countryCode: string;
  provinceCode: string | null;
  zip: string | null;
}

/** Units shipped from one location for one order (Shopify's Fulfillment). */
export interface FulfillmentRec {
  id: number;
  orderId: number;
  name: string;
  status: "SUCCESS" | "CANCELLED";
  locationId: number | null;
  fulfillmentOrderIds: number[];
  lineItems: FulfillmentLineItemRec[];
  trackingInfo: TrackingRec[];
  notifyCustomer: boolean;
  message: string | null;
  originAddress: OriginAddressRec | null;
  createdAt: string;
  updatedAt: string;
}

export interface ShopInfo {
  domain: string;
  name: string;
  plan: PlanName;
  currencyCode: string;
  email: string;
  createdAt: string;
}

/**
 * Bytes the sandbox keeps and serves under `key` (a path below its storage route): staged uploads
 * (empty until the client uploads), the files made from them, bulk operation results.
 */
export interface BlobRec {
  id: number;
  /** Unique per store, starts with the shop's handle segment (e.g. `tmp/demo-shop/bulk/<uuid>/bulk_op_vars`). */
  key: string;
  /** The stagedUploadsCreate resource, or "BULK_RESULT" / "FILE_CONTENT" for what the store wrote itself. */
  resource: string;
  filename: string;
  mimeType: string;
  /** Null until uploaded. Text (JSONL) is kept as is, anything else as base64. */
  data: string | null;
  encoding: "utf8" | "base64";
  size: number;
  createdAt: string;
  updatedAt: string;
}

export const FILE_STATUSES = ["UPLOADED", "PROCESSING", "READY", "FAILED"] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** A file of the Files page: an image (MediaImage, also used as product media) or any other file (GenericFile). */
export interface FileRec {
  id: number;
  kind: "IMAGE" | "FILE";
  alt: string | null;
  filename: string;
  /** What the caller gave as originalSource. */
  originalSource: string;
  /** The stored bytes once the source was read; null while processing or when it could not be. */
  blobId: number | null;
  mimeType: string | null;
  width: number | null;
  height: number | null;
  status: FileStatus;
  /** FileErrorCode and message when the file FAILED. */
  error: { code: string; message: string; details: string | null } | null;
  /** Products that show this file as media. */
  productIds: number[];
  createdAt: string;
  updatedAt: string;
}

export const BULK_STATUSES = ["CREATED", "RUNNING", "COMPLETED", "CANCELING", "CANCELED", "FAILED", "EXPIRED"] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export interface BulkOperationRec {
  id: number;
  /** The app that ran it: only that app sees it and gets its bulk_operations/finish. */
  apiKey: string;
  type: "QUERY" | "MUTATION";
  status: BulkStatus;
  /** The bulk query, or the mutation run once per line. */
  query: string;
  stagedUploadPath: string | null;
  clientIdentifier: string | null;
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  objectCount: number;
  rootObjectCount: number;
  /** The blob holding the result file (COMPLETED) or the partial one (FAILED, CANCELED). */
  resultBlobId: number | null;
  createdAt: string;
  completedAt: string | null;
  updatedAt: string;
}

export const PRODUCT_OPERATION_STATUSES = ["CREATED", "ACTIVE", "COMPLETE"] as const;

/** An asynchronous productSet (`synchronous: false`) and what it did. */
export interface ProductSetOperationRec {
  id: number;
  status: (typeof PRODUCT_OPERATION_STATUSES)[number];
  /** The arguments, kept until the operation has run (so a restart can still run it). */
  input: Record<string, unknown> | null;
  identifier: Record<string, unknown> | null;
  productId: number | null;
  userErrors: { field: string[] | null; message: string; code: string | null }[];
  createdAt: string;
  updatedAt: string;
}
