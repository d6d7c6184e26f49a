import { z } from "zod";

// Request bodies for writable entity sets. Strict objects: BC rejects a property the entity type lacks
// ("The property 'x' does not exist on type 'Microsoft.NAV.salesOrder'…"), and so do we.

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "not a GUID");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "not a date (yyyy-mm-dd)");

export const lineInputSchema = z.strictObject({
  id: guid.optional(),
  documentId: guid.optional(),
  sequence: z.number().int().optional(),
  lineType: z.enum(["Comment", "Account", "Item", "Resource", "Fixed Asset", "Charge (Item)"]).optional(),
  itemId: guid.optional(),
  accountId: guid.optional(),
  lineObjectNumber: z.string().optional(),
  itemVariantId: guid.optional(),
  locationId: guid.optional(),
  description: z.string().optional(),
  description2: z.string().optional(),
  unitOfMeasureCode: z.string().optional(),
  quantity: z.number().optional(),
  unitPrice: z.number().optional(),
  discountAmount: z.number().optional(),
  discountPercent: z.number().optional(),
  shipmentDate: date.optional(),
  taxCode: z.string().optional(),
});
export type LineInput = z.infer<typeof lineInputSchema>;

const addressFields = {
  sellToAddressLine1: z.string().optional(),
  sellToAddressLine2: z.string().optional(),
  sellToCity: z.string().optional(),
  sellToCountry: z.string().optional(),
  sellToState: z.string().optional(),
  sellToPostCode: z.string().optional(),
  billToName: z.string().optional(),
  billToAddressLine1: z.string().optional(),
  billToAddressLine2: z.string().optional(),
  billToCity: z.string().optional(),
  billToCountry: z.string().optional(),
  billToState: z.string().optional(),
  billToPostCode: z.string().optional(),
  shipToName: z.string().optional(),
  shipToContact: z.string().optional(),
  shipToAddressLine1: z.string().optional(),
  shipToAddressLine2: z.string().optional(),
  shipToCity: z.string().optional(),
  shipToCountry: z.string().optional(),
  shipToState: z.string().optional(),
  shipToPostCode: z.string().optional(),
  phoneNumber: z.string().optional(),
  email: z.string().optional(),
};

const headerFields = {
  id: guid.optional(),
  number: z.string().optional(),
  externalDocumentNumber: z.string().optional(),
  postingDate: date.optional(),
  customerId: guid.optional(),
  customerNumber: z.string().optional(),
  currencyCode: z.string().optional(),
  pricesIncludeTax: z.boolean().optional(),
  discountAmount: z.number().optional(),
  // Without them the document takes the customer's (Sell-to/Bill-to Customer No. validation).
  paymentTermsId: guid.optional(),
  shipmentMethodId: guid.optional(),
  ...addressFields,
};

export const salesOrderInputSchema = z.strictObject({
  ...headerFields,
  orderDate: date.optional(),
  requestedDeliveryDate: date.optional(),
  partialShipping: z.boolean().optional(),
  salesOrderLines: z.array(lineInputSchema).optional(),
});
export type SalesOrderInput = z.infer<typeof salesOrderInputSchema>;

export const salesInvoiceInputSchema = z.strictObject({
  ...headerFields,
  invoiceDate: date.optional(),
  dueDate: date.optional(),
  salesInvoiceLines: z.array(lineInputSchema).optional(),
});
export type SalesInvoiceInput = z.infer<typeof salesInvoiceInputSchema>;

export const itemInputSchema = z.strictObject({
  id: guid.optional(),
  number: z.string().optional(),
  displayName: z.string().optional(),
  displayName2: z.string().optional(),
  type: z.enum(["Inventory", "Service", "Non-Inventory"]).optional(),
  itemCategoryCode: z.string().optional(),
  blocked: z.boolean().optional(),
  gtin: z.string().optional(),
  unitPrice: z.number().optional(),
  unitCost: z.number().optional(),
  priceIncludesTax: z.boolean().optional(),
  baseUnitOfMeasureCode: z.string().optional(),
  taxGroupCode: z.string().optional(),
  generalProductPostingGroupCode: z.string().optional(),
  inventoryPostingGroupCode: z.string().optional(),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

export const itemVariantInputSchema = z.strictObject({
  id: guid.optional(),
  itemId: guid.optional(),
  itemNumber: z.string().optional(),
  code: z.string().optional(),
  description: z.string().optional(),
});
export type ItemVariantInput = z.infer<typeof itemVariantInputSchema>;

/** The companion page `itemDetails` (over the Item table): the fields API v2.0 leaves out. */
export const itemDetailsInputSchema = z.strictObject({
  salesBlocked: z.boolean().optional(),
  vendorNumber: z.string().optional(),
  vendorItemNumber: z.string().optional(),
  grossWeight: z.number().min(0).optional(),
  netWeight: z.number().min(0).optional(),
  unitVolume: z.number().min(0).optional(),
  tariffNumber: z.string().optional(),
  countryRegionOfOriginCode: z.string().optional(),
});
export type ItemDetailsInput = z.infer<typeof itemDetailsInputSchema>;

export const priceListLineInputSchema = z.strictObject({
  id: guid.optional(),
  priceListCode: z.string().optional(),
  lineNumber: z.number().int().optional(),
  sourceType: z
    .enum(["All Customers", "Customer", "Customer Price Group", "Customer Disc. Group", "Campaign", "Contact"])
    .optional(),
  sourceNumber: z.string().optional(),
  itemNumber: z.string().optional(),
  variantCode: z.string().optional(),
  unitOfMeasureCode: z.string().optional(),
  currencyCode: z.string().optional(),
  startingDate: date.optional(),
  endingDate: date.optional(),
  minimumQuantity: z.number().min(0).optional(),
  amountType: z.enum(["Any", "Price", "Discount"]).optional(),
  unitPrice: z.number().min(0).optional(),
  lineDiscountPercent: z.number().min(0).max(100).optional(),
  allowLineDiscount: z.boolean().optional(),
  priceIncludesTax: z.boolean().optional(),
  status: z.enum(["Draft", "Active", "Inactive"]).optional(),
});
export type PriceListLineInput = z.infer<typeof priceListLineInputSchema>;

export const itemReferenceInputSchema = z.strictObject({
  id: guid.optional(),
  itemNumber: z.string().optional(),
  variantCode: z.string().optional(),
  referenceType: z.enum(["Bar Code", "Customer", "Vendor"]).optional(),
  referenceNumber: z.string().optional(),
  unitOfMeasureCode: z.string().optional(),
});
export type ItemReferenceInput = z.infer<typeof itemReferenceInputSchema>;

/** POST inventoryAdjustments (companion page over an Item Journal line that is posted at once). */
export const inventoryAdjustmentInputSchema = z.strictObject({
  itemNumber: z.string().min(1).max(20),
  variantCode: z.string().max(10).optional(),
  locationCode: z.string().max(10).optional(),
  /** Signed: positive posts a Positive Adjmt., negative a Negative Adjmt. */
  quantity: z.number(),
  documentNumber: z.string().max(20).optional(),
  postingDate: date.optional(),
  description: z.string().optional(),
});
export type InventoryAdjustmentInput = z.infer<typeof inventoryAdjustmentInputSchema>;
