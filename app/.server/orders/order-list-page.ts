import { z } from "zod";

import { getDb } from "../db.ts";
import { formatDateTime, formatMoney } from "../format/format.ts";
import { erpDocumentLabel, orderStatusBadges } from "../format/order-labels.ts";
import { searchInputSchema } from "../format/search-input.ts";
import { countOrdersByFilter, listOrders, orderListFilters, orderSortKeys } from "../queries/order-list.ts";
import { getShopDisplay } from "../queries/shop-display.ts";

export const ORDERS_PAGE_SIZE = 50;

/**
 * The orders list's URL parameters. Every one falls back to its default instead of failing, so a
 * hand-edited or truncated URL still shows a list; sort keys are a whitelist (never SQL from the URL).
 */
export const orderListQuerySchema = z.object({
  status: z.enum(orderListFilters).catch("unprocessed"),
  q: searchInputSchema,
  sort: z.enum(orderSortKeys).catch("date"),
  direction: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export function parseOrderListQuery(url: URL): OrderListQuery {
  // First value of each parameter: a repeated one must not turn into an array and fail.
  const first: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in first)) first[key] = value;
  return orderListQuerySchema.parse(first);
}

/** One page of the orders list, ready to render: counts per tab, formatted rows, paging. */
export async function loadOrderListPage(shopId: number, query: OrderListQuery) {
  const db = getDb();
  const [rows, counts, shop] = await Promise.all([
    listOrders(db, {
      shopId,
      filter: query.status,
      search: query.q,
      sort: query.sort,
      direction: query.direction,
      limit: ORDERS_PAGE_SIZE + 1,
      offset: query.page * ORDERS_PAGE_SIZE,
    }),
    countOrdersByFilter(db, { shopId, search: query.q }),
    getShopDisplay(db, shopId),
  ]);
  return {
    query,
    counts,
    hasNext: rows.length > ORDERS_PAGE_SIZE,
    rows: rows.slice(0, ORDERS_PAGE_SIZE).map((row) => ({
      id: row.id,
      name: row.name,
      date: formatDateTime(row.placedAt, shop.timeZone),
      customer: row.customerName ?? row.customerEmail ?? "No customer",
      total: formatMoney(row.total, row.currency ?? shop.currencyCode),
      badges: orderStatusBadges(row),
      erpDocument: row.erpDocumentNumber ?? "",
      erpDocumentType: row.erpDocumentNumber ? erpDocumentLabel(row.erpDocumentType) : "",
      detail: row.errorMessage ?? "",
    })),
  };
}
