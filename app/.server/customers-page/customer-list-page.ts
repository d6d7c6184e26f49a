import type { z } from "zod";

import { getDb } from "../db.ts";
import { countOf, formatDateTime } from "../format/format.ts";
import { firstSearchParams, listQuerySchema } from "../format/list-query.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { capitalize, customerHref, customerName, customerStateBadges } from "./customer-labels.ts";
import { countCustomersByTab, customerListTabs, listCustomers } from "./queries.ts";

export const CUSTOMERS_PAGE_SIZE = 50;

/**
 * The Customers list's URL parameters; each falls back to its default instead of failing, so a
 * hand-edited URL still shows a list.
 */
export const customerListQuerySchema = listQuerySchema(customerListTabs);
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export function parseCustomerListQuery(url: URL): CustomerListQuery {
  return customerListQuerySchema.parse(firstSearchParams(url));
}

/** One page of the Customers list, ready to render: counts per tab, formatted rows, paging. */
export async function loadCustomerListPage(shopId: number, query: CustomerListQuery) {
  const db = getDb();
  const [rows, counts, shop] = await Promise.all([
    listCustomers(db, {
      shopId,
      tab: query.tab,
      search: query.q,
      limit: CUSTOMERS_PAGE_SIZE + 1,
      offset: query.page * CUSTOMERS_PAGE_SIZE,
    }),
    countCustomersByTab(db, { shopId, search: query.q }),
    getShopDisplay(db, shopId),
  ]);
  return {
    query,
    counts,
    total: countOf(counts.all, "customer"),
    hasNext: rows.length > CUSTOMERS_PAGE_SIZE,
    rows: rows.slice(0, CUSTOMERS_PAGE_SIZE).map((row) => ({
      key: row.shopifyCustomerId,
      href: customerHref(row),
      name: customerName(row.displayName, row.email, row.shopifyCustomerId),
      email: row.email ?? "",
      place: [row.city, row.countryCode].filter(Boolean).join(", "),
      erpCustomerNumber: row.erpCustomerNumber ?? "",
      state: row.state,
      badge: customerStateBadges[row.state],
      // A link-only customer was linked by order processing and not read by the sync yet: say so.
      reason: row.reason
        ? capitalize(row.reason)
        : row.rowId === null
          ? "Linked by order processing; not read by Sync customers yet"
          : "",
      lastSync: formatDateTime(row.lastSyncedAt, shop.timeZone),
    })),
  };
}
