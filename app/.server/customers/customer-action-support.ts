import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { ShopifyApiError } from "../adapters/shopify/errors.ts";
import { isWritesDisabledError, WRITES_OFF_REASON } from "../adapters/writes-disabled.ts";
import type { Tx } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import { comparedHash } from "../mapping/customer-fields.ts";
import { customerLabel } from "../tasks/customers-sync/customer-label.ts";
import { mirroredCustomers } from "../tasks/customers-sync/mirrored-customers.ts";
import { readCustomersById, type ShopifyCustomer } from "../tasks/customers-sync/read-shopify-customers.ts";
import { asErpError, describeErpError, NO_ERP_MESSAGE } from "../tasks/orders-process/erp-errors.ts";
import { CustomerRefused } from "./shopify-customer-writes.ts";

// What the Customers page's actions share: their answer, refusals, the kill switch, and reads.

/** What an action tells the merchant; `href` is the page to go to (a customer that got a row). */
export type CustomerActionResult =
  { ok: true; message: string; runLink?: string; href?: string } | { ok: false; message: string };

/** A refusal decided by us (inside a transaction: thrown to roll it back), answered as its message. */
export class Refusal extends Error {}

export const NO_SUCH_CUSTOMER: CustomerActionResult = { ok: false, message: "No such customer." };

/**
 * Runs an action, answering our refusals, the kill switch and the ERP's or Shopify's refusal in
 * their own words; anything else is a bug and is thrown.
 */
export async function refusing(run: () => Promise<CustomerActionResult>): Promise<CustomerActionResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal || isWritesDisabledError(error) || error instanceof CustomerRefused) {
      return { ok: false, message: error.message };
    }
    if (error instanceof ShopifyApiError) return { ok: false, message: `Shopify: ${error.message}` };
    const erpError = asErpError(error);
    if (erpError) return { ok: false, message: describeErpError(erpError) };
    throw error;
  }
}

/**
 * The kill switch, checked before anything is read or sent: the guarded ports would refuse the
 * write anyway, but only after the reads, and a create half done is worse than none.
 */
export function requireWrites(settings: ShopSettings, what: string): void {
  if (!settings.allowOutgoingWrites) throw new Refusal(`${WRITES_OFF_REASON}: ${what}; nothing was written.`);
}

export async function requireAdapter(shopId: number): Promise<ErpAdapter> {
  const adapter = await erpAdapterForShop(shopId);
  if (!adapter) throw new Refusal(NO_ERP_MESSAGE);
  return adapter;
}

export async function readShopifyCustomer(admin: ShopifyAdmin, id: string): Promise<ShopifyCustomer> {
  const [customer] = await readCustomersById(admin, [id]);
  if (!customer) throw new Refusal("Shopify no longer has this customer.");
  return customer;
}

/** The row's fields as Shopify has the customer now (what the list shows and searches). */
export function rowFields(customer: ShopifyCustomer) {
  const p = customer.profile;
  return {
    displayName: customerLabel(p),
    email: p.email,
    phone: p.phone,
    city: p.address?.city ?? null,
    countryCode: p.address?.countryCode ?? null,
    shopifyUpdatedAt: new Date(customer.updatedAt),
  };
}

export async function mirroredHash(tx: Tx, shopId: number, number: string): Promise<string | null> {
  const erp = (await mirroredCustomers(tx, { shopId, numbers: [number] })).get(number);
  return erp ? comparedHash(erp.fields) : null;
}

export function refuseUnless(allowed: boolean, message: string): void {
  if (!allowed) throw new Refusal(message);
}

/** "… 2 waiting orders were queued." after a mapping that moved orders on. */
export function withOrders(message: string, ordersQueued: number): string {
  if (ordersQueued === 0) return message;
  return `${message} ${ordersQueued === 1 ? "1 waiting order was" : `${ordersQueued} waiting orders were`} queued.`;
}
