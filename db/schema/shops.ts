import { sql } from "drizzle-orm";
import { bigserial, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * One row per shop that ever installed the app. Every other table hangs off `shops.id` with
 * ON DELETE CASCADE, so `shop/redact` can remove a shop's data in one statement.
 */
export const shops = pgTable(
  "shops",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    domain: text("domain").notNull(),
    scopes: text("scopes"),
    /** From Shopify's `shop` query, refreshed on install: shown to operators, used for money. */
    name: text("name"),
    currencyCode: text("currency_code"),
    ianaTimezone: text("iana_timezone"),
    planName: text("plan_name"),
    /** Validated by `shopSettingsSchema`; parsed on read so old rows pick up new defaults. */
    settings: jsonb("settings")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    installedAt: timestamp("installed_at", { withTimezone: true }),
    uninstalledAt: timestamp("uninstalled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("shops_domain_uq").on(t.domain)],
);
