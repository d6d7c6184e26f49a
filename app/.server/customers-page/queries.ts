import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

import { erpRecords } from "../../../db/schema/erp-records.ts";
import { customerLinks } from "../../../db/schema/links.ts";
import { type CustomerSyncState, shopifyCustomers } from "../../../db/schema/shopify-customers.ts";
import type { DbOrTx } from "../db.ts";
import { containsPattern } from "../format/list-query.ts";

/**
 * The Customers pages' queries. Every one names the shop first, so each is served by an index
 * that starts with shop_id (shopify_customers_shop_state_idx, customer_links_shop_customer_uq).
 *
 * The list is the shop's `shopify_customers` rows plus the customers only `customer_links` knows
 * (linked by order processing before "Sync customers" ever read them): those count as mapped. A
 * row still unmapped whose customer was mapped since on the unmapped-customers list (a link now
 * exists) counts as mapped too: the link is what order processing goes by.
 */

/** The list's tabs: ignored and redacted customers show under All only. */
export const customerListTabs = ["all", "linked", "unmapped", "conflict", "error", "skipped"] as const;
export type CustomerListTab = (typeof customerListTabs)[number];

/** A guest's "link" is keyed by its order, not a Shopify customer: never listed as a customer. */
const CUSTOMER_GID = "gid://shopify/Customer/%";

/**
 * The union of rows and link-only customers, each with its effective state. `row_id` is null for
 * a link-only customer, `link_id` null for a row without a link.
 */
function listedCustomers(shopId: number): SQL {
  return sql`(
    select c.id as row_id, l.id as link_id, c.shopify_customer_id, c.display_name, c.email, c.phone, c.city,
      c.country_code, coalesce(l.erp_customer_number, c.erp_customer_number) as erp_customer_number,
      case when c.state = 'unmapped' and l.id is not null then 'linked' else c.state end as state,
      case when c.state = 'unmapped' and l.id is not null then null else c.reason end as reason,
      c.last_synced_at, l.source as link_source
    from ${shopifyCustomers} c
    left join ${customerLinks} l on l.shop_id = c.shop_id and l.shopify_customer_id = c.shopify_customer_id
    where c.shop_id = ${shopId}
    union all
    select null, l.id, l.shopify_customer_id, '', null, null, null, null, l.erp_customer_number, 'linked', null,
      null, l.source
    from ${customerLinks} l
    where l.shop_id = ${shopId} and l.shopify_customer_id like ${CUSTOMER_GID}
      and not exists (select 1 from ${shopifyCustomers} c
        where c.shop_id = l.shop_id and c.shopify_customer_id = l.shopify_customer_id)
  ) listed`;
}

/** Name, e-mail, phone (also by its digits alone) or ERP customer number containing the term. */
function searchCondition(search: string | undefined): SQL {
  const term = search?.trim();
  if (!term) return sql`true`;
  const pattern = containsPattern(term);
  const digits = term.replace(/\D/g, "");
  // "030 1234" finds "+49 30 1234…": phones are stored as typed, so compare digits too.
  const byDigits =
    digits.length >= 3 ? sql` or regexp_replace(coalesce(phone, ''), '\\D', '', 'g') like ${`%${digits}%`}` : sql``;
  return sql`(display_name ilike ${pattern} or email ilike ${pattern} or phone ilike ${pattern}
    or erp_customer_number ilike ${pattern}${byDigits})`;
}

function tabCondition(tab: CustomerListTab): SQL {
  return tab === "all" ? sql`true` : sql`state = ${tab}`;
}

export interface CustomerListRow {
  rowId: number | null;
  linkId: number | null;
  shopifyCustomerId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  countryCode: string | null;
  erpCustomerNumber: string | null;
  state: CustomerSyncState;
  reason: string | null;
  lastSyncedAt: Date | null;
  linkSource: string | null;
}

/** One page of the list, by name (the Shopify id breaks ties, so paging never skips or repeats one). */
export async function listCustomers(
  db: DbOrTx,
  input: { shopId: number; tab: CustomerListTab; search?: string; limit: number; offset: number },
): Promise<CustomerListRow[]> {
  const rows = await db.execute<{
    row_id: string | null;
    link_id: string | null;
    shopify_customer_id: string;
    display_name: string;
    email: string | null;
    phone: string | null;
    city: string | null;
    country_code: string | null;
    erp_customer_number: string | null;
    state: CustomerSyncState;
    reason: string | null;
    last_synced_at: string | null;
    link_source: string | null;
  }>(sql`select * from ${listedCustomers(input.shopId)}
    where ${tabCondition(input.tab)} and ${searchCondition(input.search)}
    order by (display_name = ''), lower(display_name), shopify_customer_id
    limit ${input.limit} offset ${input.offset}`);
  return rows.map((r) => ({
    rowId: r.row_id === null ? null : Number(r.row_id),
    linkId: r.link_id === null ? null : Number(r.link_id),
    shopifyCustomerId: r.shopify_customer_id,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    city: r.city,
    countryCode: r.country_code,
    erpCustomerNumber: r.erp_customer_number,
    state: r.state,
    reason: r.reason,
    lastSyncedAt: r.last_synced_at ? new Date(r.last_synced_at) : null,
    linkSource: r.link_source,
  }));
}

