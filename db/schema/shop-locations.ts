import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * The shop's Shopify locations as last read from the store (BC: Shpfy Shop Location), and what the
 * ERP counts for each: the ERP locations whose stock is summed (none = stock not synced there) and
 * the stock calculation (one of the adapter's, e.g. BC's projected available balance). A
 * third-party fulfilment service's location keeps its own stock: it is listed, never synced.
 */
export const shopLocations = pgTable(
  "shop_locations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    /** The Location gid. */
    shopifyLocationId: text("shopify_location_id").notNull(),
    name: text("name").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    /** The fulfilment service's name when the location is one (excluded from stock sync). */
    fulfillmentService: text("fulfillment_service"),
    /** ERP location codes whose stock is summed for this location; empty = not synced. */
    erpLocationCodes: text("erp_location_codes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The adapter's stock calculation id; null = the adapter's default. */
    stockCalculation: text("stock_calculation"),
    /** New products get their stock here (BC: Default Product Location). */
    defaultForProducts: boolean("default_for_products").notNull().default(false),
    /** Gone from the store's list at the last refresh (kept for history, never synced). */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shop_locations_shop_location_uq").on(t.shopId, t.shopifyLocationId),
    index("shop_locations_shop_idx").on(t.shopId),
  ],
);

export type ShopLocationRow = typeof shopLocations.$inferSelect;
