import { and, eq, inArray, type SQL, sql } from "drizzle-orm";

import { customerLinks } from "../../../db/schema/links.ts";
import { type CompanySyncState, shopifyCompanies } from "../../../db/schema/shopify-companies.ts";
import type { DbOrTx } from "../db.ts";
import { containsPattern } from "../format/list-query.ts";

/**
 * The Companies pages' queries. Every one names the shop first (shopify_companies_shop_state_idx,
 * customer_links_shop_customer_uq). The company's link in customer_links is what order
 * processing goes by, so it wins over the row's number, and a row still unmapped whose company
 * has a link since counts as linked (as on the Customers list).
 */

/** The list's tabs: skipped companies show under All only. */
export const companyListTabs = ["all", "linked", "unmapped", "conflict", "error", "ignored"] as const;
export type CompanyListTab = (typeof companyListTabs)[number];

function listedCompanies(shopId: number): SQL {
  return sql`(
    select c.id, c.shopify_company_id, c.name, c.email, c.tax_id, c.city, c.country_code, c.location_count,
      c.locations, coalesce(l.erp_customer_number, c.erp_customer_number) as erp_customer_number,
      case when c.state = 'unmapped' and l.id is not null then 'linked' else c.state end as state,
      case when c.state = 'unmapped' and l.id is not null then null else c.reason end as reason,
      c.last_synced_at
    from ${shopifyCompanies} c
    left join ${customerLinks} l on l.shop_id = c.shop_id and l.shopify_customer_id = c.shopify_company_id
    where c.shop_id = ${shopId}
  ) listed`;
}

/** Name, main contact e-mail, tax id (the company's or a location's) or ERP customer number (the company's or a location's own). */
function searchCondition(search: string | undefined): SQL {
  const term = search?.trim();
  if (!term) return sql`true`;
  const p = containsPattern(term);
  return sql`(name ilike ${p} or email ilike ${p} or tax_id ilike ${p} or erp_customer_number ilike ${p}
    or exists (select 1 from jsonb_array_elements(locations) loc
      where loc->>'taxId' ilike ${p} or loc->>'erpCustomerNumber' ilike ${p}))`;
}

const tabCondition = (tab: CompanyListTab): SQL => (tab === "all" ? sql`true` : sql`state = ${tab}`);

export interface CompanyListRow {
  id: number;
  shopifyCompanyId: string;
  name: string;
  email: string | null;
  city: string | null;
  countryCode: string | null;
  locationCount: number;
  erpCustomerNumber: string | null;
  state: CompanySyncState;
  reason: string | null;
  lastSyncedAt: Date | null;
}

/** One page of the list, by name (the Shopify id breaks ties, so paging never skips or repeats one). */
export async function listCompanies(
  db: DbOrTx,
  input: { shopId: number; tab: CompanyListTab; search?: string; limit: number; offset: number },
): Promise<CompanyListRow[]> {
  const rows = await db.execute<{
    id: string;
    shopify_company_id: string;
    name: string;
    email: string | null;
    city: string | null;
    country_code: string | null;
    location_count: number;
    erp_customer_number: string | null;
    state: CompanySyncState;
    reason: string | null;
    last_synced_at: string | null;
  }>(sql`select id, shopify_company_id, name, email, city, country_code, location_count, erp_customer_number,
      state, reason, last_synced_at
    from ${listedCompanies(input.shopId)}
    where ${tabCondition(input.tab)} and ${searchCondition(input.search)}
    order by (name = ''), lower(name), shopify_company_id
    limit ${input.limit} offset ${input.offset}`);
  return rows.map((r) => ({
    id: Number(r.id),
    shopifyCompanyId: r.shopify_company_id,
    name: r.name,
    email: r.email,
    city: r.city,
    countryCode: r.country_code,
    locationCount: Number(r.location_count),
    erpCustomerNumber: r.erp_customer_number,
    state: r.state,
    reason: r.reason,
    lastSyncedAt: r.last_synced_at ? new Date(r.last_synced_at) : null,
  }));
}

/** How many companies each tab holds, narrowed by the same search: one grouped pass. */
export async function countCompaniesByTab(
  db: DbOrTx,
  input: { shopId: number; search?: string },
): Promise<Record<CompanyListTab, number>> {
  const rows = await db.execute<{ state: CompanySyncState; count: number }>(sql`
    select state, count(*)::int as count from ${listedCompanies(input.shopId)}
    where ${searchCondition(input.search)} group by state`);
  const counts: Record<CompanyListTab, number> = { all: 0, linked: 0, unmapped: 0, conflict: 0, error: 0, ignored: 0 };
  for (const row of rows) {
    const count = Number(row.count);
    counts.all += count;
    if (row.state in counts) counts[row.state as Exclude<CompanyListTab, "all">] += count;
  }
  return counts;
}

/** One company row of the shop by our id; undefined for another shop's. */
export async function getCompanyRow(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(shopifyCompanies)
    .where(and(eq(shopifyCompanies.shopId, input.shopId), eq(shopifyCompanies.id, input.id)));
  return row;
}

/** The links of a company and its locations (gid → ERP customer number and how it was made). */
export async function linksOf(db: DbOrTx, input: { shopId: number; shopifyIds: readonly string[] }) {
  const links = new Map<string, { erpCustomerNumber: string; source: string }>();
  if (input.shopifyIds.length === 0) return links;
  const rows = await db
    .select({
      id: customerLinks.shopifyCustomerId,
      erpCustomerNumber: customerLinks.erpCustomerNumber,
      source: customerLinks.source,
    })
    .from(customerLinks)
    .where(
      and(eq(customerLinks.shopId, input.shopId), inArray(customerLinks.shopifyCustomerId, [...input.shopifyIds])),
    );
  for (const row of rows) links.set(row.id, { erpCustomerNumber: row.erpCustomerNumber, source: row.source });
  return links;
}
