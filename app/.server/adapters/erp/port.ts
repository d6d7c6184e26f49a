import type { Decimal, ErpAddress, ErpEntity, ErpEntityMap, SalesDocumentType } from "./types.ts";

/** What this ERP connection can do; the engine hides or skips features accordingly. */
export interface ErpCapabilities {
  /** Stock per item, variant and location (BC: only with the companion extension). */
  perLocationStock: boolean;
  /** Price list lines (BC: companion extension). */
  priceLists: boolean;
  /** Shipping agent, service and tracking number on posted shipments (BC: companion extension). */
  trackingNumbers: boolean;
  /** Item references / barcodes (BC: companion extension). */
  barcodes: boolean;
  /** B2B: customers can be companies. */
  companies: boolean;
  /** The ERP pushes change notifications (the engine still polls to reconcile). */
  webhooks: boolean;
  /** `postDocument` works. */
  posting: boolean;
  /** Most operations one multi-call request may hold (BC $batch: 100). */
  batchSize: number;
  /** Most requests in flight per connection (BC: 5). */
  maxConcurrency: number;
  /** Largest `pageSize` worth asking for. */
  maxPageSize: number;
}

/**
 * The ERP's field sizes the core must respect before it writes (it never cuts a value: a cut
 * order name could match another order's document). Plain data, so the pure core takes it as a
 * parameter; the same shape is repeated in `mapping/erp-limits.ts`.
 */
export interface ErpLimits {
  /** Longest item number (BC: Code[20]). */
  itemNumberMaxLength: number;
  /** Longest external document number, the Shopify order name (BC: Code[35]). */
  externalDocumentNumberMaxLength: number;
  /** Longest address parts; longer ones are cut (an address is shown, never matched on). BC: Address 100, Address 2 50, City 30, County 30, Post Code 20, Name 100. */
  address: { line1: number; line2: number; city: number; state: number; postalCode: number; name: number };
}

export interface ErpCompany {
  id: string;
  name: string;
  displayName: string;
}

export interface PullRequest {
  /** From the previous page; null or absent for the first pull ever (or after a reset). */
  cursor?: string | null;
  /** Records per page; the adapter clamps to `maxPageSize`. */
  pageSize?: number;
}

export interface PulledRecord<T> {
  /** The ERP's stable key (BC: SystemId). */
  id: string;
  /** ISO timestamp of the last change. */
  modifiedAt: string;
  /** Optimistic-concurrency token (BC: @odata.etag). Dedupe on (id, version). */
  version?: string;
  data: T;
}

/**
 * One page of changes. Delivery is at least once: a record can come again (overlap window,
 * modified between pages), never zero times. Store `cursor` only after the page is applied.
 */
export interface PullPage<T> {
  records: Array<PulledRecord<T>>;
  cursor: string;
  /** More pages are waiting now; false when this pass is done (pull again later for new changes). */
  hasMore: boolean;
}

export interface ErpDocumentRef {
  id: string;
  number: string;
}

export interface WriteResult {
  ref: ErpDocumentRef;
  /** false: a record with this Shopify identity already existed and was returned (or updated). */
  created: boolean;
}

export interface SalesDocumentWriteResult extends WriteResult {
  /**
   * The ERP's reference of each document line, in the order of `input.lines` (BC: the line's
   * Line No., which posting copies onto shipment lines as their order line). Posted shipment
   * lines name the order line they ship by this reference. null when the ERP cannot tell which
   * line is which (a found document whose lines were edited since): shipments then match by item.
   */
  lineRefs: string[] | null;
}

export interface SalesDocumentLineInput {
  type: "item" | "account" | "charge" | "comment";
  /** Item number, G/L account or charge number; "" for comments. */
  number: string;
  variantCode?: string;
  locationCode?: string;
  quantity: number;
  unitPrice: Decimal;
  discountAmount?: Decimal;
  description?: string;
}

export interface SalesDocumentInput {
  type: SalesDocumentType;
  /** The Shopify order number (e.g. "#1001"); at most 35 characters, never cut. */
  externalDocumentNumber: string;
  /** The document's own number; absent = the ERP's number series (BC needs Manual Nos. for this). */
  documentNumber?: string;
  customerNumber: string;
  currencyCode?: string;
  pricesIncludeTax: boolean;
  /** YYYY-MM-DD. */
  orderDate: string;
  addresses: { sellTo?: ErpAddress; billTo?: ErpAddress; shipTo?: ErpAddress & { name?: string } };
  lines: SalesDocumentLineInput[];
  invoiceDiscountAmount?: Decimal;
}

export interface FoundSalesDocument extends ErpDocumentRef {
  /** Where it was found: still open, or already turned into a posted document. */
  source: "salesOrder" | "salesInvoice" | "salesShipment";
}

