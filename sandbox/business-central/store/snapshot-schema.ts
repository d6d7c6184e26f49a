import { z } from "zod";

import { type RowOf, SERIES_NAMES, type SeriesPositions, type TableName } from "./company-data.ts";
import {
  businessRelationSchema,
  codeDescriptionSchema,
  contactSchema,
  customerDetailFields,
  customerTemplateSchema,
  paymentTermSchema,
  shipToAddressSchema,
} from "./customer-snapshot-schema.ts";
import type { SalesCreditMemoRow, SalesReturnOrderLineRow, SalesReturnOrderRow } from "./money-row-types.ts";
import {
  bankAccountSchema,
  customerLedgerEntrySchema,
  generalLedgerEntrySchema,
  journalLineSchema,
  journalSchema,
  salesCreditMemoSchema,
  salesReturnOrderSchema,
} from "./money-snapshot-schema.ts";
import type {
  AccountRow,
  CompanyRow,
  CustomerPaymentRow,
  CustomerRow,
  DocumentAddresses,
  DocumentTotals,
  InventoryByLocationRow,
  ItemLedgerEntryRow,
  ItemReferenceRow,
  ItemRow,
  ItemVariantRow,
  LocationRow,
  PaymentJournalRow,
  PictureRow,
  PostalAddress,
  PriceListLineRow,
  SalesInvoiceRow,
  SalesLineRow,
  SalesOrderLineRow,
  SalesOrderRow,
  SalesShipmentLineRow,
  SalesShipmentRow,
  ShipmentTrackingRow,
  VendorRow,
} from "./row-types.ts";
import type { Stored } from "./table.ts";

// Each schema `satisfies` its row type, so a field added to row-types.ts without a matching line
// here fails the type check instead of being silently dropped on restore.

const str = z.string();
const num = z.number();
const int = z.number().int();
const bool = z.boolean();
const count = z.number().int().min(0);

const base = z.object({ id: z.guid(), lastModifiedDateTime: z.iso.datetime() });

const postalAddress = z.object({
  addressLine1: str,
  addressLine2: str,
  city: str,
  state: str,
  country: str,
  postalCode: str,
}) satisfies z.ZodType<PostalAddress>;

const documentAddresses = z.object({
  customerId: str,
  customerNumber: str,
  customerName: str,
  billToName: str,
  billToCustomerId: str,
  billToCustomerNumber: str,
  shipToName: str,
  shipToContact: str,
  sellToAddressLine1: str,
  sellToAddressLine2: str,
  sellToCity: str,
  sellToCountry: str,
  sellToState: str,
  sellToPostCode: str,
  billToAddressLine1: str,
  billToAddressLine2: str,
  billToCity: str,
  billToCountry: str,
  billToState: str,
  billToPostCode: str,
  shipToAddressLine1: str,
  shipToAddressLine2: str,
  shipToCity: str,
  shipToCountry: str,
  shipToState: str,
  shipToPostCode: str,
  phoneNumber: str,
  email: str,
}) satisfies z.ZodType<DocumentAddresses>;

const documentTotals = z.object({
  currencyCode: str,
  pricesIncludeTax: bool,
  discountAmount: num,
  discountAppliedBeforeTax: bool,
  totalAmountExcludingTax: num,
  totalTaxAmount: num,
  totalAmountIncludingTax: num,
}) satisfies z.ZodType<DocumentTotals>;

const lineType = z.enum(["Comment", "Account", "Item", "Resource", "Fixed Asset", "Charge (Item)"]);

export const companyInfoSchema = z.object({
  id: z.guid(),
  systemVersion: str,
  timestamp: num,
  name: str,
  displayName: str,
  businessProfileId: str,
  systemCreatedAt: str,
  systemCreatedBy: str,
  systemModifiedAt: str,
  systemModifiedBy: str,
}) satisfies z.ZodType<CompanyRow>;

