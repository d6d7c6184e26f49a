import { BcError, referencedNotFound, stringTooLong } from "../bc-error.ts";
import type {
  ItemDetailsInput,
  ItemReferenceInput,
  ItemVariantInput,
  PriceListLineInput,
} from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { BLANK_DATE, definedOnly } from "./defaults.ts";
import type { ItemReferenceRow, ItemRow, ItemVariantRow, PriceListLineRow } from "./row-types.ts";

// Writes to items' variants, the companion page's item fields and price list lines. Messages the
// AL source spells out are copied (APIV2ItemVariants.Page.al); the others are marked as guesses.

/** Guess at status and wording: BC refuses a duplicate primary key on insert. */
function duplicateKey(table: string, fields: string): BcError {
  return new BcError(
    400,
    "Internal_EntityWithSameKeyExists",
    `The record in table ${table} already exists. Identification fields and values: ${fields}`,
  );
}

/** BC's wording for a blank primary key field (guess at the code). */
function mustHaveValue(field: string, table: string): BcError {
  return new BcError(
    400,
    "Application_FieldValidationException",
    `${field} must have a value in ${table}. It cannot be zero or empty.`,
  );
}

function checkLength(value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw stringTooLong(value, max);
}

/**
 * The item an item variant belongs to: from the URL (items({id})/itemVariants), `itemId` or
 * `itemNumber`; when two are given they must name the same item, as the page's OnValidate checks.
 */
function variantItem(data: CompanyData, input: ItemVariantInput, parentId: string | undefined): ItemRow {
  const byId = parentId ?? input.itemId;
  const item = byId
    ? data.items.get(byId)
    : input.itemNumber
      ? data.items.find((i) => i.number.toUpperCase() === input.itemNumber!.toUpperCase())
      : undefined;
  if (byId && !item) throw badItem('The "itemId" does not match to an Item.');
  if (!byId && input.itemNumber && !item) throw badItem('The "itemNumber" does not match to an Item.');
  if (!item) throw mustHaveValue("Item No.", "Item Variant");
  if (
    (input.itemId && input.itemId.toLowerCase() !== item.id) ||
    (input.itemNumber && input.itemNumber !== item.number)
  ) {
    throw badItem("The item values do not match to a specific Item.");
  }
  return item;
}

function badItem(message: string): BcError {
  return new BcError(400, "Application_DialogException", message);
}

export function createItemVariant(data: CompanyData, input: ItemVariantInput, parentId?: string): ItemVariantRow {
  const item = variantItem(data, input, parentId);
  const code = input.code ?? "";
  if (code === "") throw mustHaveValue("Code", "Item Variant");
  // Code[10] and Text[100] in the Item Variant table.
  checkLength(code, 10);
  checkLength(input.description, 100);
  const upper = code.toUpperCase();
  if (data.itemVariants.find((v) => v.itemId === item.id && v.code === upper)) {
    throw duplicateKey("Item Variant", `Item No.='${item.number}',Code='${upper}'`);
  }
  return data.itemVariants.insert({
    ...(input.id ? { id: input.id } : {}),
    itemId: item.id,
    itemNumber: item.number,
    // Code fields are stored in upper case.
    code: upper,
    description: input.description ?? "",
  });
}

/** Description and code (a rename) can change; the item cannot (the page would rename it there). */
export function patchItemVariant(data: CompanyData, row: ItemVariantRow, input: ItemVariantInput): void {
  if (
    (input.itemId && input.itemId.toLowerCase() !== row.itemId) ||
    (input.itemNumber && input.itemNumber !== row.itemNumber)
  ) {
    throw badItem("The item values do not match to a specific Item.");
  }
  checkLength(input.code, 10);
  checkLength(input.description, 100);
  const code = input.code?.toUpperCase();
  if (code !== undefined && code !== row.code) {
    if (code === "") throw mustHaveValue("Code", "Item Variant");
    if (data.itemVariants.find((v) => v.itemId === row.itemId && v.code === code)) {
      throw duplicateKey("Item Variant", `Item No.='${row.itemNumber}',Code='${code}'`);
    }
  }
  data.itemVariants.update(row.id, definedOnly({ code, description: input.description }));
}

export function deleteItemVariant(data: CompanyData, row: ItemVariantRow): void {
  data.itemVariants.delete(row.id);
  data.pictures.delete(row.id);
}

/** Deleting an item takes its variants, picture and item references with it (Item.OnDelete). */
export function deleteItem(data: CompanyData, item: ItemRow): void {
  for (const variant of data.itemVariants.filter((v) => v.itemId === item.id)) deleteItemVariant(data, variant);
  for (const reference of data.itemReferences.filter((r) => r.itemNumber === item.number)) {
    data.itemReferences.delete(reference.id);
  }
  data.pictures.delete(item.id);
  data.items.delete(item.id);
}

/** A PATCH on the companion `itemDetails` page: the same Item record, so the same etag moves on. */
export function patchItemDetails(data: CompanyData, item: ItemRow, input: ItemDetailsInput): void {
  if (input.vendorNumber && !data.vendors.find((v) => v.number === input.vendorNumber)) {
    // The Vendor No. table relation, in BC's words.
    throw new BcError(
      400,
      "Application_FieldValidationException",
      `The field Vendor No. of table Item contains a value (${input.vendorNumber}) that cannot be found in the related table (Vendor).`,
    );
  }
  // Code[20] Vendor No., Text[50] Vendor Item No., Code[20] Tariff No., Code[10] Country/Region.
  checkLength(input.vendorNumber, 20);
  checkLength(input.vendorItemNumber, 50);
  checkLength(input.tariffNumber, 20);
  checkLength(input.countryRegionOfOriginCode, 10);
  data.items.update(item.id, definedOnly(input));
}

