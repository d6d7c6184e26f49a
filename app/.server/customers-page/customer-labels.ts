import type { CustomerSyncState } from "../../../db/schema/shopify-customers.ts";
import type { BadgeTone } from "../runs-page/run-labels.ts";

/** How the Customers pages name a customer's sync state to a merchant. Pure. */

export const customerStateBadges: Record<CustomerSyncState, { label: string; tone: BadgeTone }> = {
  linked: { label: "Mapped", tone: "success" },
  unmapped: { label: "Unmapped", tone: "attention" },
  conflict: { label: "Conflict", tone: "warning" },
  error: { label: "Error", tone: "critical" },
  skipped: { label: "Skipped", tone: "warning" },
  ignored: { label: "Ignored", tone: undefined },
  redacted: { label: "Redacted", tone: undefined },
};

/** How a link was made (customer_links.source), for the page's ERP card. */
export const linkSourceLabels: Record<string, string> = {
  matched: "Found by the mapping strategy",
  created: "Created in the ERP from Shopify",
  merchant: "Mapped by you",
  exported: "Added to Shopify from the ERP",
};

export const directionLabels = {
  shopify_to_erp: "Shopify → ERP",
  erp_to_shopify: "ERP → Shopify",
} as const;

/** The customer in Shopify admin (App Bridge opens `shopify://admin/...` in the admin around the app). */
export function shopifyAdminCustomerUrl(shopifyCustomerId: string): string | null {
  const numeric = /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(shopifyCustomerId)?.[1];
  return numeric ? `shopify://admin/customers/${numeric}` : null;
}

/** "gid://shopify/Customer/42" → "Shopify customer 42": what a customer no run has read yet is called. */
export function unnamedCustomer(shopifyCustomerId: string): string {
  const numeric = /(\d+)$/.exec(shopifyCustomerId)?.[1];
  return numeric ? `Shopify customer ${numeric}` : "Shopify customer";
}

/**
 * The name to show: the sync stores its label ("Ann Lee <ann@example.com>", customer-label.ts),
 * and the e-mail has its own column, so it is not shown twice.
 */
export function customerName(displayName: string, email: string | null, shopifyCustomerId: string): string {
  // A customer without a name is labelled "<ann@example.com>" alone.
  const suffix = email ? `<${email}>` : "";
  const name = suffix && displayName.endsWith(suffix) ? displayName.slice(0, -suffix.length) : displayName;
  return name.trim() || email || unnamedCustomer(shopifyCustomerId);
}

/** The page's URL: our row's id, or `link-<id>` for a customer only customer_links knows. */
export function customerHref(row: { rowId: number | null; linkId: number | null }): string {
  return row.rowId !== null ? `/app/customers/${row.rowId}` : `/app/customers/link-${row.linkId}`;
}

/** Which buttons a customer's state allows. Pure, so the page and the actions agree. */
export function customerAbilities(state: CustomerSyncState) {
  return {
    /** A redacted customer's data is gone; a conflict waits for a side to be chosen; ignored: stop ignoring first. */
    canMap: state === "unmapped" || state === "error" || state === "skipped" || state === "linked",
    /** A mapped customer can be mapped to another ERP customer (a wrong match corrected). */
    remap: state === "linked",
    canCreate: state === "unmapped" || state === "error" || state === "skipped",
    canIgnore: state === "unmapped" || state === "error" || state === "skipped",
    canStopIgnoring: state === "ignored",
    canSync: state !== "ignored" && state !== "redacted",
    canResolveConflict: state === "conflict",
  };
}

/** "ignored by the merchant" → "Ignored by the merchant" (the rest kept as written). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
