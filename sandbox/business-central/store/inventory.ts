import type { CompanyData } from "./company-data.ts";
import { EMPTY_GUID } from "./row-types.ts";

/**
 * Moves stock of one item/variant/location by `delta` (negative = out), as posting an item ledger entry
 * would, keeping items.inventory equal to the sum of the custom inventoryByLocation rows.
 * A blank location is a row with locationCode "" (BC keeps stock without a location the same way).
 */
export function adjustInventory(
  data: CompanyData,
  item: { itemId: string; itemVariantId: string; locationId: string },
  delta: number,
): void {
  const row = data.items.get(item.itemId);
  if (!row || delta === 0) return;
  const variantCode = item.itemVariantId !== EMPTY_GUID ? (data.itemVariants.get(item.itemVariantId)?.code ?? "") : "";
  const location = item.locationId !== EMPTY_GUID ? data.locations.get(item.locationId) : undefined;
  const locationCode = location?.code ?? "";
  const existing = data.inventoryByLocation.find(
    (r) => r.itemId === row.id && r.variantCode === variantCode && r.locationCode === locationCode,
  );
  if (existing) data.inventoryByLocation.update(existing.id, { inventory: existing.inventory + delta });
  else {
    data.inventoryByLocation.insert({
      itemId: row.id,
      itemNumber: row.number,
      variantCode,
      locationId: location?.id ?? EMPTY_GUID,
      locationCode,
      inventory: delta,
    });
  }
  data.items.update(row.id, { inventory: row.inventory + delta });
}

/** Test helper: sets the stock of one item/variant/location to an absolute quantity. */
export function setInventory(
  data: CompanyData,
  target: { itemNumber: string; variantCode?: string; locationCode: string },
  quantity: number,
): void {
  const item = data.items.find((i) => i.number === target.itemNumber);
  if (!item) throw new Error(`no item ${target.itemNumber}`);
  const variant = target.variantCode
    ? data.itemVariants.find((v) => v.itemId === item.id && v.code === target.variantCode)
    : undefined;
  if (target.variantCode && !variant) throw new Error(`no variant ${target.itemNumber}/${target.variantCode}`);
  const location = data.locations.find((l) => l.code === target.locationCode);
  if (!location) throw new Error(`no location ${target.locationCode}`);
  const current =
    data.inventoryByLocation.find(
      (r) => r.itemId === item.id && r.variantCode === (target.variantCode ?? "") && r.locationCode === location.code,
    )?.inventory ?? 0;
  adjustInventory(
    data,
    { itemId: item.id, itemVariantId: variant?.id ?? EMPTY_GUID, locationId: location.id },
    quantity - current,
  );
}
