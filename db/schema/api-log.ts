import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * Calls we made to Shopify or the ERP. Errors are always kept (the dashboard's "API errors");
 * successful calls only when the shop's logging setting asks for them. Never holds secrets,
 * tokens or full payloads.
 */
export const apiLogEntries = pgTable(
  "api_log_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    system: text("system", { enum: ["shopify", "erp"] }).notNull(),
    operation: text("operation").notNull(),
    method: text("method"),
    path: text("path"),
    status: integer("status"),
    durationMs: integer("duration_ms"),
    cost: integer("cost"),
    isError: boolean("is_error").notNull().default(false),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
  },
  (t) => [
    index("api_log_shop_created_idx").on(t.shopId, t.createdAt),
    index("api_log_shop_open_errors_idx")
      .on(t.shopId)
      .where(sql`${t.isError} and ${t.dismissedAt} is null`),
  ],
);
