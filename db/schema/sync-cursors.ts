import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * Where each incremental stream of a shop left off. The value is opaque to the database (an
 * `updated_at` + id for Shopify streams, an adapter's cursor for ERP streams); it is written only
 * after the page it describes has been applied.
 */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    shopId: shopIdColumn(),
    stream: text("stream").notNull(),
    cursor: text("cursor").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.stream] })],
);
