import type { ProductLinkState } from "../../../db/schema/product-links.ts";
import type { BadgeTone } from "../runs-page/run-labels.ts";

/** How the Products pages name a product's mapping state to a merchant. Pure. */

export const productStateBadges: Record<ProductLinkState, { label: string; tone: BadgeTone }> = {
  pending: { label: "Being created", tone: "info" },
  linked: { label: "Mapped", tone: "success" },
  error: { label: "Error", tone: "critical" },
  skipped: { label: "Skipped", tone: "warning" },
  unmapped: { label: "Unmapped", tone: "attention" },
  ignored: { label: "Ignored", tone: undefined },
};

/** The product in Shopify admin (App Bridge opens `shopify://admin/...` in the admin around the app). */
export function shopifyAdminProductUrl(shopifyProductId: string | null): string | null {
  const numeric = shopifyProductId ? /^gid:\/\/shopify\/Product\/(\d+)$/.exec(shopifyProductId)?.[1] : undefined;
  return numeric ? `shopify://admin/products/${numeric}` : null;
}

/** Only an unmapped product no ERP item is known for can be mapped by hand. */
export function canMap(link: { state: ProductLinkState; erpItemNumber: string | null }): boolean {
  return link.state === "unmapped" && link.erpItemNumber === null;
}

/** A product that is some ERP item's in Shopify can be unlinked from it. */
export function canUnlink(link: { state: ProductLinkState; shopifyProductId: string | null }): boolean {
  return (
    link.shopifyProductId !== null && (link.state === "linked" || link.state === "error" || link.state === "skipped")
  );
}

/** "ignored by the merchant" → "Ignored by the merchant" (the rest kept as written). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
