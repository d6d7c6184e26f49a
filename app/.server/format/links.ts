import { storedConnectionSettingsSchema } from "../erp/connection-form.ts";

/**
 * The order in Shopify admin. App Bridge opens `shopify://admin/...` links in the admin around
 * the app (target _top), whichever store domain or admin host the merchant uses.
 */
export function shopifyAdminOrderUrl(shopifyOrderId: string): string | null {
  const numeric = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(shopifyOrderId)?.[1];
  return numeric ? `shopify://admin/orders/${numeric}` : null;
}

// Business Central's Sales Order and Sales Invoice card pages.
const BC_CARD_PAGES = { order: 42, invoice: 43 } as const;

/**
 * The document in Business Central's web client, when we know where that is: online (tenant and
 * environment name it) and not the offline sandbox, which has no web client. On-premises web
 * client URLs are the server admin's choice, so there we show the number only.
 */
export function businessCentralDocumentUrl(input: {
  /** The connection's stored settings; another ERP's have no Business Central link. */
  settings: unknown;
  companyName: string;
  type: "order" | "invoice";
  number: string;
  sandbox: boolean;
}): string | null {
  const settings = storedConnectionSettingsSchema.safeParse(input.settings);
  if (input.sandbox || !settings.success || settings.data.mode !== "online") return null;
  const { tenant, environment } = settings.data;
  const query = new URLSearchParams({
    company: input.companyName,
    page: String(BC_CARD_PAGES[input.type]),
    filter: `'No.' IS '${input.number.replaceAll("'", "''")}'`,
  });
  return `https://businesscentral.dynamics.com/${encodeURIComponent(tenant)}/${encodeURIComponent(environment)}/?${query.toString()}`;
}
