/**
 * Canonical records the sync engine sees, whatever the ERP. Money is a decimal string ("12.5",
 * "-3.25"), like Shopify's MoneyV2.amount: it crosses our code unchanged, never passes through
 * float arithmetic, and the adapter converts at its edge. Quantities are plain numbers.
 * Dates are "YYYY-MM-DD"; timestamps are ISO 8601 UTC.
 */
export type Decimal = string;

export interface ErpAddress {
  line1: string;
  line2: string;
  city: string;
  /** State, province or county code. */
  state: string;
  /** ISO 3166-1 alpha-2 where the ERP keeps one. */
  countryCode: string;
  postalCode: string;
}

/** A picture as the ERP describes it, without its bytes (those: `readItemPicture`). */
export interface ErpPictureInfo {
  /**
   * Changes whenever the picture does (BC: the picture's @odata.etag). Equal to the version last
   * synced ⇒ the picture is unchanged, with no download. Opaque: compare, never parse.
   */
  version: string;
  /** MIME type, e.g. "image/jpeg". */
  contentType: string;
  width: number;
  height: number;
}

export interface ErpWeight {
  value: number;
  unit: "kg" | "g" | "lb" | "oz";
}

export interface ErpItem {
  number: string;
  displayName: string;
  /** A second description line (BC: Description 2); "" when none. */
  displayName2: string;
  type: "inventory" | "service" | "nonInventory";
  /** Blocked for everything; the product sync applies the shop's action for blocked items. */
  blocked: boolean;
  /**
   * Blocked for sales only (BC: Sales Blocked, through the companion extension; false when the
   * `itemDetails` capability is off, as the ERP cannot tell then).
   */
  salesBlocked: boolean;
  gtin: string;
  unitPrice: Decimal;
  /** The item card's unit cost (a price context's cost: `pricesFor`). */
  unitCost: Decimal;
  priceIncludesTax: boolean;
  baseUnitOfMeasureCode: string;
  /** The ERP's item category code; BC's connector makes it the Shopify product type. */
  itemCategoryCode: string;
  /** Total on hand across all locations (per location: pull "stockByLocation"). */
  inventory: number;
  /** The vendor's name (BC: the Vendor No.'s vendor, companion extension); null when unknown or none. */
  vendor: string | null;
  /** The vendor's own number for the item (a SKU mapping); "" when none or unknown. */
  vendorItemNumber: string;
  /** Shipping weight (BC: Gross Weight, companion extension, in the connection's weight unit); null when unknown. */
  weight: ErpWeight | null;
  /** null: the item has no picture (or the ERP serves none: the `itemPictures` capability). */
  picture: ErpPictureInfo | null;
  /**
   * The item's variants as read with it. A change to a variant alone does not move the item's
   * `modifiedAt` (BC: Item Variant is its own record), and variant pictures are not read here:
   * pull "itemVariants" for both.
   */
  variants: ErpItemVariantRecord[];
}

export interface ErpItemVariant {
  itemId: string;
  itemNumber: string;
  code: string;
  description: string;
  /** null: no picture of its own (or the ERP has no variant pictures: the `variantPictures` capability). */
  picture: ErpPictureInfo | null;
}

/** A variant inside `ErpItem.variants`, with what a pulled record has beside its data. */
export interface ErpItemVariantRecord extends Omit<ErpItemVariant, "picture"> {
  /** The ERP's stable key (BC: SystemId), as `pull("itemVariants")` reports it. */
  id: string;
  modifiedAt: string;
  version: string | null;
}

export interface ErpCustomer {
  number: string;
  displayName: string;
  type: "person" | "company";
  email: string;
  phoneNumber: string;
  address: ErpAddress;
  currencyCode: string;
  /** BC: VAT Registration No. ("" when none). */
  taxRegistrationNumber: string;
  blocked: boolean;
}

export interface ErpLocation {
  code: string;
  displayName: string;
  address: ErpAddress;
}

