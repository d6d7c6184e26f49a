import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const shipmentStatuses = ["unprocessed", "synced", "nothing_to_sync", "error"] as const;

/** Posted ERP shipments of Shopify orders and whether they became Shopify fulfillments. */
export const shipments = pgTable(
  "shipments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    erpShipmentNo: text("erp_shipment_no").notNull(),
    shopifyOrderId: text("shopify_order_id"),
    status: text("status", { enum: shipmentStatuses }).notNull().default("unprocessed"),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shipments_shop_erp_no_uq").on(t.shopId, t.erpShipmentNo),
    index("shipments_shop_status_idx").on(t.shopId, t.status),
  ],
);
