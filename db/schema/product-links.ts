import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const productLinkStates = ["pending", "linked", "error", "skipped", "unmapped", "ignored"] as const;
export type ProductLinkState = (typeof productLinkStates)[number];

/**
 * Which Shopify product an ERP item is, and what the app last wrote to each side (BC: Shpfy
 * Product). `pending` is a create that was sent and not yet confirmed: its `handle` was chosen
 * before the call, so a retry upserts the same product by handle instead of creating a second.
 * `last_written_hash` is the hash of the last product input sent: an unchanged plan sends
 * nothing, and our own write coming back (webhook, reconcile) is recognised as no change.
 */
export const productLinks = pgTable(
  "product_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    /** null for a Shopify product no ERP item is known for (unmapped or ignored). */
    erpItemNumber: text("erp_item_number"),
    erpItemId: text("erp_item_id"),
    /** null until Shopify confirmed the create. */
    shopifyProductId: text("shopify_product_id"),
    handle: text("handle"),
    state: text("state", { enum: productLinkStates }).notNull(),
    /** Which side the product came from: the app created it from an ERP item, or found it in Shopify. */
    origin: text("origin", { enum: ["erp", "shopify"] }).notNull(),
    title: text("title").notNull().default(""),
    /** Why it is skipped, in error, or unmapped: shown on the Products page. */
    reason: text("reason"),
    lastWrittenHash: text("last_written_hash"),
    lastWrittenAt: timestamp("last_written_at", { withTimezone: true }),
    /** Hash of the Shopify product as last read (Shopify → ERP: an unchanged product writes nothing). */
    lastSeenShopifyHash: text("last_seen_shopify_hash"),
    /**
     * The status the app gave the product because its item was blocked (DRAFT or ARCHIVED); null
     * when it set none. Unblocking restores the shop's status for created products only when this
     * is set, so a status the merchant chose is never overwritten.
     */
    blockedStatusWritten: text("blocked_status_written", { enum: ["DRAFT", "ARCHIVED"] }),
    /** When the create was sent (pending), for the retry's upsert by handle. */
    attemptedAt: timestamp("attempted_at", { withTimezone: true }),
    /** The ERP picture's version and content hash last written as the product's image, and its media. */
    pictureVersion: text("picture_version"),
    pictureHash: text("picture_hash"),
    shopifyMediaId: text("shopify_media_id"),
    /**
     * Shopify → ERP: the product image last written as the item's picture (its media id) and its
     * version (updatedAt and URL), so an unchanged image is not downloaded again. The ERP version
     * writeItemPicture returned goes into `picture_version`, so it does not come back as an ERP change.
     */
    shopifyImageId: text("shopify_image_id"),
    shopifyImageVersion: text("shopify_image_version"),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    /**
     * Since when the item waits for Shopify's daily variant-creation limit (stores over 50,000
     * variants: 1,000 new ones a day); null when it does not wait. Waiting items are planned again
     * on later runs, oldest first, apart from the ERP change feed (ADR 019).
     */
    variantWaitSince: timestamp("variant_wait_since", { withTimezone: true }),
    /** How many new variants the waiting item needs (the run summary adds them up). */
    variantsWaiting: integer("variants_waiting"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("product_links_shop_item_uq")
      .on(t.shopId, t.erpItemNumber)
      .where(sql`${t.erpItemNumber} is not null`),
    uniqueIndex("product_links_shop_product_uq")
      .on(t.shopId, t.shopifyProductId)
      .where(sql`${t.shopifyProductId} is not null`),
    index("product_links_shop_state_idx").on(t.shopId, t.state),
    index("product_links_shop_variant_wait_idx")
      .on(t.shopId, t.variantWaitSince)
      .where(sql`${t.variantWaitSince} is not null`),
  ],
);
