import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { orders } from "./orders.ts";
import { shopIdColumn } from "./shop-ref.ts";

/**
 * One row per Shopify return (BC: Shpfy Return Header), as the return lifecycle webhooks
 * (`returns/request|approve|decline|cancel|close|reopen|process|update`) and the refunds reconcile
 * last reported it: status, units, the decline reason. Shown on its order's page beside the
 * refunds (a processed return's money comes as a refund, credited by "Process refunds").
 * `shopify_at` orders the reports: an older delivery arriving late never overwrites a newer one.
 */
export const orderReturns = pgTable(
  "order_returns",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyReturnId: text("shopify_return_id").notNull(),
    shopifyOrderId: text("shopify_order_id").notNull(),
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id, { onDelete: "set null" }),
    name: text("name").notNull().default(""),
    /** Shopify's ReturnStatus: REQUESTED, OPEN, CLOSED, DECLINED, CANCELED. */
    status: text("status").notNull(),
    quantity: integer("quantity").notNull().default(0),
    declineReason: text("decline_reason"),
    shopifyAt: timestamp("shopify_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_returns_shop_return_uq").on(t.shopId, t.shopifyReturnId),
    index("order_returns_shop_order_idx").on(t.shopId, t.shopifyOrderId),
  ],
);