export interface CustomerInput {
  /** How Shopify identifies this customer to us: the ERP number once linked, else the email. */
  shopifyKey: { kind: "number"; value: string } | { kind: "email"; value: string };
  displayName: string;
  type?: "person" | "company";
  email?: string;
  phoneNumber?: string;
  address?: ErpAddress;
  currencyCode?: string;
  /** On create only: copy terms (tax, payment, shipment, currency, credit limit) from this ERP customer. */
  templateNumber?: string;
}

export interface ItemInput {
  number: string;
  displayName: string;
  type?: "inventory" | "service" | "nonInventory";
  unitPrice?: Decimal;
  gtin?: string;
  baseUnitOfMeasureCode?: string;
}

/** How order processing looks for the ERP customer a Shopify buyer is. */
export type CustomerLookup =
  | { number: string }
  /** Case-insensitive. */
  | { email: string }
  /** Compared digits only, so "+1 (555) 010-0123" finds "555-0100123". */
  | { phone: string }
  /** Name, address line 1, post code, city and country all equal (case-insensitive). */
  | { billTo: { name: string; line1: string; line2: string; postalCode: string; city: string; countryCode: string } };

/** An item (with a variant) by number, by a variant code alone (first match), or by barcode. */
export type ItemLookup = { number: string; variantCode?: string } | { variantCode: string } | { barcode: string };

export interface FoundCustomer {
  number: string;
  displayName: string;
  email: string;
  city: string;
}

export interface FoundItem {
  itemNumber: string;
  /** "" for the item itself. */
  variantCode: string;
  displayName: string;
}

/** A G/L account an order's non-item lines (shipping, tips, gift cards) can be charged to. */
export interface ErpAccount {
  number: string;
  displayName: string;
  /** The ERP's account category (BC: Income, Liabilities, Expense, …), for grouping in a picker. */
  category: string;
}

export interface SearchOptions {
  /** Most records to return. Default 20, at most 50. */
  limit?: number;
}

export interface PaymentInput {
  /** The Shopify transaction or order key the payment line is found by. */
  externalDocumentNumber: string;
  customerNumber: string;
  /** Positive = money received. */
  amount: Decimal;
  postingDate: string;
  appliesToInvoiceNumber?: string;
  description?: string;
}

/**
 * The sync engine's only view of an ERP (DESIGN.md "ports, not SDKs"). Every method throws
 * `ErpError`; writes are idempotent by their Shopify key, so a retried job never doubles a record.
 */
export interface ErpAdapter {
  /** The registry id of the adapter kind (`erp/erp-kinds.ts`), e.g. "business_central". */
  readonly kind: string;
  /** Field sizes the core checks before writing. */
  readonly limits: ErpLimits;
  /** Probed once per adapter instance and cached. */
  capabilities(): Promise<ErpCapabilities>;
  /** Checks credentials and lists companies; needs no company chosen. */
  testConnection(): Promise<{ companies: ErpCompany[] }>;
  pull<E extends ErpEntity>(entity: E, request?: PullRequest): Promise<PullPage<ErpEntityMap[E]>>;
  /**
   * Finds by Shopify order number first (orders, invoices and shipments), then creates header +
   * lines at once. `lineRefs` names the document's lines, one per input line in input order.
   */
  createSalesDocument(input: SalesDocumentInput): Promise<SalesDocumentWriteResult>;
  findSalesDocument(externalDocumentNumber: string): Promise<FoundSalesDocument | null>;
  /** Removes an unposted document (cleanup of a half-made one); a missing one is not an error. */
  deleteSalesDocument(ref: { type: SalesDocumentType; id: string }): Promise<void>;
  /** Orders: ship and invoice; invoices: post. UNSUPPORTED when `posting` is off. */
  postDocument(ref: { type: SalesDocumentType; id: string }): Promise<void>;
  upsertCustomer(input: CustomerInput): Promise<WriteResult>;
  /** The first customer matching; null when none does. */
  findCustomer(lookup: CustomerLookup): Promise<FoundCustomer | null>;
  /** The item (and variant) matching; null when none does. Barcodes need the `barcodes` capability, else GTIN. */
  findItem(lookup: ItemLookup): Promise<FoundItem | null>;
  /** For a picker: number prefix, or name / e-mail containing the text. */
  searchCustomers(text: string, options?: SearchOptions): Promise<FoundCustomer[]>;
  /** For a picker: items and item variants by number prefix or name. */
  searchItems(text: string, options?: SearchOptions): Promise<FoundItem[]>;
  upsertItem(input: ItemInput): Promise<WriteResult>;
  /** For a picker: the accounts a sales line may be charged to (BC: posting, direct posting, not blocked), by number. */
  listSalesLineAccounts(): Promise<ErpAccount[]>;
  recordPayment(input: PaymentInput): Promise<WriteResult>;
}
