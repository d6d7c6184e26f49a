import { and, eq, inArray, notInArray, sql } from "drizzle-orm";

import { customerLinks } from "../../../db/schema/links.ts";
import {
  type CustomerConflict,
  type CustomerSyncState,
  shopifyCustomers,
} from "../../../db/schema/shopify-customers.ts";
import type { DbOrTx } from "../db.ts";

export type ShopifyCustomerRow = typeof shopifyCustomers.$inferSelect;

/** The rows of these Shopify customers, by id. */
export async function customerRowsOf(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerIds: readonly string[] },
): Promise<Map<string, ShopifyCustomerRow>> {
  const rows = new Map<string, ShopifyCustomerRow>();
  if (input.shopifyCustomerIds.length === 0) return rows;
  const found = await db
    .select()
    .from(shopifyCustomers)
    .where(
      and(
        eq(shopifyCustomers.shopId, input.shopId),
        inArray(shopifyCustomers.shopifyCustomerId, [...input.shopifyCustomerIds]),
      ),
    );
  for (const row of found) rows.set(row.shopifyCustomerId, row);
  return rows;
}

/** The ERP customer each of these Shopify customers is linked to. */
export async function customerLinksOf(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerIds: readonly string[] },
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  if (input.shopifyCustomerIds.length === 0) return links;
  const rows = await db
    .select({ id: customerLinks.shopifyCustomerId, number: customerLinks.erpCustomerNumber })
    .from(customerLinks)
    .where(
      and(
        eq(customerLinks.shopId, input.shopId),
        inArray(customerLinks.shopifyCustomerId, [...input.shopifyCustomerIds]),
      ),
    );
  for (const row of rows) links.set(row.id, row.number);
  return links;
}

/** The Shopify customers linked to each of these ERP customers (one ERP customer can serve several). */
export async function shopifyCustomersOfErp(
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
        // A guest's "link" is keyed by its order: there is no Shopify customer to update.
        sql`${customerLinks.shopifyCustomerId} like 'gid://shopify/Customer/%'`,
      ),
    );
  for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), row.id]);
  return byNumber;
}

export interface CustomerOutcome {
  shopId: number;
  shopifyCustomerId: string;
  state: CustomerSyncState;
  displayName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  countryCode: string | null;
  erpCustomerNumber: string | null;
  shopifyUpdatedAt: Date | null;
  /** undefined = keep the stored hash. */
  shopifyHash?: string | null;
  erpHash?: string | null;
  reason: string | null;
  conflict: CustomerConflict | null;
  /** Set when something was written to one side. */
  direction?: "shopify_to_erp" | "erp_to_shopify";
  /** Set just before a first create of its ERP customer (see the column). */
  erpCreateAttemptedAt?: Date;
  now: Date;
}

/** One customer's state after a run looked at it: inserted, or the row updated in place. */
export async function saveCustomerOutcome(db: DbOrTx, o: CustomerOutcome): Promise<number> {
  const values = {
    state: o.state,
    displayName: o.displayName,
    email: o.email,
    phone: o.phone,
    city: o.city,
    countryCode: o.countryCode,
    erpCustomerNumber: o.erpCustomerNumber,
    shopifyUpdatedAt: o.shopifyUpdatedAt,
    reason: o.reason,
    conflict: o.conflict,
    updatedAt: o.now,
    lastSyncedAt: o.now,
    ...(o.shopifyHash !== undefined ? { shopifyHash: o.shopifyHash } : {}),
    ...(o.erpHash !== undefined ? { erpHash: o.erpHash } : {}),
    ...(o.direction ? { lastDirection: o.direction } : {}),
    ...(o.erpCreateAttemptedAt ? { erpCreateAttemptedAt: o.erpCreateAttemptedAt } : {}),
  };
  const [row] = await db
    .insert(shopifyCustomers)
    .values({ shopId: o.shopId, shopifyCustomerId: o.shopifyCustomerId, ...values })
    .onConflictDoUpdate({ target: [shopifyCustomers.shopId, shopifyCustomers.shopifyCustomerId], set: values })
    .returning({ id: shopifyCustomers.id });
  return row!.id;
}

/** Customers to read again by id: a refused write (error) or the merchant's Retry forgot their hash. */
export async function customersAwaitingRead(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ id: shopifyCustomers.shopifyCustomerId })
    .from(shopifyCustomers)
    .where(
      and(
        eq(shopifyCustomers.shopId, input.shopId),
        sql`${shopifyCustomers.shopifyHash} is null`,
        notInArray(shopifyCustomers.state, ["redacted", "ignored"]),
      ),
    )
    .orderBy(shopifyCustomers.updatedAt)
    .limit(input.limit);
  return rows.map((r) => r.id);
}

/** Customers Shopify no longer has (deleted there): skipped with the reason, no longer read again. */
export async function markCustomersGone(
  db: DbOrTx,
  input: { shopId: number; shopifyCustomerIds: readonly string[]; now: Date },
): Promise<void> {
  if (input.shopifyCustomerIds.length === 0) return;
  await db
    .update(shopifyCustomers)
    .set({ state: "skipped", reason: "Shopify no longer has this customer", shopifyHash: "gone", updatedAt: input.now })
    .where(
      and(
        eq(shopifyCustomers.shopId, input.shopId),
        inArray(shopifyCustomers.shopifyCustomerId, [...input.shopifyCustomerIds]),
      ),
    );
}