export interface ErpStockLevel {
  itemId: string;
  itemNumber: string;
  /** "" for the item itself. */
  variantCode: string;
  locationId: string;
  locationCode: string;
  /** Inventory on hand (physical stock, units sold but not yet shipped included). */
  quantity: number;
  /**
   * Each of the adapter's stock calculations (`ErpCapabilities.stockCalculations`) by id: the
   * figure the ERP gives for this item, variant and location. Negative when the ERP is oversold.
   */
  figures: Record<string, number>;
}

/**
 * One way the ERP counts sellable stock (BC: Shpfy Stock Calculation). `feeds` says which Shopify
 * quantity the figure is (ADR 020): a figure that already subtracts the ERP's open sales orders
 * (projected available) is what Shopify calls `available` (Shopify subtracts its own unshipped
 * orders as `committed` from `on_hand`); a figure that counts units sold but not shipped (on hand,
 * non-reserved) is Shopify's `on_hand`. Written to the other one, a sale would count twice.
 */
export interface ErpStockCalculation {
  id: string;
  label: string;
  feeds: "available" | "on_hand";
  description: string;
}

export interface ErpPrice {
  priceListCode: string;
  itemNumber: string;
  variantCode: string;
  unitOfMeasureCode: string;
  minimumQuantity: number;
  unitPrice: Decimal;
  /** "" = the company's local currency. */
  currencyCode: string;
  /** "" = all customers. */
  customerPriceGroup: string;
  startingDate: string | null;
  endingDate: string | null;
  /** Who the line is for: everyone, one customer, a price group, or a source the sync does not use. */
  assignTo: { type: "all" } | { type: "customer" | "priceGroup" | "other"; code: string };
  /** A price, a line discount, or both (BC: Amount Type Price / Discount / Any). */
  amountType: "price" | "discount" | "both";
  lineDiscountPercent: number;
  priceIncludesTax: boolean;
  /** Draft or inactive lines do not price anything. */
  active: boolean;
}

export interface ErpBarcode {
  itemNumber: string;
  variantCode: string;
  referenceType: string;
  referenceNumber: string;
  unitOfMeasureCode: string;
}

export interface ErpTracking {
  shippingAgentCode: string;
  shippingAgentServiceCode: string;
  trackingNumber: string;
}

export interface ErpPostedShipment {
  number: string;
  orderNumber: string;
  /** The Shopify order number the sales document was created with. */
  externalDocumentNumber: string;
  postingDate: string;
  customerNumber: string;
  /** null when the ERP cannot tell (no tracking capability) or nothing was entered. */
  tracking: ErpTracking | null;
  lines: ErpPostedShipmentLine[];
}

export interface ErpPostedShipmentLine {
  /** The shipment line's own number, for messages (BC: Line No.). */
  sequence: number;
  /**
   * The sales document line it ships, as `createSalesDocument`'s `lineRefs` named it (BC: the
   * shipment line's Order Line No.); null when the shipment comes from no document line of an
   * order (BC: a shipment line added by hand). This, not the line's position, is how a shipped
   * line finds its Shopify order line.
   */
  orderLineRef: string | null;
  lineType: string;
  number: string;
  description: string;
  quantity: number;
}

export type SalesDocumentType = "order" | "invoice";

export interface ErpSalesDocument {
  type: SalesDocumentType;
  number: string;
  externalDocumentNumber: string;
  customerNumber: string;
  currencyCode: string;
  /** ERP status as the ERP names it (BC: Draft, Open, Released, Paid, …). */
  status: string;
  /** Invoices: posted already. Orders: always false (a posted order leaves the order list). */
  posted: boolean;
  totalAmountIncludingTax: Decimal;
}

/** What `pull` returns per entity. */
export interface ErpEntityMap {
  items: ErpItem;
  itemVariants: ErpItemVariant;
  customers: ErpCustomer;
  locations: ErpLocation;
  stockByLocation: ErpStockLevel;
  prices: ErpPrice;
  barcodes: ErpBarcode;
  postedShipments: ErpPostedShipment;
  salesDocuments: ErpSalesDocument;
}

export type ErpEntity = keyof ErpEntityMap;

export const ERP_ENTITIES = [
  "items",
  "itemVariants",
  "customers",
  "locations",
  "stockByLocation",
  "prices",
  "barcodes",
  "postedShipments",
  "salesDocuments",
] as const satisfies readonly ErpEntity[];
