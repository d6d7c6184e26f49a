import type { z } from "zod";

import { capitalize } from "../customers-page/customer-labels.ts";
import { getDb } from "../db.ts";
import { countOf, formatDateTime } from "../format/format.ts";
import { firstSearchParams, listQuerySchema } from "../format/list-query.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { companyName, companyStateBadges } from "./company-labels.ts";
import { companyListTabs, countCompaniesByTab, listCompanies } from "./queries.ts";

export const COMPANIES_PAGE_SIZE = 50;

/** The Companies list's URL parameters (tab, q, page), each falling back to its default. */
export const companyListQuerySchema = listQuerySchema(companyListTabs);
export type CompanyListQuery = z.infer<typeof companyListQuerySchema>;

export function parseCompanyListQuery(url: URL): CompanyListQuery {
  return companyListQuerySchema.parse(firstSearchParams(url));
}

/** One page of the Companies list, ready to render: counts per tab, formatted rows, paging. */
export async function loadCompanyListPage(shopId: number, query: CompanyListQuery) {
  const db = getDb();
  const [rows, counts, shop] = await Promise.all([
    listCompanies(db, {
      shopId,
      tab: query.tab,
      search: query.q,
      limit: COMPANIES_PAGE_SIZE + 1,
      offset: query.page * COMPANIES_PAGE_SIZE,
    }),
    countCompaniesByTab(db, { shopId, search: query.q }),
    getShopDisplay(db, shopId),
  ]);
  return {
    query,
    counts,
    total: countOf(counts.all, "company", "companies"),
    hasNext: rows.length > COMPANIES_PAGE_SIZE,
    rows: rows.slice(0, COMPANIES_PAGE_SIZE).map((row) => ({
      key: row.shopifyCompanyId,
      href: `/app/companies/${row.id}`,
      name: companyName(row.name, row.shopifyCompanyId),
      email: row.email ?? "",
      locations: countOf(row.locationCount, "location"),
      place: [row.city, row.countryCode].filter(Boolean).join(", "),
      erpCustomerNumber: row.erpCustomerNumber ?? "",
      state: row.state,
      badge: companyStateBadges[row.state],
      reason: row.reason ? capitalize(row.reason) : "",
      lastSync: formatDateTime(row.lastSyncedAt, shop.timeZone),
    })),
  };
}
