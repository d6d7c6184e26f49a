import { BcError } from "../bc-error.ts";
import type { ItemInput } from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly } from "./defaults.ts";
import { checkItemTypeChange } from "./item-type.ts";
import { EMPTY_GUID, type ItemRow } from "./row-types.ts";

/** Guess at status and wording: BC refuses a duplicate primary key on insert. */
function duplicateKey(table: string, fields: string): BcError {
  return new BcError(
    400,
    "Internal_EntityWithSameKeyExists",
    `The record in table ${table} already exists. Identification fields and values: ${fields}`,
  );
}

/** Items: the No. series allows manual numbers (a Cronus default), so a client-sent number is kept. */
export function createItem(data: CompanyData, input: ItemInput): ItemRow {
  const number = input.number ?? data.series.take("item");
  if (data.items.find((i) => i.number.toUpperCase() === number.toUpperCase())) {
    throw duplicateKey("Item", `No.='${number}'`);
  }
  return data.items.insert({
    number,
    displayName: "",
    displayName2: "",
    type: "Inventory",
    itemCategoryId: EMPTY_GUID,
    itemCategoryCode: "",
    blocked: false,
    gtin: "",
    inventory: 0,
    unitPrice: 0,
    priceIncludesTax: false,
    unitCost: 0,
    taxGroupId: EMPTY_GUID,
    taxGroupCode: "",
    baseUnitOfMeasureId: EMPTY_GUID,
    baseUnitOfMeasureCode: "PCS",
    generalProductPostingGroupCode: "RETAIL",
    inventoryPostingGroupCode: "RESALE",
    salesBlocked: false,
    vendorNumber: "",
    vendorItemNumber: "",
    grossWeight: 0,
    netWeight: 0,
    unitVolume: 0,
    tariffNumber: "",
    countryRegionOfOriginCode: "",
    ...definedOnly(input),
  });
}

export function patchItem(data: CompanyData, id: string, input: ItemInput): void {
  const { id: _id, ...rest } = input;
  if (rest.number !== undefined) {
    const clash = data.items.find((i) => i.id !== id && i.number.toUpperCase() === rest.number!.toUpperCase());
    if (clash) throw duplicateKey("Item", `No.='${rest.number}'`);
  }
  const item = data.items.get(id);
  if (item && rest.type !== undefined) checkItemTypeChange(data, item, rest.type);
  data.items.update(id, definedOnly(rest));
}
