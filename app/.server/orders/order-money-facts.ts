import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { DbOrTx } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { customerKey } from "../mapping/resolve-customer.ts";
import { getCustomerLink } from "../queries/links.ts";
import type { RefundOrder } from "../queries/order-refunds.ts";
import { importedOrderSchema } from "../tasks/orders-sync/imported-order.ts";

/**
 * What the money after an order (refunds, payments) needs of its ERP document: shared, so a
 * credit memo and a payment of one order always agree on its customer, currency and invoice.
 */

/** The posted invoice of the order, when there is one (a draft is no invoice to apply to). */
export async function postedInvoice(adapter: ErpAdapter, order: RefundOrder): Promise<string | null> {
  if (order.postingStatus !== "posted") return null;
  const found = await adapter.findSalesDocument(order.name);
  return found?.source === "salesInvoice" ? found.number : null;
}

/** The ERP customer the order's document is for: as processing recorded it, else the buyer's link. */
export async function erpCustomerOfOrder(db: DbOrTx, shopId: number, order: RefundOrder): Promise<string | null> {
  if (order.erpCustomerNumber) return order.erpCustomerNumber;
  const snapshot = importedOrderSchema.parse(order.snapshot);
  return getCustomerLink(db, { shopId, shopifyCustomerId: customerKey(snapshot).shopifyCustomerId });
}

/** Whether the order's ERP document is in the buyer's (presentment) currency rather than the shop's. */
export function documentInPresentment(settings: ShopSettings, order: RefundOrder): boolean {
  const snapshot = importedOrderSchema.parse(order.snapshot);
  return settings.orders.currency === "presentment" && snapshot.presentmentCurrency !== snapshot.shopCurrency;
}
