import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { orders } from "./orders.ts";
import { shopIdColumn } from "./shop-ref.ts";

/**
 * unprocessed: pulled from the ERP, not yet a Shopify fulfillment (a transient failure leaves it
 * here with `errorMessage` set, for the next run); synced: fulfilled (`fulfillmentIds`);
 * nothing_to_sync: no line of it can be fulfilled in Shopify (`reason`); error: it cannot be
 * fulfilled until someone acts (`errorMessage`, a retry puts it back to unprocessed).
 */
export const shipmentStatuses = ["unprocessed", "synced", "nothing_to_sync", "error"] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

/** Posted ERP shipments of Shopify orders and whether they became Shopify fulfillments. */
export const shipments = pgTable(
  "shipments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    erpShipmentNo: text("erp_shipment_no").notNull(),
    /** The ERP's own key of the shipment (BC: SystemId). */
    erpShipmentId: text("erp_shipment_id"),
    /** The ERP sales order it was posted from, and the Shopify order number it carries. */
    erpOrderNo: text("erp_order_no"),
    externalDocumentNo: text("external_document_no"),
    postingDate: text("posting_date"),
    /** The imported order it belongs to (null until matched). */
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id, { onDelete: "set null" }),
    shopifyOrderId: text("shopify_order_id"),
    /** What the ERP shipped: `ShipmentContent` (app/.server/sync/shipments). */
    content: jsonb("content"),
    /**
     * The fulfillments this shipment makes, per location, with the attempt each one is in:
     * `FulfillmentPlan` (app/.server/sync/shipments). Written before every fulfillmentCreate, so a
     * run that dies after Shopify acted finds its fulfillment instead of making a second.
     */
    plan: jsonb("plan"),
    status: text("status", { enum: shipmentStatuses }).notNull().default("unprocessed"),
    /** Why nothing was synced, or which lines were skipped (third-party fulfillment, not in Shopify). */
    reason: text("reason"),
    errorMessage: text("error_message"),
    fulfillmentIds: text("fulfillment_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    attempts: integer("attempts").notNull().default(0),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shipments_shop_erp_no_uq").on(t.shopId, t.erpShipmentNo),
    index("shipments_shop_status_idx").on(t.shopId, t.status),
    index("shipments_shop_order_idx").on(t.shopId, t.orderId),
  ],
);
