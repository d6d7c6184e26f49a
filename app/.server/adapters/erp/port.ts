import type {
  Decimal,
  ErpAddress,
  ErpEntity,
  ErpEntityMap,
  ErpItem,
  ErpStockCalculation,
  ErpWeight,
  SalesDocumentType,
} from "./types.ts";

/** What this ERP connection can do; the engine hides or skips features accordingly. */
export interface ErpCapabilities {
  /** Stock per item, variant and location (BC: only with the companion extension). */
  perLocationStock: boolean;
  /** The stock calculations offered (empty without per-location stock); the first is the default. */
  stockCalculations: readonly ErpStockCalculation[];
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
  /** Items have a picture the adapter reads and writes (BC: API v2.0 `items({id})/picture`). */
  itemPictures: boolean;
  /** Item variants have a picture of their own (BC: `itemVariants({id})/picture`, newer versions). */
  variantPictures: boolean;
  /** `updateItem`, `upsertItem` and `createItemVariant` work. */
  itemWrites: boolean;
  /** Sales blocked, vendor, vendor item number and weight on items (BC: companion extension). */
  itemDetails: boolean;
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

/** One page of an entity's keys: every record the ERP has now, whatever its change time. */
export interface KeyPage {
  ids: string[];
  /** Pass back for the next page; meaningless once `hasMore` is false. */
  cursor: string;
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

/** A refund of a Shopify order as the ERP's sales credit memo (BC: Sales Credit Memo). */
export interface CreditMemoInput {
  /** The refund's key (found by it, so a retry never makes a second); at most 35 characters, never cut. */
  externalDocumentNumber: string;
  customerNumber: string;
  currencyCode?: string;
  pricesIncludeTax: boolean;
  /** YYYY-MM-DD. */
  creditMemoDate: string;
  /** The posted invoice the credit memo is applied to (BC: Applies-to Doc. No.); absent = unapplied. */
  appliesToInvoiceNumber?: string;
  /** Item lines (restocked) and account lines (refund, non-restock, shipping, the rest). */
  lines: SalesDocumentLineInput[];
}

export interface FoundSalesDocument extends ErpDocumentRef {
  /** Where it was found: still open, or already turned into a posted document. */
  source: "salesOrder" | "salesInvoice" | "salesShipment";
}

export interface CustomerInput {
  /** How Shopify identifies this customer to us: the ERP number once linked, else the email. */
  shopifyKey:
    | { kind: "number"; value: string }
    | { kind: "email"; value: string }
    /**
     * A B2B company (or one of its locations) being created: found again by its main contact's
     * e-mail, else its name, among company customers only, so a retry after a crash finds the
     * customer the first attempt made, and a consumer with the same e-mail is never taken for it.
     */
    | { kind: "company"; email: string; name: string };
  displayName: string;
  /** BC: Name 2 and Contact. API v2.0 has neither field: the BC adapter leaves them out. */
  name2?: string;
  contact?: string;
  type?: "person" | "company";
  email?: string;
  phoneNumber?: string;
  address?: ErpAddress;
  currencyCode?: string;
  /** Sent as false for a customer Shopify knows as tax exempt; absent = the template's. */
  taxLiable?: boolean;
  /** On create only: copy terms (tax, payment, shipment, currency, credit limit) from this ERP customer. */
  templateNumber?: string;
  /** BC: VAT Registration No. */
  taxRegistrationNumber?: string;
  /** BC: Registration Number (the companion extension's page; refused without it). */
  registrationNumber?: string;
  /** The ERP's payment terms code (BC: Payment Terms); refused when the ERP has no such terms. */
  paymentTermsCode?: string;
  /**
   * The caller knows the ERP has no customer with this key (a complete mirror has none, and no
   * earlier attempt can have made one): the adapter may create without looking first.
   */
  knownNew?: boolean;
}

export interface ItemInput {
  number: string;
  displayName: string;
  type?: "inventory" | "service" | "nonInventory";
  unitPrice?: Decimal;
  gtin?: string;
  baseUnitOfMeasureCode?: string;
  displayName2?: string;
  unitCost?: Decimal;
  itemCategoryCode?: string;
  /**
   * On create only: copy type, category, unit of measure, tax and posting groups from this ERP item
   * (BC's API v2.0 has no item templates: a merchant keeps a template *item*, as for customers).
   */
  templateNumber?: string;
}

/** Fields `updateItem` can change; absent ones are left as they are. */
export interface ErpItemPatch {
  displayName?: string;
  displayName2?: string;
  type?: ErpItem["type"];
  blocked?: boolean;
  gtin?: string;
  unitPrice?: Decimal;
  unitCost?: Decimal;
  priceIncludesTax?: boolean;
  itemCategoryCode?: string;
  baseUnitOfMeasureCode?: string;
  /** Needs the `itemDetails` capability (else UNSUPPORTED), as do the fields below. */
  salesBlocked?: boolean;
  /** A vendor's name; one the ERP does not know is a VALIDATION error. */
  vendor?: string;
  vendorItemNumber?: string;
  weight?: ErpWeight;
}

/** The record's version and change time after a write (feed them to echo suppression). */
export interface ErpRecordVersion {
  version: string;
  modifiedAt: string;
}

export interface ItemVariantInput {
  itemNumber: string;
  /** The variant's code (BC: Code[10], stored in upper case); the key with the item. */
  code: string;
  description: string;
}

export interface BarcodeInput {
  itemNumber: string;
  /** "" for the item itself. */
  variantCode: string;
  /** EAN/UPC/GTIN as Shopify holds it. */
  barcode: string;
}

/** A picture's bytes as the ERP holds them. */
export interface ErpPicture {
  contentType: string;
  bytes: Uint8Array;
  /** The same value `ErpPictureInfo.version` has for this content. */
  version: string;
}

/**
 * What a shop sells at (BC: the shop card's pricing fields, which feed a sales quote). Plain data:
 * the core builds it from the shop's settings.
 */
export interface ErpPriceContext {
  /** The customer price group prices are for (BC: Customer Price Group); "" = list prices for everyone. */
  priceGroup: string;
  /** Prices for this customer apply too (a B2B catalog's customer); absent = none. */
  customerNumber?: string;
  /** The shop's currency as the ERP codes it; "" = the ERP's local currency. */
  currencyCode: string;
  /** The shop's prices include tax (BC: Prices Including VAT). */
  pricesIncludeTax: boolean;
  /**
   * Tax rate in percent used to convert a price entered with tax into one without (or back) when
   * the ERP's price and the shop differ (BC: the VAT % of the shop's VAT posting setup). Default 0.
   */
  taxRatePercent?: number;
  /** YYYY-MM-DD: the day prices are for (BC: WorkDate); starting and ending dates are checked against it. */
  date: string;
}

/** One item to price, with the item card data the pull delivered (the fallback price and the cost). */
export interface ErpPriceRequest {
  item: Pick<ErpItem, "number" | "unitPrice" | "unitCost" | "priceIncludesTax" | "baseUnitOfMeasureCode">;
  /** The variants to price; "" prices the item itself. */
  variantCodes: readonly string[];
}

export interface ErpVariantPrice {
  itemNumber: string;
  /** "" for the item itself. */
  variantCode: string;
  /** null: nothing prices it in this context (e.g. no price in the shop's currency): leave Shopify's as it is. */
  price: Decimal | null;
  /**
   * The price before a line discount, when one applies (BC's connector: the quote line's Unit
   * Price against its Line Amount). null: the ERP sets no compare-at price here, which is not an
   * instruction to clear one the merchant set in Shopify.
   */
  compareAtPrice: Decimal | null;
  unitCost: Decimal;
  /** What set the price, for the run record: e.g. "price list WHOLESALE line 10000", "item card". */
  source: string;
}

/** How order processing looks for the ERP customer a Shopify buyer is. */
export type CustomerLookup =
  | { number: string }
  /** Case-insensitive; `companiesOnly` looks among company customers alone (a B2B company's main contact). */
  | { email: string; companiesOnly?: boolean }
  /** Compared digits only, so "+1 (555) 010-0123" finds "555-0100123". */
  | { phone: string; companiesOnly?: boolean }
  /** A company's tax id, in the ERP field the shop chose (BC: Company Tax Id Mapping). */
  | { taxId: string; field: "vat_registration_number" | "registration_number" }
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
  /** The ERP's payment method (the shop's mapping of gateway and card brand); refused when the ERP has none such. */
  paymentMethodCode?: string;
  /** Where the ERP records it (BC: the customer payment journal batch); absent = the adapter's default. */
  journalCode?: string;
}

/**
 * A balanced journal entry (a Shopify payout: net to the bank, fees, the gross out of a clearing
 * account), keyed by its external document number. Debits positive, credits negative; they sum to 0.
 */
export interface JournalEntryInput {
  externalDocumentNumber: string;
  postingDate: string;
  /** Where the ERP records it (BC: a general journal batch); absent = the adapter's default. */
  journalCode?: string;
  lines: Array<{ account: { type: "bank" | "gl"; number: string }; amount: Decimal; description: string }>;
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
   * The ids of every record of the entity, page by page in key order: how the core learns of
   * deletions, which a delta pull never shows (BC's API v2.0 has no deleted-records feed).
   */
  listKeys(entity: ErpEntity, request?: PullRequest): Promise<KeyPage>;
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
  /**
   * Changes an item if it is still at `version` (a pulled record's version); a stale version is a
   * CONFLICT with retryable false (pull it again, decide again). Returns the new version.
   */
  updateItem(itemId: string, patch: ErpItemPatch, version: string): Promise<ErpRecordVersion>;
  /** Finds the variant by item and code first; creates it otherwise (`ref.number` is the code). */
  createItemVariant(input: ItemVariantInput): Promise<WriteResult>;
  /**
   * Makes `barcode` the item's (or variant's) barcode: found as it is ⇒ `created: false`; another
   * barcode of that variant is changed to it; none ⇒ one is added (`ref.number` is the barcode).
   * Needs the `barcodes` capability (else UNSUPPORTED).
   */
  upsertBarcode(input: BarcodeInput): Promise<WriteResult>;
  /** The item's picture, or its variant's when `variantId` is given; null when there is none. */
  readItemPicture(itemId: string, variantId?: string): Promise<ErpPicture | null>;
  /** Replaces the item's (or variant's) picture; returns the picture's new version. */
  writeItemPicture(
    itemId: string,
    picture: { contentType: string; bytes: Uint8Array },
    variantId?: string,
  ): Promise<{ version: string }>;
  /**
   * Prices, compare-at prices and unit costs of items and variants for a price context, by the
   * ERP's own rules (BC: best price over the applicable price list lines, line discounts, item card
   * fallback). A port method rather than a core function on pulled price lines: how lines combine
   * differs per ERP, and the core must stay ERP-neutral. One answer per requested variant code.
   */
  pricesFor(context: ErpPriceContext, items: readonly ErpPriceRequest[]): Promise<ErpVariantPrice[]>;
  /** For a picker: the accounts a sales line may be charged to (BC: posting, direct posting, not blocked), by number. */
  listSalesLineAccounts(): Promise<ErpAccount[]>;
  /** A customer payment keyed by its external document number: found first, so a retry adds none. */
  recordPayment(input: PaymentInput): Promise<WriteResult>;
  /**
   * The payment with this external document number, while the ERP can still find it by that
   * number (BC: an unposted journal line); null when it cannot.
   */
  findPayment(input: { externalDocumentNumber: string; journalCode?: string }): Promise<ErpDocumentRef | null>;
  /**
   * Records the entry unposted, found by its external document number first (lines made by an
   * earlier attempt are kept; only missing ones are added). Refused when the lines do not balance.
   */
  recordJournalEntry(input: JournalEntryInput): Promise<WriteResult>;
  /** The entry with this external document number while the ERP can find it by it (BC: unposted lines); null otherwise. */
  findJournalEntry(input: { externalDocumentNumber: string; journalCode?: string }): Promise<ErpDocumentRef | null>;
  /** A draft sales credit memo with its lines, found by its external document number first. */
  createCreditMemo(input: CreditMemoInput): Promise<WriteResult>;
  /**
   * The same as a sales return order (BC: received, then credited, in the ERP), found by its
   * external document number first. BC: needs the companion extension (CONFIG otherwise).
   */
  createReturnOrder(input: CreditMemoInput): Promise<WriteResult>;
}
