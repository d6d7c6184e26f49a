import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";
import type { CustomerConflict } from "./shopify-customers.ts";

export const companySyncStates = ["linked", "unmapped", "conflict", "error", "skipped", "ignored"] as const;
export type CompanySyncState = (typeof companySyncStates)[number];

/** A company location as the Companies page shows it, with the ERP customer its orders go to. */
export interface CompanyLocationSummary {
  id: string;
  name: string;
  city: string;
  countryCode: string;
  taxId: string;
  paymentTerms: string;
  /** Its own ERP customer (per-location setting, or mapped by hand); null = orders go to the company's. */
  erpCustomerNumber: string | null;
  /** Why it has no ERP customer of its own when it should (per-location setting). */
  reason: string | null;
  /** What its own ERP customer was last written from (per-location setting): unchanged ⇒ no write. */
  hash: string | null;
}

/**
 * "Sync companies" per Shopify B2B company (BC: Shpfy Company): its state, what the Companies page
 * lists and searches, its locations, and the two hashes that make the sync incremental and
 * echo-free, as for customers (`shopify_customers`): `shopify_hash` is what the company maps to
 * as last read or written by us, `erp_hash` the compared fields of its ERP customer as last seen.
 * The links (company → ERP customer, location → its own ERP customer) stay in `customer_links`,
 * where order processing reads them.
 */
export const shopifyCompanies = pgTable(
  "shopify_companies",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyCompanyId: text("shopify_company_id").notNull(),
    state: text("state", { enum: companySyncStates }).notNull(),
    name: text("name").notNull().default(""),
    /** The main contact's: what the company is matched by (BC: Company Mapping Type by e-mail/phone). */
    email: text("email"),
    phone: text("phone"),
    /** The main contact's Shopify customer: its customers/update makes the company be read again. */
    mainContactCustomerId: text("main_contact_customer_id"),
    taxId: text("tax_id"),
    city: text("city"),
    countryCode: text("country_code"),
    locationCount: integer("location_count").notNull().default(0),
    locations: jsonb("locations").$type<CompanyLocationSummary[]>().notNull().default([]),
    erpCustomerNumber: text("erp_customer_number"),
    shopifyUpdatedAt: timestamp("shopify_updated_at", { withTimezone: true }),
    shopifyHash: text("shopify_hash"),
    erpHash: text("erp_hash"),
    reason: text("reason"),
    conflict: jsonb("conflict").$type<CustomerConflict>(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastDirection: text("last_direction", { enum: ["shopify_to_erp", "erp_to_shopify"] }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shopify_companies_shop_company_uq").on(t.shopId, t.shopifyCompanyId),
    index("shopify_companies_shop_state_idx").on(t.shopId, t.state),
    index("shopify_companies_shop_contact_idx")
      .on(t.shopId, t.mainContactCustomerId)
      .where(sql`${t.mainContactCustomerId} is not null`),
    index("shopify_companies_shop_erp_idx")
      .on(t.shopId, t.erpCustomerNumber)
      .where(sql`${t.erpCustomerNumber} is not null`),
  ],
);
