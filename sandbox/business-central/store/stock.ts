import type { CompanyData } from "./company-data.ts";
import { isoDate } from "./defaults.ts";
import {
  EMPTY_GUID,
  type InventoryByLocationRow,
  type ItemLedgerEntryRow,
  type ItemRow,
  type SalesLineRow,
} from "./row-types.ts";

/**
 * The stock model behind the companion `inventoryByLocation` page. BC computes its figures from
 * tables (FlowFields over Item Ledger Entry, Sales Line and Reservation Entry); the sandbox keeps
 * them on the row and recomputes a row whenever one of its sources changes, so the row's
 * lastModifiedDateTime is the change feed a client polls with `lastModifiedDateTime gt …`.
 *
 * - inventory: Σ quantity of the item ledger entries of the item/variant/location (kept as a
 *   running sum; every entry is posted through postItemLedgerEntry).
 * - projectedAvailableBalance ("today"): inventory − the outstanding quantity (quantity − shipped)
 *   of item lines of sales orders whose shipment date is on or before today, as BC's
 *   Qty. on Sales Order FlowField with Date Filter ..today counts them. Purchases, transfers and
 *   other demand are not modelled (nothing is added for incoming stock). "Today" is the sandbox
 *   clock at the time of the change: a line dated in the future is counted when something touches
 *   the row again after that date, not when the date arrives (no source record changes then, so a
 *   real page's stamp would not move either).
 * - reservedQuantity: units reserved from inventory (the `reserve` control route sets it; stock
 *   leaving lowers it to what is left, never below 0); nonReservedInventory = inventory − reservedQuantity.
 * - Only sales orders are demand (BC's Qty. on Sales Order counts orders of any status); draft
 *   invoices, purchases, transfers, assembly and production are not modelled.
 */
export interface StockKey {
  itemId: string;
  variantCode: string;
  locationCode: string;
}

interface RowIndex {
  /** Table size when built: a bulk insert (the seed) makes a miss rebuild the index. */
  size: number;
  ids: Map<string, string>;
}
const indexes = new WeakMap<CompanyData, RowIndex>();

const keyString = (k: StockKey) => `${k.itemId}\u0000${k.variantCode}\u0000${k.locationCode}`;

function buildIndex(data: CompanyData): RowIndex {
  const ids = new Map<string, string>();
  for (const row of data.inventoryByLocation.all()) ids.set(keyString(row), row.id);
  const index = { size: data.inventoryByLocation.size(), ids };
  indexes.set(data, index);
  return index;
}

/** The stock row of one item/variant/location, found through an index (200,000 rows in a big seed). */
export function stockRow(data: CompanyData, key: StockKey): InventoryByLocationRow | undefined {
  const lookup = (index: RowIndex) => {
    const id = index.ids.get(keyString(key));
    const row = id === undefined ? undefined : data.inventoryByLocation.get(id);
    return row && keyString(row) === keyString(key) ? row : undefined;
  };
  let index = indexes.get(data) ?? buildIndex(data);
  const found = lookup(index);
  if (found || index.size === data.inventoryByLocation.size()) return found;
  index = buildIndex(data);
  return lookup(index);
}

function insertStockRow(data: CompanyData, item: ItemRow, key: StockKey): InventoryByLocationRow {
  const location = key.locationCode ? data.locations.find((l) => l.code === key.locationCode) : undefined;
  const row = data.inventoryByLocation.insert({
    itemId: item.id,
    itemNumber: item.number,
    variantCode: key.variantCode,
    locationId: location?.id ?? EMPTY_GUID,
    locationCode: key.locationCode,
    inventory: 0,
    projectedAvailableBalance: 0,
    reservedQuantity: 0,
    nonReservedInventory: 0,
  });
  const index = indexes.get(data);
  if (index) {
    index.ids.set(keyString(row), row.id);
    index.size = data.inventoryByLocation.size();
  }
  return row;
}

/** Where a sales line's demand counts: its item, variant code and location code. */
export function keyOfLine(
  data: CompanyData,
  line: Pick<SalesLineRow, "itemId" | "itemVariantId" | "locationId">,
): StockKey {
  const variantCode = line.itemVariantId !== EMPTY_GUID ? (data.itemVariants.get(line.itemVariantId)?.code ?? "") : "";
  const locationCode = line.locationId !== EMPTY_GUID ? (data.locations.get(line.locationId)?.code ?? "") : "";
  return { itemId: line.itemId, variantCode, locationCode };
}

/** BC keeps quantities as decimals with 5 places; sums of fractional quantities stay exact that way. */
function round5(n: number): number {
  return Math.round(n * 100_000) / 100_000;
}

