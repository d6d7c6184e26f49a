import { BcError, referencedNotFound } from "../bc-error.ts";
import type { InventoryAdjustmentInput } from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { round2 } from "./defaults.ts";
import type { InventoryByLocationRow, ItemLedgerEntryRow, ItemRow } from "./row-types.ts";
import { postItemLedgerEntry, setReservedQuantity, type StockKey, stockRow } from "./stock.ts";

/** BC's Error() and TestField failures reach API callers as 400 Application_DialogException. */
function dialog(message: string): BcError {
  return new BcError(400, "Application_DialogException", message);
}

function testField(field: string, must: string, record: string, current: string): BcError {
  return dialog(`${field} must be equal to '${must}'  in ${record}. Current value is '${current}'.`);
}

/**
 * Resolves item, variant and location as an Item Journal line's validation does, throwing BC's
 * errors (400) before anything is posted. Codes compare case-insensitively: BC upper-cases Code fields.
 */
export function resolveStockTarget(
  data: CompanyData,
  target: { itemNumber: string; variantCode?: string | undefined; locationCode?: string | undefined },
): { item: ItemRow; key: StockKey } {
  const number = target.itemNumber.toUpperCase();
  const item = data.items.find((i) => i.number.toUpperCase() === number);
  if (!item) throw referencedNotFound("Item", `No.='${target.itemNumber}'`);
  let variantCode = "";
  if (target.variantCode) {
    const code = target.variantCode.toUpperCase();
    const variant = data.itemVariants.find((v) => v.itemId === item.id && v.code.toUpperCase() === code);
    if (!variant) throw referencedNotFound("Item Variant", `Item No.='${item.number}',Code='${target.variantCode}'`);
    variantCode = variant.code;
  }
  let locationCode = "";
  if (target.locationCode) {
    const code = target.locationCode.toUpperCase();
    const location = data.locations.find((l) => l.code.toUpperCase() === code);
    if (!location) throw referencedNotFound("Location", `Code='${target.locationCode}'`);
    locationCode = location.code;
  }
  return { item, key: { itemId: item.id, variantCode, locationCode } };
}

/**
 * An Item Journal line (template ITEM, batch DEFAULT) posted at once, as a user adjusting stock
 * does: a Positive Adjmt. for a positive quantity, a Negative Adjmt. for a negative one. Only
 * inventory items carry stock; blocked items cannot be posted. Negative stock is allowed (Cronus'
 * Inventory Setup has Prevent Negative Inventory off).
 */
export function postInventoryAdjustment(data: CompanyData, input: InventoryAdjustmentInput): ItemLedgerEntryRow {
  const { item, key } = resolveStockTarget(data, input);
  if (item.type !== "Inventory") throw testField("Type", "Inventory", `Item: No.=${item.number}`, item.type);
  if (item.blocked) throw testField("Blocked", "No", `Item: No.=${item.number}`, "Yes");
  if (input.quantity === 0) {
    throw dialog(
      "Quantity must have a value in Item Journal Line: Journal Template Name=ITEM, Journal Batch Name=DEFAULT, Line No.=10000. It cannot be zero or empty.",
    );
  }
  const description = (input.description ?? item.displayName).slice(0, 100);
  return postItemLedgerEntry(data, {
    ...key,
    entryType: input.quantity > 0 ? "Positive Adjmt." : "Negative Adjmt.",
    documentNumber: input.documentNumber ?? data.series.take("itemJournal"),
    documentType: "",
    sourceNumber: "",
    sourceType: "",
    description,
    quantity: input.quantity,
    ...(input.postingDate ? { postingDate: input.postingDate } : {}),
    costAmountActual: round2(input.quantity * item.unitCost),
  });
}

/**
 * Control route `inventory`: sets the stock of one item/variant/location to an absolute quantity
 * by posting the difference as an adjustment (nothing when it already is that). Unknown item,
 * variant or location: 404.
 */
export function setInventory(
  data: CompanyData,
  target: { itemNumber: string; variantCode?: string | undefined; locationCode: string },
  quantity: number,
): ItemLedgerEntryRow | undefined {
  const resolved = asNotFound(() => resolveStockTarget(data, target));
  const current = stockRow(data, resolved.key)?.inventory ?? 0;
  if (quantity === current) return undefined;
  return postInventoryAdjustment(data, {
    ...target,
    quantity: quantity - current,
    description: "Sandbox: set inventory",
  });
}

/**
 * Control route `reserve`: the units reserved from inventory for one item/variant/location (the
 * sandbox does not model the documents reservations are for). Unknown item, variant or location:
 * 404. More than the inventory there cannot be reserved from it: 400.
 */
export function reserveStock(
  data: CompanyData,
  target: { itemNumber: string; variantCode?: string | undefined; locationCode?: string | undefined; quantity: number },
): InventoryByLocationRow {
  const { key } = asNotFound(() => resolveStockTarget(data, target));
  const inventory = stockRow(data, key)?.inventory ?? 0;
  if (target.quantity > inventory) {
    // Guess at the wording; BC cannot reserve more from inventory than there is.
    throw dialog(`You cannot reserve ${target.quantity} units: only ${inventory} are in inventory.`);
  }
  setReservedQuantity(data, key, target.quantity);
  const row = stockRow(data, key);
  if (!row) throw new Error("reserve left no stock row");
  return row;
}

/** Control routes answer 404 for an unknown item, variant or location (the API page's 400 is for bodies). */
function asNotFound<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof BcError) throw new BcError(404, error.code, error.message);
    throw error;
  }
}
