import { BcError } from "../bc-error.ts";
import type { CompanyData } from "./company-data.ts";
import type { ItemRow } from "./row-types.ts";

/**
 * Item.Type's OnValidate: an item that has item ledger entries (any, even if they net to zero
 * stock) or lines on sales documents not posted yet cannot change type, as Business Central refuses it
 * (CannotChangeFieldErr in Item.Table.al; the Sales Line variant of the message is a guess).
 * Changing back and forth on an item without history is allowed.
 */
export function checkItemTypeChange(data: CompanyData, item: ItemRow, type: ItemRow["type"]): void {
  if (type === item.type) return;
  const refuse = (table: string) =>
    new BcError(
      400,
      "Application_DialogException",
      `You cannot change the Type field on Item ${item.number} because at least one ${table} exists for this item.`,
    );
  // Stock without entries only comes from a snapshot older than the ledger; BC would have entries.
  const hasStock = () => data.inventoryByLocation.find((r) => r.itemId === item.id && r.inventory !== 0);
  if (data.itemLedgerEntries.find((e) => e.itemId === item.id) || hasStock()) throw refuse("Item Ledger Entry");
  const onLine = (l: { lineType: string; itemId: string }) => l.lineType === "Item" && l.itemId === item.id;
  // Draft invoices' lines are Sales Lines too; a posted invoice's are Sales Invoice Lines (no check).
  const draftLine = (l: { lineType: string; itemId: string; documentId: string }) =>
    onLine(l) && data.salesInvoices.get(l.documentId)?.status === "Draft";
  if (data.salesOrderLines.find(onLine) || data.salesInvoiceLines.find(draftLine)) throw refuse("Sales Line");
}

/** Control route `item-type`: the item by number (404 when unknown), its type set as validated. */
export function setItemType(data: CompanyData, itemNumber: string, type: ItemRow["type"]): ItemRow {
  const number = itemNumber.toUpperCase();
  const item = data.items.find((i) => i.number.toUpperCase() === number);
  if (!item) {
    throw new BcError(
      404,
      "Internal_RecordNotFound",
      `The Item does not exist. Identification fields and values: No.='${itemNumber}'`,
    );
  }
  checkItemTypeChange(data, item, type);
  return item.type === type ? item : data.items.update(item.id, { type });
}