/** How many customers each tab holds, narrowed by the same search: one grouped pass. */
export async function countCustomersByTab(
  db: DbOrTx,
  input: { shopId: number; search?: string },
): Promise<Record<CustomerListTab, number>> {
  const rows = await db.execute<{ state: CustomerSyncState; count: number }>(sql`
    select state, count(*)::int as count from ${listedCustomers(input.shopId)}
    where ${searchCondition(input.search)} group by state`);
  const counts: Record<CustomerListTab, number> = {
    all: 0,
    linked: 0,
    unmapped: 0,
    conflict: 0,
    error: 0,
    skipped: 0,
  };
  for (const row of rows) {
    const count = Number(row.count);
    counts.all += count;
    if (row.state in counts) counts[row.state as Exclude<CustomerListTab, "all">] += count;
  }
  return counts;
}

/** One customer row of the shop; undefined for another shop's. */
export async function getCustomerRow(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(shopifyCustomers)
    .where(and(eq(shopifyCustomers.shopId, input.shopId), eq(shopifyCustomers.id, input.id)));
  return row;
}

export type CustomerRow = NonNullable<Awaited<ReturnType<typeof getCustomerRow>>>;

/** The same, locked for the rest of the transaction (actions decide on its state). */
export async function lockCustomerRow(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(shopifyCustomers)
    .where(and(eq(shopifyCustomers.shopId, input.shopId), eq(shopifyCustomers.id, input.id)))
    .for("update");
  return row;
}

/** A customer link of the shop by its id (a link-only customer's page), guests left out. */
export async function getCustomerLinkById(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(customerLinks)
    .where(
      and(
        eq(customerLinks.shopId, input.shopId),
        eq(customerLinks.id, input.id),
        sql`${customerLinks.shopifyCustomerId} like ${CUSTOMER_GID}`,
      ),
    );
  return row;
}

/** The link of one Shopify customer, with how it was made. */
export async function getCustomerLinkOf(db: DbOrTx, input: { shopId: number; shopifyCustomerId: string }) {
  const [row] = await db
    .select()
    .from(customerLinks)
    .where(and(eq(customerLinks.shopId, input.shopId), eq(customerLinks.shopifyCustomerId, input.shopifyCustomerId)));
  return row;
}

/** The row of one Shopify customer (a link-only customer may have got one meanwhile). */
export async function getCustomerRowOf(db: DbOrTx, input: { shopId: number; shopifyCustomerId: string }) {
  const [row] = await db
    .select()
    .from(shopifyCustomers)
    .where(
      and(eq(shopifyCustomers.shopId, input.shopId), eq(shopifyCustomers.shopifyCustomerId, input.shopifyCustomerId)),
    );
  return row;
}

/** The ERP mirror's record of one ERP customer (the mirror keys customers by number in `item_number`). */
export async function getMirroredCustomer(db: DbOrTx, input: { shopId: number; number: string }) {
  const [row] = await db
    .select({ data: erpRecords.data, erpModifiedAt: erpRecords.erpModifiedAt, updatedAt: erpRecords.updatedAt })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.itemNumber, input.number),
        eq(erpRecords.entity, "customers"),
        sql`${erpRecords.deletedAt} is null`,
      ),
    )
    .orderBy(desc(erpRecords.updatedAt))
    .limit(1);
  return row;
}

/** Moves a row from one state to another; nothing when it is not (any longer) in `from`. */
export async function updateCustomerRow(
  db: DbOrTx,
  input: {
    shopId: number;
    id: number;
    from: readonly CustomerSyncState[];
    set: Partial<typeof shopifyCustomers.$inferInsert>;
  },
): Promise<boolean> {
  const updated = await db
    .update(shopifyCustomers)
    .set({ ...input.set, updatedAt: new Date() })
    .where(
      and(
        eq(shopifyCustomers.shopId, input.shopId),
        eq(shopifyCustomers.id, input.id),
        inArray(shopifyCustomers.state, [...input.from]),
      ),
    )
    .returning({ id: shopifyCustomers.id });
  return updated.length > 0;
}

/**
 * Gives a customer only customer_links knows its row: linked, never synced, no Shopify hash (so
 * the next sync reads it by id). A row made meanwhile (the sync got there first) is kept as it is.
 * Returns the row's id.
 */
export async function insertLinkedCustomerRow(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyCustomerId: string;
    erpCustomerNumber: string;
    displayName: string;
    erpHash: string | null;
  },
): Promise<number> {
  const [inserted] = await db
    .insert(shopifyCustomers)
    .values({ ...input, state: "linked", shopifyHash: null })
    .onConflictDoNothing({ target: [shopifyCustomers.shopId, shopifyCustomers.shopifyCustomerId] })
    .returning({ id: shopifyCustomers.id });
  if (inserted) return inserted.id;
  const existing = await getCustomerRowOf(db, input);
  return existing!.id;
}
