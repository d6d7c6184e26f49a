import { z } from "zod";

import { getDb } from "../db.ts";
import { countOf, formatDateTime } from "../format/format.ts";
import { searchInputSchema } from "../format/search-input.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { canMap, capitalize, productStateBadges } from "./product-labels.ts";
import {
  countErpVariantsOfItems,
  countProductLinksByTab,
  countVariantsOfProducts,
  listProductLinks,
  productListTabs,
} from "./queries.ts";

export const PRODUCTS_PAGE_SIZE = 50;

/**
 * The Products list's URL parameters; each falls back to its default instead of failing, so a
 * hand-edited URL still shows a list.
 */
export const productListQuerySchema = z.object({
  tab: z.enum(productListTabs).catch("all"),
  q: searchInputSchema,
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

export function parseProductListQuery(url: URL): ProductListQuery {
  // First value of each parameter: a repeated one must not turn into an array and fail.
  const first: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in first)) first[key] = value;
  return productListQuerySchema.parse(first);
}

/**
 * What the variants column says: the variants linked in Shopify, or for a product not in Shopify
 * yet, how many the ERP item has (an item without variants is one).
 */
function variantsText(linked: number | undefined, erp: { hasItem: boolean; variants: number } | undefined): string {
  if (linked) return String(linked);
  if (erp?.hasItem) return `${Math.max(1, erp.variants)} in the ERP`;
  return "";
}

/** One page of the Products list, ready to render: counts per tab, formatted rows, paging. */
export async function loadProductListPage(shopId: number, query: ProductListQuery) {
  const db = getDb();
  const [rows, counts, shop] = await Promise.all([
    listProductLinks(db, {
      shopId,
      tab: query.tab,
      search: query.q,
      limit: PRODUCTS_PAGE_SIZE + 1,
      offset: query.page * PRODUCTS_PAGE_SIZE,
    }),
    countProductLinksByTab(db, { shopId, search: query.q }),
    getShopDisplay(db, shopId),
  ]);
  const page = rows.slice(0, PRODUCTS_PAGE_SIZE);
  const [linkedVariants, erpVariants] = await Promise.all([
    countVariantsOfProducts(db, {
      shopId,
      shopifyProductIds: page.flatMap((row) => (row.shopifyProductId ? [row.shopifyProductId] : [])),
    }),
    countErpVariantsOfItems(db, {
      shopId,
      itemNumbers: page.flatMap((row) => (row.erpItemNumber && !row.shopifyProductId ? [row.erpItemNumber] : [])),
    }),
  ]);
  return {
    query,
    counts,
    total: countOf(counts.all, "product"),
    hasNext: rows.length > PRODUCTS_PAGE_SIZE,
    rows: page.map((row) => ({
      id: row.id,
      href: `/app/products/${row.id}`,
      title: row.title || "Untitled product",
      erpItemNumber: row.erpItemNumber ?? "",
      variants: variantsText(
        row.shopifyProductId ? linkedVariants.get(row.shopifyProductId) : undefined,
        row.erpItemNumber ? erpVariants.get(row.erpItemNumber) : undefined,
      ),
      state: row.state,
      badge: productStateBadges[row.state],
      reason: row.reason ? capitalize(row.reason) : "",
      lastSync: formatDateTime(row.lastSyncedAt, shop.timeZone),
      canMap: canMap(row),
    })),
  };
}
