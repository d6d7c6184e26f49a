import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * The shadow of each Shopify stock level (inventory item × location) the app syncs: what Shopify
 * last said (from our own mutation results, `inventory_levels/update` webhooks and bulk reads) and
 * what the app last aimed at. A run sends only levels whose target differs from the shadow, with
 * the shadow as `changeFromQuantity` (compare-and-set), so nothing is read before writing (ADR 020).
 * A row with `stocked` false is an item not (yet) stocked at the location: it is activated there.
 */
export const inventoryLevels = pgTable(
  "inventory_levels",
  {
    shopId: shopIdColumn(),
    /** InventoryItem gid. */
    inventoryItemId: text("inventory_item_id").notNull(),
    /** Location gid. */
    locationId: text("location_id").notNull(),
    /** ProductVariant gid. */
    variantId: text("variant_id").notNull(),
    tracked: boolean("tracked").notNull().default(true),
    stocked: boolean("stocked").notNull().default(true),
    /** Shopify's quantities as last known; null = not known (read before comparing). */
    available: integer("available"),
    onHand: integer("on_hand"),
    /** Shopify's time of the figures above: an older webhook never overwrites a newer figure. */
    shopifyUpdatedAt: timestamp("shopify_updated_at", { withTimezone: true }),
    /** The last target the app computed from the ERP, and the quantity it is of. */
    target: integer("target"),
    targetName: text("target_name", { enum: ["available", "on_hand"] }),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }),
    /** Planned again on the next run, apart from the ERP feed (new link, stale compare, "fix now"). */
    recompute: boolean("recompute").notNull().default(false),
    /** The drift report: Shopify's figure and the ERP's when they last differed; null = in step. */
    driftShopify: integer("drift_shopify"),
    driftTarget: integer("drift_target"),
    driftAt: timestamp("drift_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.inventoryItemId, t.locationId] }),
    index("inventory_levels_shop_variant_idx").on(t.shopId, t.variantId),
    index("inventory_levels_shop_recompute_idx")
      .on(t.shopId)
      .where(sql`${t.recompute}`),
    index("inventory_levels_shop_drift_idx")
      .on(t.shopId, t.driftAt)
      .where(sql`${t.driftAt} is not null`),
  ],
);

export type InventoryLevelRow = typeof inventoryLevels.$inferSelect;