function priceLineItem(data: CompanyData, itemNumber: string): ItemRow {
  const item = data.items.find((i) => i.number === itemNumber);
  if (!item) throw referencedNotFound("Item", `No.='${itemNumber}'`);
  return item;
}

function checkVariant(data: CompanyData, item: ItemRow, variantCode: string): void {
  if (variantCode !== "" && !data.itemVariants.find((v) => v.itemId === item.id && v.code === variantCode)) {
    throw referencedNotFound("Item Variant", `Item No.='${item.number}',Code='${variantCode}'`);
  }
}

/** A new line goes to the end of its list (Line No. + 10000), as the price list page numbers them. */
export function createPriceListLine(data: CompanyData, input: PriceListLineInput): PriceListLineRow {
  const priceListCode = input.priceListCode ?? "";
  if (priceListCode === "") throw mustHaveValue("Price List Code", "Price List Line");
  const item = priceLineItem(data, input.itemNumber ?? "");
  const variantCode = input.variantCode ?? "";
  checkVariant(data, item, variantCode);
  const sourceType = input.sourceType ?? "All Customers";
  const sourceNumber = sourceType === "All Customers" ? "" : (input.sourceNumber ?? "");
  if (sourceType !== "All Customers" && sourceNumber === "") throw mustHaveValue("Assign-to No.", "Price List Line");
  const lines = data.priceListLines.filter((l) => l.priceListCode === priceListCode);
  const lineNumber = input.lineNumber ?? Math.max(0, ...lines.map((l) => l.lineNumber)) + 10000;
  if (lines.some((l) => l.lineNumber === lineNumber)) {
    throw duplicateKey("Price List Line", `Price List Code='${priceListCode}',Line No.='${lineNumber}'`);
  }
  return data.priceListLines.insert({
    ...(input.id ? { id: input.id } : {}),
    priceListCode,
    lineNumber,
    sourceType,
    sourceNumber,
    itemNumber: item.number,
    variantCode,
    unitOfMeasureCode: input.unitOfMeasureCode ?? item.baseUnitOfMeasureCode,
    currencyCode: input.currencyCode ?? "",
    startingDate: input.startingDate ?? BLANK_DATE,
    endingDate: input.endingDate ?? BLANK_DATE,
    minimumQuantity: input.minimumQuantity ?? 0,
    amountType: input.amountType ?? "Price",
    unitPrice: input.unitPrice ?? 0,
    lineDiscountPercent: input.lineDiscountPercent ?? 0,
    allowLineDiscount: input.allowLineDiscount ?? true,
    priceIncludesTax: input.priceIncludesTax ?? false,
    status: input.status ?? "Active",
  });
}

export function patchPriceListLine(data: CompanyData, row: PriceListLineRow, input: PriceListLineInput): void {
  const { id: _id, priceListCode, lineNumber, ...rest } = input;
  // The primary key (Price List Code, Line No.) is fixed once the line exists (guess at the wording).
  if (
    (priceListCode !== undefined && priceListCode !== row.priceListCode) ||
    (lineNumber !== undefined && lineNumber !== row.lineNumber)
  ) {
    throw new BcError(400, "BadRequest_InvalidOperation", "The primary key of a price list line cannot be changed.");
  }
  const item = priceLineItem(data, rest.itemNumber ?? row.itemNumber);
  checkVariant(data, item, rest.variantCode ?? row.variantCode);
  const sourceType = rest.sourceType ?? row.sourceType;
  const changes = definedOnly(rest);
  if (sourceType === "All Customers") changes.sourceNumber = "";
  data.priceListLines.update(row.id, changes);
}

/** Item Reference's key: item, variant, unit of measure, type (and type no.), reference no. */
function sameReference(a: Omit<ItemReferenceRow, "id" | "lastModifiedDateTime">, b: ItemReferenceRow): boolean {
  return (
    a.itemNumber === b.itemNumber &&
    a.variantCode === b.variantCode &&
    a.unitOfMeasureCode === b.unitOfMeasureCode &&
    a.referenceType === b.referenceType &&
    a.referenceNumber === b.referenceNumber
  );
}

function checkReference(data: CompanyData, fields: Omit<ItemReferenceRow, "id" | "lastModifiedDateTime">, id?: string) {
  if (fields.referenceNumber === "") throw mustHaveValue("Reference No.", "Item Reference");
  // Code[20] Reference No. (Text[50] from BC 23, still Code-like: stored as entered here).
  checkLength(fields.referenceNumber, 50);
  checkVariant(data, priceLineItem(data, fields.itemNumber), fields.variantCode);
  const clash = data.itemReferences.find((r) => r.id !== id && sameReference(fields, r));
  if (clash) {
    throw duplicateKey(
      "Item Reference",
      `Item No.='${fields.itemNumber}',Variant Code='${fields.variantCode}',Reference No.='${fields.referenceNumber}'`,
    );
  }
}

export function createItemReference(data: CompanyData, input: ItemReferenceInput): ItemReferenceRow {
  const fields = {
    itemNumber: input.itemNumber ?? "",
    variantCode: input.variantCode ?? "",
    referenceType: input.referenceType ?? "Bar Code",
    referenceNumber: input.referenceNumber ?? "",
    unitOfMeasureCode: input.unitOfMeasureCode ?? "",
  };
  checkReference(data, fields);
  return data.itemReferences.insert({ ...(input.id ? { id: input.id } : {}), ...fields });
}

export function patchItemReference(data: CompanyData, row: ItemReferenceRow, input: ItemReferenceInput): void {
  const { id: _id, ...rest } = input;
  const fields = { ...row, ...definedOnly(rest) };
  checkReference(data, fields, row.id);
  data.itemReferences.update(row.id, definedOnly(rest));
}
