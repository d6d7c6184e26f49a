/**
 * Rows as Business Central API v2.0 returns them (field names and value kinds follow the v2.0 entity docs).
 * Type aliases, not interfaces, so a row is assignable to Record<string, unknown> for the OData engine.
 */
export type BaseRow = { id: string; lastModifiedDateTime: string };

export type CompanyRow = {
  id: string;
  systemVersion: string;
  timestamp: number;
  name: string;
  displayName: string;
  businessProfileId: string;
  systemCreatedAt: string;
  systemCreatedBy: string;
  systemModifiedAt: string;
  systemModifiedBy: string;
};

export type ItemRow = BaseRow & {
  number: string;
  displayName: string;
  displayName2: string;
  type: "Inventory" | "Service" | "Non-Inventory";
  itemCategoryId: string;
  itemCategoryCode: string;
  blocked: boolean;
  gtin: string;
  inventory: number;
  unitPrice: number;
  priceIncludesTax: boolean;
  unitCost: number;
  taxGroupId: string;
  taxGroupCode: string;
  baseUnitOfMeasureId: string;
  baseUnitOfMeasureCode: string;
  generalProductPostingGroupCode: string;
  inventoryPostingGroupCode: string;
  // Item table fields API v2.0 does not show; the companion extension's `itemDetails` page does.
  salesBlocked: boolean;
  vendorNumber: string;
  vendorItemNumber: string;
  grossWeight: number;
  netWeight: number;
  unitVolume: number;
  tariffNumber: string;
  countryRegionOfOriginCode: string;
};

export type ItemVariantRow = BaseRow & { itemId: string; itemNumber: string; code: string; description: string };

export type PostalAddress = {
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
};

export type CustomerRow = BaseRow &
  PostalAddress & {
    number: string;
    displayName: string;
    type: "Person" | "Company";
    phoneNumber: string;
    email: string;
    website: string;
    salespersonCode: string;
    balanceDue: number;
    creditLimit: number;
    taxLiable: boolean;
    taxRegistrationNumber: string;
    currencyCode: string;
    blocked: string;
    // Customer table fields behind the page's computed ids (Payment Terms Id is read from the code).
    paymentTermsCode: string;
    shipmentMethodCode: string;
    paymentMethodCode: string;
    // Customer table fields API v2.0 does not show; the companion page `customerDetails` does.
    name2: string;
    contact: string;
    mobilePhoneNumber: string;
    registrationNumber: string;
    customerPriceGroup: string;
    customerDiscountGroup: string;
    pricesIncludingVat: boolean;
    customerPostingGroup: string;
    genBusPostingGroup: string;
    vatBusPostingGroup: string;
    taxAreaCode: string;
    /** The person contact of a Person customer (CustCont-Update sets it); "" for a company. */
    primaryContactNumber: string;
  };

export type LocationRow = BaseRow &
  PostalAddress & {
    code: string;
    displayName: string;
    contact: string;
    phoneNumber: string;
    email: string;
    website: string;
  };

/** Sell-to / bill-to / ship-to address fields shared by sales headers (v2.0 spells them this way). */
export type DocumentAddresses = {
  customerId: string;
  customerNumber: string;
  customerName: string;
  billToName: string;
  billToCustomerId: string;
  billToCustomerNumber: string;
  shipToName: string;
  shipToContact: string;
  sellToAddressLine1: string;
  sellToAddressLine2: string;
  sellToCity: string;
  sellToCountry: string;
  sellToState: string;
  sellToPostCode: string;
  billToAddressLine1: string;
  billToAddressLine2: string;
  billToCity: string;
  billToCountry: string;
  billToState: string;
  billToPostCode: string;
  shipToAddressLine1: string;
  shipToAddressLine2: string;
  shipToCity: string;
  shipToCountry: string;
  shipToState: string;
  shipToPostCode: string;
  phoneNumber: string;
  email: string;
};

export type DocumentTotals = {
  currencyCode: string;
  pricesIncludeTax: boolean;
  discountAmount: number;
  discountAppliedBeforeTax: boolean;
  totalAmountExcludingTax: number;
  totalTaxAmount: number;
  totalAmountIncludingTax: number;
};