const item = base.extend({
  number: str,
  displayName: str,
  displayName2: str,
  type: z.enum(["Inventory", "Service", "Non-Inventory"]),
  itemCategoryId: str,
  itemCategoryCode: str,
  blocked: bool,
  gtin: str,
  inventory: num,
  unitPrice: num,
  priceIncludesTax: bool,
  unitCost: num,
  taxGroupId: str,
  taxGroupCode: str,
  baseUnitOfMeasureId: str,
  baseUnitOfMeasureCode: str,
  generalProductPostingGroupCode: str,
  inventoryPostingGroupCode: str,
  // Defaults: snapshots from before the companion page's item fields were modelled.
  salesBlocked: bool.default(false),
  vendorNumber: str.default(""),
  vendorItemNumber: str.default(""),
  grossWeight: num.default(0),
  netWeight: num.default(0),
  unitVolume: num.default(0),
  tariffNumber: str.default(""),
  countryRegionOfOriginCode: str.default(""),
}) satisfies z.ZodType<ItemRow>;

const itemVariant = base.extend({
  itemId: str,
  itemNumber: str,
  code: str,
  description: str,
}) satisfies z.ZodType<ItemVariantRow>;

const customer = base.extend({
  ...postalAddress.shape,
  number: str,
  displayName: str,
  type: z.enum(["Person", "Company"]),
  phoneNumber: str,
  email: str,
  website: str,
  salespersonCode: str,
  balanceDue: num,
  creditLimit: num,
  taxLiable: bool,
  taxRegistrationNumber: str,
  currencyCode: str,
  blocked: str,
  ...customerDetailFields,
}) satisfies z.ZodType<CustomerRow>;

const location = base.extend({
  ...postalAddress.shape,
  code: str,
  displayName: str,
  contact: str,
  phoneNumber: str,
  email: str,
  website: str,
}) satisfies z.ZodType<LocationRow>;

const salesOrder = base.extend({
  ...documentAddresses.shape,
  ...documentTotals.shape,
  number: str,
  externalDocumentNumber: str,
  orderDate: str,
  postingDate: str,
  requestedDeliveryDate: str,
  partialShipping: bool,
  fullyShipped: bool,
  status: z.enum(["Draft", "In Review", "Open", "Released"]),
  // Defaults: documents saved before payment terms and shipment methods were modelled.
  paymentTermsCode: str.default(""),
  shipmentMethodCode: str.default(""),
}) satisfies z.ZodType<SalesOrderRow>;

const salesLine = base.extend({
  documentId: str,
  sequence: int,
  itemId: str,
  accountId: str,
  lineType,
  lineObjectNumber: str,
  description: str,
  description2: str,
  unitOfMeasureCode: str,
  quantity: num,
  unitPrice: num,
  discountAmount: num,
  discountPercent: num,
  discountAppliedBeforeTax: bool,
  amountExcludingTax: num,
  taxCode: str,
  taxPercent: num,
  totalTaxAmount: num,
  amountIncludingTax: num,
  invoiceDiscountAllocation: num,
  netAmount: num,
  netTaxAmount: num,
  netAmountIncludingTax: num,
  shipmentDate: str,
  itemVariantId: str,
  locationId: str,
}) satisfies z.ZodType<SalesLineRow>;

const salesOrderLine = salesLine.extend({
  shippedQuantity: num,
  invoicedQuantity: num,
  invoiceQuantity: num,
  shipQuantity: num,
}) satisfies z.ZodType<SalesOrderLineRow>;

const salesInvoice = base.extend({
  ...documentAddresses.shape,
  ...documentTotals.shape,
  number: str,
  externalDocumentNumber: str,
  invoiceDate: str,
  postingDate: str,
  dueDate: str,
  orderId: str,
  orderNumber: str,
  remainingAmount: num,
  status: z.enum(["Draft", "In Review", "Open", "Paid", "Canceled", "Corrective"]),
  paymentTermsCode: str.default(""),
  shipmentMethodCode: str.default(""),
}) satisfies z.ZodType<SalesInvoiceRow>;