/** Outstanding quantity of sales order item lines for `key` due on or before `today` (yyyy-mm-dd). */
export function outstandingDemand(data: CompanyData, key: StockKey, today: string): number {
  let sum = 0;
  for (const line of data.salesOrderLines.all()) {
    if (line.lineType !== "Item" || line.itemId !== key.itemId || line.shipmentDate > today) continue;
    const lineKey = keyOfLine(data, line);
    if (lineKey.variantCode !== key.variantCode || lineKey.locationCode !== key.locationCode) continue;
    sum += Math.max(0, line.quantity - line.shippedQuantity);
  }
  return sum;
}

/**
 * Recomputes the figures of each row in `keys`, writing (and so stamping) only rows whose figures
 * changed. A key with demand but no row yet gets one (inventory 0), as the page lists every
 * item/variant/location that has entries or open demand; service and non-inventory items have
 * no stock and get none.
 */
export function refreshStock(data: CompanyData, keys: StockKey[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const k = keyString(key);
    if (key.itemId === EMPTY_GUID || seen.has(k)) continue;
    seen.add(k);
    updateStock(data, key);
  }
}

/**
 * One row's figures after `change` (a new inventory or reserved quantity), written in one update
 * so a posting moves the row's stamp and etag once.
 */
function updateStock(
  data: CompanyData,
  key: StockKey,
  change: Partial<Pick<InventoryByLocationRow, "inventory" | "reservedQuantity">> = {},
): void {
  const item = data.items.get(key.itemId);
  if (!item) return;
  const demand = outstandingDemand(data, key, isoDate(data.clock.now()));
  let row = stockRow(data, key);
  if (!row) {
    if (change.inventory === undefined && change.reservedQuantity === undefined) {
      if (item.type !== "Inventory" || demand === 0) return;
    }
    row = insertStockRow(data, item, key);
  }
  const inventory = round5(change.inventory ?? row.inventory);
  // Reservations from inventory sit on item ledger entries' remaining quantity: stock leaving
  // (a shipment, a negative adjustment) can take reserved units with it, never leave more reserved.
  const reservedQuantity = round5(Math.min(change.reservedQuantity ?? row.reservedQuantity, Math.max(0, inventory)));
  const next = {
    inventory,
    projectedAvailableBalance: round5(inventory - demand),
    reservedQuantity,
    nonReservedInventory: round5(inventory - reservedQuantity),
  };
  const same = (Object.keys(next) as (keyof typeof next)[]).every((f) => next[f] === row[f]);
  if (!same) data.inventoryByLocation.update(row.id, next);
}

/** Refreshes the rows the item lines of sales orders count against. */
export function refreshForLines(
  data: CompanyData,
  lines: Pick<SalesLineRow, "lineType" | "itemId" | "itemVariantId" | "locationId">[],
): void {
  refreshStock(
    data,
    lines.filter((l) => l.lineType === "Item").map((l) => keyOfLine(data, l)),
  );
}

export type LedgerEntryInput = StockKey &
  Pick<
    ItemLedgerEntryRow,
    "entryType" | "documentNumber" | "documentType" | "sourceNumber" | "sourceType" | "description" | "quantity"
  > &
  Partial<Pick<ItemLedgerEntryRow, "postingDate" | "salesAmountActual" | "costAmountActual">>;

/**
 * Posts one item ledger entry and moves the stock it counts in: the row's inventory, the item's
 * Inventory FlowField (items.inventory) and the derived figures. Callers validate first; this
 * only writes. Entry No. follows the last one, as BC's Item Ledger Entry numbering does.
 */
export function postItemLedgerEntry(data: CompanyData, input: LedgerEntryInput): ItemLedgerEntryRow {
  const item = data.items.get(input.itemId);
  if (!item) throw new Error(`no item ${input.itemId}`);
  const { itemId: _i, variantCode, locationCode, ...fields } = input;
  const entry = data.itemLedgerEntries.insert({
    entryNumber: data.itemLedgerEntries.size() + 1,
    itemId: item.id,
    itemNumber: item.number,
    variantCode,
    locationCode,
    postingDate: fields.postingDate ?? isoDate(data.clock.now()),
    entryType: fields.entryType,
    sourceNumber: fields.sourceNumber,
    sourceType: fields.sourceType,
    documentNumber: fields.documentNumber,
    documentType: fields.documentType,
    description: fields.description,
    quantity: fields.quantity,
    salesAmountActual: fields.salesAmountActual ?? 0,
    costAmountActual: fields.costAmountActual ?? 0,
  });
  const key = { itemId: item.id, variantCode, locationCode };
  updateStock(data, key, { inventory: (stockRow(data, key)?.inventory ?? 0) + input.quantity });
  data.items.update(item.id, { inventory: round5(item.inventory + input.quantity) });
  return entry;
}

/** Sets the units reserved from inventory for one row (creating the row if it has none yet). */
export function setReservedQuantity(data: CompanyData, key: StockKey, quantity: number): void {
  updateStock(data, key, { reservedQuantity: quantity });
}