export type SalesOrderRow = BaseRow &
  DocumentAddresses &
  DocumentTotals & {
    number: string;
    externalDocumentNumber: string;
    orderDate: string;
    postingDate: string;
    requestedDeliveryDate: string;
    partialShipping: boolean;
    fullyShipped: boolean;
    status: "Draft" | "In Review" | "Open" | "Released";
    /** Sales Header fields behind paymentTermsId/shipmentMethodId (copied from the customer). */
    paymentTermsCode: string;
    shipmentMethodCode: string;
  };

export type LineType = "Comment" | "Account" | "Item" | "Resource" | "Fixed Asset" | "Charge (Item)";

export type SalesLineRow = BaseRow & {
  documentId: string;
  sequence: number;
  itemId: string;
  accountId: string;
  lineType: LineType;
  lineObjectNumber: string;
  description: string;
  description2: string;
  unitOfMeasureCode: string;
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  discountPercent: number;
  discountAppliedBeforeTax: boolean;
  amountExcludingTax: number;
  taxCode: string;
  taxPercent: number;
  totalTaxAmount: number;
  amountIncludingTax: number;
  invoiceDiscountAllocation: number;
  netAmount: number;
  netTaxAmount: number;
  netAmountIncludingTax: number;
  shipmentDate: string;
  itemVariantId: string;
  locationId: string;
};

export type SalesOrderLineRow = SalesLineRow & {
  shippedQuantity: number;
  invoicedQuantity: number;
  invoiceQuantity: number;
  shipQuantity: number;
};

export type SalesInvoiceRow = BaseRow &
  DocumentAddresses &
  DocumentTotals & {
    number: string;
    externalDocumentNumber: string;
    invoiceDate: string;
    postingDate: string;
    dueDate: string;
    orderId: string;
    orderNumber: string;
    remainingAmount: number;
    status: "Draft" | "In Review" | "Open" | "Paid" | "Canceled" | "Corrective";
    paymentTermsCode: string;
    shipmentMethodCode: string;
  };

export type SalesShipmentRow = BaseRow &
  Omit<DocumentAddresses, "customerId" | "billToCustomerId"> & {
    number: string;
    externalDocumentNumber: string;
    documentDate: string;
    postingDate: string;
    orderNumber: string;
    currencyCode: string;
    pricesIncludeTax: boolean;
    shipmentMethodCode: string;
    /** From the order; the page's dueDate is the document date plus these terms. */
    paymentTermsCode: string;
  };

export type SalesShipmentLineRow = BaseRow & {
  documentId: string;
  documentNo: string;
  sequence: number;
  lineType: LineType;
  lineObjectNumber: string;
  description: string;
  unitOfMeasureCode: string;
  unitPrice: number;
  quantity: number;
  discountPercent: number;
  taxPercent: number;
  shipmentDate: string;
};

/** A G/L account (API v2.0 `accounts`, read-only). Option values as the sandbox spells them elsewhere. */
export type AccountRow = BaseRow & {
  number: string;
  displayName: string;
  category: " " | "Assets" | "Liabilities" | "Equity" | "Income" | "Cost of Goods Sold" | "Expense";
  subCategory: string;
  blocked: boolean;
  accountType: "Posting" | "Heading" | "Total" | "Begin-Total" | "End-Total";
  directPosting: boolean;
  netChange: number;
  consolidationTranslationMethod: string;
  consolidationDebitAccount: string;
  consolidationCreditAccount: string;
  excludeFromConsolidation: boolean;
};

export type PaymentJournalRow = BaseRow & {
  code: string;
  displayName: string;
  balancingAccountId: string;
  balancingAccountNumber: string;
};

export type CustomerPaymentRow = BaseRow & {
  journalId: string;
  journalDisplayName: string;
  lineNumber: number;
  customerId: string;
  customerNumber: string;
  postingDate: string;
  documentNumber: string;
  externalDocumentNumber: string;
  amount: number;
  appliesToInvoiceId: string;
  appliesToInvoiceNumber: string;
  description: string;
  comment: string;
};

// Custom API pages of the companion extension (shopifyErpConnector/connector/v1.0).

