import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const customerSyncStates = [
  "linked",
  "unmapped",
  "conflict",
  "error",
  "skipped",
  "ignored",
  "redacted",
] as const;
export type CustomerSyncState = (typeof customerSyncStates)[number];

/** Both sides of a customer changed since the last sync: what each side holds now, as ERP fields. */
export interface CustomerConflict {
  shopify: Record<string, unknown>;
  erp: Record<string, unknown>;
  /** The ERP customer's version (BC: ETag) when the conflict was found. */
  erpVersion: string | null;
  detectedAt: string;
}

/**
 * "Sync customers" per Shopify customer (BC: Shpfy Customer): its state, what the Customers page
 * lists and searches (name, e-mail, phone, city: wiped by customers/redact, the row kept as a
 * tombstone so the customer is never imported again), and the two hashes that make the sync
 * incremental and echo-free:
 * - `shopify_hash`: the ERP fields the Shopify customer maps to, as last read or last written by
 *   us. An unchanged hash is no change (our own customerUpdate coming back as a webhook included).
 * - `erp_hash`: the compared ERP fields of the ERP customer as last read or written by us. The
 *   mirror bringing a different hash means someone changed the customer in the ERP.
 * The link itself stays in `customer_links` (order processing reads it).
 */
export const shopifyCustomers = pgTable(
  "shopify_customers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyCustomerId: text("shopify_customer_id").notNull(),
    state: text("state", { enum: customerSyncStates }).notNull(),
    displayName: text("display_name").notNull().default(""),
    email: text("email"),
    phone: text("phone"),
    city: text("city"),
    countryCode: text("country_code"),
    erpCustomerNumber: text("erp_customer_number"),
    shopifyUpdatedAt: timestamp("shopify_updated_at", { withTimezone: true }),
    shopifyHash: text("shopify_hash"),
    erpHash: text("erp_hash"),
    /** Why it is unmapped, skipped, in error or in conflict: shown on the Customers page. */
    reason: text("reason"),
    conflict: jsonb("conflict").$type<CustomerConflict>(),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastDirection: text("last_direction", { enum: ["shopify_to_erp", "erp_to_shopify"] }),
    /**
     * Set (and committed) just before the first attempt to create its ERP customer, which then
     * skips the adapter's look-up: an attempt that died after the ERP took the POST leaves this
     * set, so the next attempt looks in the ERP first and finds what the first one made.
     */
    erpCreateAttemptedAt: timestamp("erp_create_attempted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shopify_customers_shop_customer_uq").on(t.shopId, t.shopifyCustomerId),
    index("shopify_customers_shop_state_idx").on(t.shopId, t.state),
    index("shopify_customers_shop_erp_idx")
      .on(t.shopId, t.erpCustomerNumber)
      .where(sql`${t.erpCustomerNumber} is not null`),
  ],
);
