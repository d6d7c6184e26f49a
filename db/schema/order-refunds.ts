import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { orders } from "./orders.ts";
import { shopIdColumn } from "./shop-ref.ts";

/**
 * A refund's way to the ERP: `pending` (seen, not yet handled), `waiting` (its order is not in
 * the ERP yet), `imported` (kept, no ERP document: the shop imports refunds only), `created` (its
 * credit memo exists), `error` (the reason, and a Retry), `skipped` (nothing to credit).
 */
export const refundStates = ["pending", "waiting", "imported", "created", "error", "skipped"] as const;
export type RefundState = (typeof refundStates)[number];

/**
 * One row per Shopify refund (BC: Shpfy Refund Header): its state, the refund as last read (the
 * facts its credit memo is made from, shown on the order's page), and the ERP document made for it.
 * The credit memo is found in the ERP by its key (order name + refund id), so a run killed after
 * the ERP accepted it finds it instead of making another.
 */
export const orderRefunds = pgTable(
  "order_refunds",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyRefundId: text("shopify_refund_id").notNull(),
    shopifyOrderId: text("shopify_order_id").notNull(),
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id, { onDelete: "set null" }),
    state: text("state", { enum: refundStates }).notNull().default("pending"),
    facts: jsonb("facts"),
    reason: text("reason"),
    erpDocumentNumber: text("erp_document_number"),
    shopifyCreatedAt: timestamp("shopify_created_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_refunds_shop_refund_uq").on(t.shopId, t.shopifyRefundId),
    index("order_refunds_shop_state_idx").on(t.shopId, t.state),
    index("order_refunds_shop_order_idx").on(t.shopId, t.shopifyOrderId),
  ],
);