const salesShipment = base.extend({
  ...documentAddresses.omit({ customerId: true, billToCustomerId: true }).shape,
  number: str,
  externalDocumentNumber: str,
  documentDate: str,
  postingDate: str,
  orderNumber: str,
  currencyCode: str,
  pricesIncludeTax: bool,
  shipmentMethodCode: str,
  paymentTermsCode: str.default(""),
}) satisfies z.ZodType<SalesShipmentRow>;

const salesShipmentLine = base.extend({
  documentId: str,
  documentNo: str,
  sequence: int,
  lineType,
  lineObjectNumber: str,
  description: str,
  unitOfMeasureCode: str,
  unitPrice: num,
  quantity: num,
  discountPercent: num,
  taxPercent: num,
  shipmentDate: str,
}) satisfies z.ZodType<SalesShipmentLineRow>;

const paymentJournal = base.extend({
  code: str,
  displayName: str,
  balancingAccountId: str,
  balancingAccountNumber: str,
}) satisfies z.ZodType<PaymentJournalRow>;

const customerPayment = base.extend({
  journalId: str,
  journalDisplayName: str,
  lineNumber: int,
  customerId: str,
  customerNumber: str,
  postingDate: str,
  documentNumber: str,
  externalDocumentNumber: str,
  amount: num,
  appliesToInvoiceId: str,
  appliesToInvoiceNumber: str,
  description: str,
  comment: str,
}) satisfies z.ZodType<CustomerPaymentRow>;

const account = base.extend({
  number: str,
  displayName: str,
  category: z.enum([" ", "Assets", "Liabilities", "Equity", "Income", "Cost of Goods Sold", "Expense"]),
  subCategory: str,
  blocked: bool,
  accountType: z.enum(["Posting", "Heading", "Total", "Begin-Total", "End-Total"]),
  directPosting: bool,
  netChange: num,
  consolidationTranslationMethod: str,
  consolidationDebitAccount: str,
  consolidationCreditAccount: str,
  excludeFromConsolidation: bool,
}) satisfies z.ZodType<AccountRow>;

const inventoryByLocation = base.extend({
  itemId: str,
  itemNumber: str,
  variantCode: str,
  locationId: str,
  locationCode: str,
  inventory: num,
  projectedAvailableBalance: num,
  reservedQuantity: num,
  nonReservedInventory: num,
}) satisfies z.ZodType<InventoryByLocationRow>;

/**
 * Rows saved before the stock figures were modelled had only `inventory`: no demand and no
 * reservations were tracked then, so both derived figures equal it.
 */
function migrateInventoryRow(input: unknown): unknown {
  if (typeof input !== "object" || input === null || "projectedAvailableBalance" in input) return input;
  const { lastModifiedDateTime, ...rest } = input as Record<string, unknown>;
  const inventory = typeof rest.inventory === "number" ? rest.inventory : 0;
  const figures = { projectedAvailableBalance: inventory, reservedQuantity: 0, nonReservedInventory: inventory };
  return { ...rest, ...figures, lastModifiedDateTime };
}

const itemLedgerEntry = base.extend({
  entryNumber: z.number().int().min(1),
  itemId: str,
  itemNumber: str,
  variantCode: str,
  locationCode: str,
  postingDate: str,
  entryType: z.enum(["Purchase", "Sale", "Positive Adjmt.", "Negative Adjmt."]),
  sourceNumber: str,
  sourceType: z.enum(["", "Customer", "Vendor", "Item"]),
  documentNumber: str,
  documentType: z.enum(["", "Sales Shipment", "Sales Invoice", "Sales Credit Memo", "Sales Return Receipt"]),
  description: str,
  quantity: num,
  salesAmountActual: num,
  costAmountActual: num,
}) satisfies z.ZodType<ItemLedgerEntryRow>;

