import { sql } from "drizzle-orm";
import { bigserial, boolean, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const orderStatuses = ["unprocessed", "processed", "error", "ignored"] as const;

/**
 * Shopify orders imported for a shop. This is the spine the order import and processing tasks
 * extend; today it carries what the dashboard counts (status and conflicts).
 */
export const orders = pgTable(
  "orders",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyOrderId: text("shopify_order_id").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: orderStatuses }).notNull().default("unprocessed"),
    /** Edited or cancelled in Shopify after its ERP document was made; waits for the merchant. */
    hasConflict: boolean("has_conflict").notNull().default(false),
    errorMessage: text("error_message"),
    shopifyUpdatedAt: timestamp("shopify_updated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_shop_shopify_id_uq").on(t.shopId, t.shopifyOrderId),
    index("orders_shop_status_idx").on(t.shopId, t.status),
    index("orders_shop_conflict_idx")
      .on(t.shopId)
      .where(sql`${t.hasConflict}`),
  ],
);
