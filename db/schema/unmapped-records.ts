import { sql } from "drizzle-orm";
import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const unmappedEntities = ["customer", "company", "product"] as const;

/**
 * Shopify customers, companies and products that no ERP record is linked to yet and that work
 * is waiting on (the dashboard's three "unmapped" tiles).
 */
export const unmappedRecords = pgTable(
  "unmapped_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    entity: text("entity", { enum: unmappedEntities }).notNull(),
    shopifyId: text("shopify_id").notNull(),
    label: text("label").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("unmapped_records_shop_entity_id_uq").on(t.shopId, t.entity, t.shopifyId),
    index("unmapped_records_open_idx")
      .on(t.shopId, t.entity)
      .where(sql`${t.resolvedAt} is null`),
  ],
);