const priceListLine = base.extend({
  priceListCode: str,
  lineNumber: int.default(0),
  sourceType: z.enum([
    "All Customers",
    "Customer",
    "Customer Price Group",
    "Customer Disc. Group",
    "Campaign",
    "Contact",
  ]),
  sourceNumber: str,
  itemNumber: str,
  variantCode: str,
  unitOfMeasureCode: str,
  currencyCode: str,
  startingDate: str,
  endingDate: str,
  minimumQuantity: num,
  amountType: z.enum(["Any", "Price", "Discount"]).default("Price"),
  unitPrice: num,
  lineDiscountPercent: num.default(0),
  allowLineDiscount: bool.default(true),
  priceIncludesTax: bool.default(false),
  status: z.enum(["Draft", "Active", "Inactive"]).default("Active"),
}) satisfies z.ZodType<PriceListLineRow>;

/** Lines saved before sources were modelled named only a customer price group ("" = all customers). */
function migratePriceListLine(input: unknown): unknown {
  if (typeof input !== "object" || input === null || "sourceType" in input) return input;
  const { customerPriceGroup, lastModifiedDateTime, ...rest } = input as Record<string, unknown>;
  const group = typeof customerPriceGroup === "string" ? customerPriceGroup : "";
  const source = { sourceType: group ? "Customer Price Group" : "All Customers", sourceNumber: group };
  return { ...rest, ...source, lastModifiedDateTime };
}

const vendor = base.extend({
  ...postalAddress.shape,
  number: str,
  displayName: str,
  phoneNumber: str,
  email: str,
  website: str,
  blocked: z.enum([" ", "Payment", "All"]),
}) satisfies z.ZodType<VendorRow>;

const picture = base.extend({
  parentType: z.enum(["Item", "Item Variant"]),
  width: count,
  height: count,
  contentType: str,
  content: z.base64(),
}) satisfies z.ZodType<PictureRow>;

const shipmentTracking = base.extend({
  shipmentNumber: str,
  orderNumber: str,
  externalDocumentNumber: str,
  shippingAgentCode: str,
  shippingAgentServiceCode: str,
  packageTrackingNumber: str,
}) satisfies z.ZodType<ShipmentTrackingRow>;

const itemReference = base.extend({
  itemNumber: str,
  variantCode: str,
  referenceType: z.enum(["Bar Code", "Customer", "Vendor"]),
  referenceNumber: str,
  unitOfMeasureCode: str,
}) satisfies z.ZodType<ItemReferenceRow>;

/**
 * Checks a row against `schema` but keeps the key order it was stored in. z.object would rebuild it
 * in the schema's order, and the API writes rows field by field as stored (BC's order: id first,
 * lastModifiedDateTime last), so a restored row would read differently from the one saved.
 */
const inStoredOrder = <S extends z.ZodObject>(schema: S, migrate: (input: unknown) => unknown = (input) => input) =>
  z.unknown().transform((raw, ctx): z.output<S> => {
    const input = migrate(raw);
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const { message, path } of result.error.issues) ctx.addIssue({ code: "custom", message, path, input });
      return z.NEVER;
    }
    const parsed = result.data as Record<string, unknown>;
    const kept = Object.keys(input as object).filter((key) => key in parsed);
    // Fields an older snapshot lacks (filled by their defaults) go before lastModifiedDateTime, as in a new row.
    const added = Object.keys(parsed).filter((key) => !kept.includes(key));
    const at = kept.indexOf("lastModifiedDateTime");
    const keys = at < 0 ? [...kept, ...added] : [...kept.slice(0, at), ...added, ...kept.slice(at)];
    return Object.fromEntries(keys.map((key) => [key, parsed[key]])) as z.output<S>;
  });

/** A table's rows, each with its row version (what the etag is built from). */
const stored = <S extends z.ZodObject>(row: S, migrate?: (input: unknown) => unknown) =>
  z.array(z.object({ version: z.number().int().min(1), row: inStoredOrder(row, migrate) }));

const salesCreditMemo = salesCreditMemoSchema(
  documentAddresses,
  documentTotals,
) satisfies z.ZodType<SalesCreditMemoRow>;

