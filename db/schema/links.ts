import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * Which ERP customer a Shopify customer is (found by a mapping strategy, created, or chosen by the
 * merchant on the unmapped-customers list). Reused on every later order.
 */
export const customerLinks = pgTable(
  "customer_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyCustomerId: text("shopify_customer_id").notNull(),
    erpCustomerNumber: text("erp_customer_number").notNull(),
    /** "exported": the ERP customer was added to Shopify (a TypeScript enum only: no migration). */
    source: text("source", { enum: ["matched", "created", "merchant", "exported"] }).notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customer_links_shop_customer_uq").on(t.shopId, t.shopifyCustomerId)],
);

/**
 * Which ERP item (and variant) a Shopify variant is. Variants the product sync wrote also keep
 * their product, and the prices last written (the shadow "Sync prices" compares against, so it
 * sends only differences and never wipes a compare-at price it did not write).
 */
export const variantLinks = pgTable(
  "variant_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyVariantId: text("shopify_variant_id").notNull(),
    erpItemNumber: text("erp_item_number").notNull(),
    /** "" when the item has no variants. */
    erpVariantCode: text("erp_variant_code").notNull().default(""),
    /** matched by SKU, created in the ERP from Shopify, chosen by the merchant, or exported from the ERP. */
    source: text("source", { enum: ["matched", "created", "merchant", "exported"] }).notNull(),
    shopifyProductId: text("shopify_product_id"),
    sku: text("sku"),
    /** Hash of the variant fields the product sync last wrote (SKU, barcode, option value, weight). */
    lastWrittenHash: text("last_written_hash"),
    /** Decimal strings as last written to Shopify; null = never written by the app. */
    price: text("price"),
    compareAtPrice: text("compare_at_price"),
    unitCost: text("unit_cost"),
    pricesWrittenAt: timestamp("prices_written_at", { withTimezone: true }),
    /**
     * The variant's own ERP picture as last put on it ("Sync images"): the ERP version, the bytes'
     * hash, and the Shopify media the app made for it (only that one is ever replaced or removed).
     */
    pictureVersion: text("picture_version"),
    pictureHash: text("picture_hash"),
    shopifyMediaId: text("shopify_media_id"),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("variant_links_shop_variant_uq").on(t.shopId, t.shopifyVariantId),
    index("variant_links_shop_item_idx").on(t.shopId, t.erpItemNumber, t.erpVariantCode),
    index("variant_links_shop_product_idx").on(t.shopId, t.shopifyProductId),
  ],
);
