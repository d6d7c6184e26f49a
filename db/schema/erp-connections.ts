import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * A shop's ERP connection. Everything needed to reach the ERP except the secret is plain JSON
 * (shown in the UI); the secret (client secret or password) is sealed with AES-256-GCM
 * (app/.server/secrets/cipher.ts) and never leaves the server.
 */
export const erpConnections = pgTable("erp_connections", {
  shopId: shopIdColumn().primaryKey(),
  /** The adapter kind's id, validated against the app's registry (app/.server/erp/erp-kinds.ts), not a database enum. */
  kind: text("kind").notNull(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
  sealedSecret: text("sealed_secret").notNull(),
  companyName: text("company_name").notNull(),
  connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
