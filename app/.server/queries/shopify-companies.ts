import { and, eq, inArray, notInArray, sql } from "drizzle-orm";

import { customerLinks } from "../../../db/schema/links.ts";
import {
  type CompanyLocationSummary,
  type CompanySyncState,
  shopifyCompanies,
} from "../../../db/schema/shopify-companies.ts";
import type { CustomerConflict } from "../../../db/schema/shopify-customers.ts";
import type { DbOrTx } from "../db.ts";

export type ShopifyCompanyRow = typeof shopifyCompanies.$inferSelect;

/** The rows of these Shopify companies, by id. */
export async function companyRowsOf(
  db: DbOrTx,
  input: { shopId: number; shopifyCompanyIds: readonly string[] },
): Promise<Map<string, ShopifyCompanyRow>> {
  const rows = new Map<string, ShopifyCompanyRow>();
  if (input.shopifyCompanyIds.length === 0) return rows;
  const found = await db
    .select()
    .from(shopifyCompanies)
    .where(
      and(
        eq(shopifyCompanies.shopId, input.shopId),
        inArray(shopifyCompanies.shopifyCompanyId, [...input.shopifyCompanyIds]),
      ),
    );
  for (const row of found) rows.set(row.shopifyCompanyId, row);
  return rows;
}

/** The Shopify companies linked to each of these ERP customers. */
export async function shopifyCompaniesOfErp(
  db: DbOrTx,
  input: { shopId: number; erpNumbers: readonly string[] },
): Promise<Map<string, string[]>> {
  const byNumber = new Map<string, string[]>();
  if (input.erpNumbers.length === 0) return byNumber;
  const rows = await db
    .select({ id: customerLinks.shopifyCustomerId, number: customerLinks.erpCustomerNumber })
    .from(customerLinks)
    .where(
      and(
        eq(customerLinks.shopId, input.shopId),
        inArray(customerLinks.erpCustomerNumber, [...input.erpNumbers]),
        sql`${customerLinks.shopifyCustomerId} like 'gid://shopify/Company/%'`,
      ),
    );
  for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), row.id]);
  return byNumber;
}

export interface CompanyOutcome {
  shopId: number;
  shopifyCompanyId: string;
  state: CompanySyncState;
  name: string;
  email: string | null;
  phone: string | null;
  /** undefined = keep the stored one. */
  mainContactCustomerId?: string | null;
  taxId: string | null;
  city: string | null;
  countryCode: string | null;
  locations: CompanyLocationSummary[];
  erpCustomerNumber: string | null;
  shopifyUpdatedAt: Date | null;
  /** undefined = keep the stored hash. */
  shopifyHash?: string | null;
  erpHash?: string | null;
  reason: string | null;
  conflict: CustomerConflict | null;
  direction?: "shopify_to_erp" | "erp_to_shopify";
  now: Date;
}

/** One company's state after a run looked at it: inserted, or the row updated in place. */
export async function saveCompanyOutcome(db: DbOrTx, o: CompanyOutcome): Promise<void> {
  const values = {
    state: o.state,
    name: o.name,
    email: o.email,
    phone: o.phone,
    ...(o.mainContactCustomerId !== undefined ? { mainContactCustomerId: o.mainContactCustomerId } : {}),
    taxId: o.taxId,
    city: o.city,
    countryCode: o.countryCode,
    locationCount: o.locations.length,
    locations: o.locations,
    erpCustomerNumber: o.erpCustomerNumber,
    shopifyUpdatedAt: o.shopifyUpdatedAt,
    reason: o.reason,
    conflict: o.conflict,
    updatedAt: o.now,
    lastSyncedAt: o.now,
    ...(o.shopifyHash !== undefined ? { shopifyHash: o.shopifyHash } : {}),
    ...(o.erpHash !== undefined ? { erpHash: o.erpHash } : {}),
    ...(o.direction ? { lastDirection: o.direction } : {}),
  };
  await db
    .insert(shopifyCompanies)
    .values({ shopId: o.shopId, shopifyCompanyId: o.shopifyCompanyId, ...values })
    .onConflictDoUpdate({ target: [shopifyCompanies.shopId, shopifyCompanies.shopifyCompanyId], set: values });
}

/**
 * A company to read again by id on the next run: a webhook about it or one of its locations, a
 * Retry, Sync now. Its hash is forgotten (a row is made if it is new to us).
 */
export async function markCompaniesForRead(
  db: DbOrTx,
  input: { shopId: number; shopifyCompanyIds: readonly string[]; now: Date },
): Promise<void> {
  if (input.shopifyCompanyIds.length === 0) return;
  await db
    .insert(shopifyCompanies)
    .values(
      input.shopifyCompanyIds.map((id) => ({
        shopId: input.shopId,
        shopifyCompanyId: id,
        state: "skipped" as const,
        reason: "waiting to be read from Shopify",
        shopifyHash: null,
        updatedAt: input.now,
      })),
    )
    .onConflictDoUpdate({
      target: [shopifyCompanies.shopId, shopifyCompanies.shopifyCompanyId],
      set: { shopifyHash: null, updatedAt: input.now },
      // An ignored company stays ignored.
      setWhere: sql`${shopifyCompanies.state} <> 'ignored'`,
    });
}

/** Companies to read again by id (their hash was forgotten). */
export async function companiesAwaitingRead(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: shopifyCompanies.shopifyCompanyId })
    .from(shopifyCompanies)
    .where(
      and(
        eq(shopifyCompanies.shopId, input.shopId),
        sql`${shopifyCompanies.shopifyHash} is null`,
        notInArray(shopifyCompanies.state, ["ignored"]),
      ),
    )
    .orderBy(shopifyCompanies.updatedAt)
    .limit(input.limit);
  return rows.map((r) => r.id);
}

/** Companies Shopify no longer has (deleted there): skipped with the reason, not read again. */
export async function markCompaniesGone(
  db: DbOrTx,
  input: { shopId: number; shopifyCompanyIds: readonly string[]; now: Date },
): Promise<void> {
  if (input.shopifyCompanyIds.length === 0) return;
  await db
    .update(shopifyCompanies)
    .set({ state: "skipped", reason: "Shopify no longer has this company", shopifyHash: "gone", updatedAt: input.now })
    .where(
      and(
        eq(shopifyCompanies.shopId, input.shopId),
        inArray(shopifyCompanies.shopifyCompanyId, [...input.shopifyCompanyIds]),
      ),
    );
}

/** The companies whose main contact is this Shopify customer (its e-mail and phone are theirs). */
export async function companiesOfContact(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: shopifyCompanies.shopifyCompanyId })
    .from(shopifyCompanies)
    .where(
      and(
        eq(shopifyCompanies.shopId, input.shopId),
        eq(shopifyCompanies.mainContactCustomerId, input.shopifyCustomerId),
      ),
    );
  return rows.map((r) => r.id);
}