const salesReturnOrder = salesReturnOrderSchema(
  documentAddresses,
  documentTotals,
) satisfies z.ZodType<SalesReturnOrderRow>;
const salesReturnOrderLine = salesLine.extend({
  returnQtyToReceive: num,
  returnQtyReceived: num,
}) satisfies z.ZodType<SalesReturnOrderLineRow>;

// Keyed by every TableName: the `satisfies` makes a missing table or a mismatched row type a type error.
const tablesSchema = z.object({
  items: stored(item),
  itemVariants: stored(itemVariant),
  customers: stored(customer),
  locations: stored(location),
  salesOrders: stored(salesOrder),
  salesOrderLines: stored(salesOrderLine),
  salesInvoices: stored(salesInvoice),
  salesInvoiceLines: stored(salesLine),
  salesShipments: stored(salesShipment),
  salesShipmentLines: stored(salesShipmentLine),
  customerPaymentJournals: stored(paymentJournal),
  customerPayments: stored(customerPayment),
  // Absent in snapshots older than the chart of accounts; restore seeds the chart then.
  accounts: stored(account).default([]),
  inventoryByLocation: stored(inventoryByLocation, migrateInventoryRow),
  priceListLines: stored(priceListLine, migratePriceListLine),
  shipmentTrackings: stored(shipmentTracking),
  itemReferences: stored(itemReference),
  // Absent in snapshots older than vendors and pictures.
  vendors: stored(vendor).default([]),
  pictures: stored(picture).default([]),
  // Absent in snapshots older than the stock model: their stock has no ledger history (the
  // inventory figures are kept as they were; new postings add to them).
  itemLedgerEntries: stored(itemLedgerEntry).default([]),
  // Absent in snapshots older than contacts, terms and templates: restore seeds the setup tables
  // and gives each customer its contact then (store/customer-setup-restore.ts).
  paymentTerms: stored(paymentTermSchema).default([]),
  paymentMethods: stored(codeDescriptionSchema).default([]),
  shipmentMethods: stored(codeDescriptionSchema).default([]),
  contacts: stored(contactSchema).default([]),
  contactBusinessRelations: stored(businessRelationSchema).default([]),
  customerTemplates: stored(customerTemplateSchema).default([]),
  shipToAddresses: stored(shipToAddressSchema).default([]),
  // Absent in snapshots older than journals, ledgers and credit memos: restore gives the company
  // Cronus' DEFAULT general batch and bank account then (money-seed.ts).
  journals: stored(journalSchema).default([]),
  journalLines: stored(journalLineSchema).default([]),
  generalLedgerEntries: stored(generalLedgerEntrySchema).default([]),
  customerLedgerEntries: stored(customerLedgerEntrySchema).default([]),
  bankAccounts: stored(bankAccountSchema).default([]),
  salesCreditMemos: stored(salesCreditMemo).default([]),
  salesCreditMemoLines: stored(salesLine).default([]),
  salesReturnOrders: stored(salesReturnOrder).default([]),
  salesReturnOrderLines: stored(salesReturnOrderLine).default([]),
}) satisfies z.ZodType<{ [K in TableName]: Stored<RowOf<K>>[] }>;

const seriesSchema = z.object(
  Object.fromEntries(SERIES_NAMES.map((name) => [name, count.optional()])) as Record<
    keyof SeriesPositions,
    z.ZodOptional<typeof count>
  >,
) satisfies z.ZodType<SeriesPositions>;

export const companySnapshotSchema = z.object({
  info: companyInfoSchema,
  /** The clock's watermark (ms of the last stamp handed out) and its row version counter. */
  clock: z.object({ lastStamp: count, version: count }),
  /** The next number of each series used so far. */
  series: seriesSchema,
  tables: tablesSchema,
});

export const tenantSnapshotSchema = z.object({
  tenantId: z.string().min(1),
  /** As the sandbox keys them: client ids in lower case. */
  clients: z.array(z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) })),
  basicAuth: z.object({ user: str, password: str }).optional(),
  environments: z.array(z.object({ name: z.string().min(1), companies: z.array(companySnapshotSchema) })),
});