/**
 * Stock of one item/variant/location, as the companion page computes it from BC's tables:
 * `inventory` = Σ Item Ledger Entry quantity; `projectedAvailableBalance` = inventory − outstanding
 * quantity of sales order lines due by today (shipment date ≤ today); `reservedQuantity` = units
 * reserved from inventory; `nonReservedInventory` = inventory − reservedQuantity. Kept as stored
 * fields (recomputed by store/stock.ts on every posting, sales line change or reservation) so
 * lastModifiedDateTime moves exactly when a figure does.
 */
export type InventoryByLocationRow = BaseRow & {
  itemId: string;
  itemNumber: string;
  variantCode: string;
  locationId: string;
  locationCode: string;
  inventory: number;
  projectedAvailableBalance: number;
  reservedQuantity: number;
  nonReservedInventory: number;
};

/** BC's Item Ledger Entry Type values the sandbox posts (the enum has Purchase, Transfer, … too). */
export type ItemLedgerEntryType = "Purchase" | "Sale" | "Positive Adjmt." | "Negative Adjmt.";

/**
 * An Item Ledger Entry (table 32): the posted, never-changed record of a stock movement. API v2.0
 * shows it read-only (APIV2 - Item Ledger Entries, page 30069) without variant and location; those
 * are stored for the stock figures and the companion inventoryAdjustments page.
 */
export type ItemLedgerEntryRow = BaseRow & {
  entryNumber: number;
  itemId: string;
  itemNumber: string;
  variantCode: string;
  locationCode: string;
  postingDate: string;
  entryType: ItemLedgerEntryType;
  sourceNumber: string;
  sourceType: "" | "Customer" | "Vendor" | "Item";
  documentNumber: string;
  documentType: "" | "Sales Shipment" | "Sales Invoice" | "Sales Credit Memo" | "Sales Return Receipt";
  description: string;
  quantity: number;
  salesAmountActual: number;
  costAmountActual: number;
};

/** Who a price list line is for (BC enum "Price Source Type", the sales values). */
export type PriceSourceType =
  "All Customers" | "Customer" | "Customer Price Group" | "Customer Disc. Group" | "Campaign" | "Contact";

/**
 * A sales Price List Line (table 7001) for an item asset. Its source (assign-to) is on the line, as
 * BC keeps it there too; the price list header (table 7000) is not modelled. `customerPriceGroup`
 * is shown by the page (computed from the source), not stored.
 */
export type PriceListLineRow = BaseRow & {
  priceListCode: string;
  lineNumber: number;
  sourceType: PriceSourceType;
  sourceNumber: string;
  itemNumber: string;
  variantCode: string;
  unitOfMeasureCode: string;
  currencyCode: string;
  startingDate: string;
  endingDate: string;
  minimumQuantity: number;
  amountType: "Any" | "Price" | "Discount";
  unitPrice: number;
  lineDiscountPercent: number;
  allowLineDiscount: boolean;
  priceIncludesTax: boolean;
  status: "Draft" | "Active" | "Inactive";
};

export type ShipmentTrackingRow = BaseRow & {
  shipmentNumber: string;
  orderNumber: string;
  externalDocumentNumber: string;
  shippingAgentCode: string;
  shippingAgentServiceCode: string;
  packageTrackingNumber: string;
};

export type ItemReferenceRow = BaseRow & {
  itemNumber: string;
  variantCode: string;
  referenceType: "Bar Code" | "Customer" | "Vendor";
  referenceNumber: string;
  unitOfMeasureCode: string;
};

/** A vendor (API v2.0 `vendors`, read-only here): what an item's Vendor No. names. */
export type VendorRow = BaseRow &
  PostalAddress & {
    number: string;
    displayName: string;
    phoneNumber: string;
    email: string;
    website: string;
    blocked: " " | "Payment" | "All";
  };

/**
 * The media behind an item's or item variant's Picture field (Tenant Media): the API's `picture`
 * entity is built from it. Keyed by the parent's SystemId, as the Picture Entity is. `content` is
 * base64 (the snapshot and journal are JSON). A parent without a picture has no row.
 */
export type PictureRow = BaseRow & {
  parentType: "Item" | "Item Variant";
  width: number;
  height: number;
  contentType: string;
  content: string;
};

/** BC's empty GUID: what a blank reference field reads as. */
export const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
