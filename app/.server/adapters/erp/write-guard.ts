import { WritesDisabledError } from "../writes-disabled.ts";
import type { ErpAdapter } from "./port.ts";

/** Every port method that changes the ERP. A new write method must be listed here (the type checks it). */
const WRITE_METHODS = [
  "createSalesDocument",
  "deleteSalesDocument",
  "postDocument",
  "upsertCustomer",
  "upsertItem",
  "updateItem",
  "createItemVariant",
  "upsertBarcode",
  "writeItemPicture",
  "recordPayment",
  "recordJournalEntry",
  "createCreditMemo",
  "createReturnOrder",
] as const satisfies ReadonlyArray<keyof ErpAdapter>;

type WriteMethod = (typeof WRITE_METHODS)[number];
/** Compile-time check: the read methods are exactly the port minus the writes above. */
type ReadMethod = Exclude<keyof ErpAdapter, WriteMethod | "kind" | "limits">;
const READ_METHODS = [
  "capabilities",
  "testConnection",
  "pull",
  "listKeys",
  "findSalesDocument",
  "findCustomer",
  "findItem",
  "searchCustomers",
  "searchItems",
  "listSalesLineAccounts",
  "readItemPicture",
  "pricesFor",
  "findPayment",
  "findJournalEntry",
] as const satisfies ReadonlyArray<ReadMethod>;
type Exhaustive<T extends never> = T;
export type EveryReadListed = Exhaustive<Exclude<ReadMethod, (typeof READ_METHODS)[number]>>;

/**
 * The shop's kill switch on the ERP port: reads pass, every write is refused before it is sent.
 * Applied where the shop's adapter is made, so no task can write around it.
 */
export function refuseErpWrites(adapter: ErpAdapter): ErpAdapter {
  const refuse = (operation: WriteMethod) => () => Promise.reject(new WritesDisabledError("erp", operation));
  const guarded = Object.fromEntries([
    ["kind", adapter.kind],
    ["limits", adapter.limits],
    ...READ_METHODS.map((name) => [name, adapter[name].bind(adapter)]),
    ...WRITE_METHODS.map((name) => [name, refuse(name)]),
  ]);
  return guarded as unknown as ErpAdapter;
}
