import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * unprocessed: imported, no ERP document yet (processing may be waiting on a mapping: see
 * `waitingOn`); processed: its ERP document exists (the link below); error: the last attempt
 * failed (`errorMessage`); ignored: the merchant or an import filter chose not to process it.
 */
export const orderStatuses = ["unprocessed", "processed", "error", "ignored"] as const;
export const orderWaitReasons = ["unmapped_customer", "unmapped_product"] as const;

/** Shopify orders imported for a shop, their processing state and the link to their ERP document. */
export const orders = pgTable(
  "orders",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyOrderId: text("shopify_order_id").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: orderStatuses }).notNull().default("unprocessed"),
    /** Why an unprocessed order is not being processed yet. */
    waitingOn: text("waiting_on", { enum: orderWaitReasons }),
    /** Why it was ignored (an import filter, or the merchant). */
    statusReason: text("status_reason"),
    /** Edited or cancelled in Shopify after its ERP document was made; waits for the merchant. */
    hasConflict: boolean("has_conflict").notNull().default(false),
    /** What changed, in words, for the conflict list. */
    conflictReason: text("conflict_reason"),
    errorMessage: text("error_message"),
    /** The full order as last read from the Admin API (`ImportedOrder`, app/.server/tasks/orders-sync/imported-order.ts). */
    snapshot: jsonb("snapshot"),
    shopifyUpdatedAt: timestamp("shopify_updated_at", { withTimezone: true }),
    /** The ERP document made from this order: unique per order by construction (one row per order). */
    erpDocumentType: text("erp_document_type", { enum: ["order", "invoice"] }),
    erpDocumentId: text("erp_document_id"),
    erpDocumentNumber: text("erp_document_number"),
    /** The ERP customer the document was made for: what a refund's credit memo is made for too. */
    erpCustomerNumber: text("erp_customer_number"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /**
     * The Shopify line item behind each line of the ERP document, in document order
     * (`ErpDocumentLine[]`, app/.server/sync/shipments): how a shipped ERP line finds its order line.
     */
    erpLines: jsonb("erp_lines"),
    /** Batch posting of the ERP document: posted (by us, or found posted) or error (`postingError`). */
    postingStatus: text("posting_status", { enum: ["posted", "error"] }),
    postingError: text("posting_error"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
    /** When we closed (archived) the Shopify order after it was paid, fulfilled and invoiced. */
    shopifyClosedAt: timestamp("shopify_closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_shop_shopify_id_uq").on(t.shopId, t.shopifyOrderId),
    // (shop, status, id): the status tabs, and the list sorted by status with its id tiebreak.
    index("orders_shop_status_idx").on(t.shopId, t.status, t.id),
    index("orders_shop_name_idx").on(t.shopId, t.name),
    // Shipments are matched to orders by the ERP order they were posted from, too.
    index("orders_shop_erp_document_idx").on(t.shopId, t.erpDocumentNumber),
    // The orders list's sort keys (queries/order-list.ts, same expressions): a page of a large
    // shop is read in index order with LIMIT instead of sorting every order of the shop.
    index("orders_shop_created_idx").on(t.shopId, sql`(${t.snapshot} ->> 'createdAt')`, t.id),
    index("orders_shop_total_idx").on(t.shopId, sql`((${t.snapshot} #>> '{totals,total,shop}')::numeric)`, t.id),
    index("orders_shop_number_idx").on(t.shopId, sql`length(${t.name})`, t.name, t.id),
    // Customer e-mail, first, last and full name, lower-cased: the orders search finds a customer's
    // orders through it (the same expression as customerKeys in queries/order-list.ts).
    index("orders_shop_customer_keys_idx").using(
      "gin",
      sql`(array[
        lower(${t.snapshot} #>> '{customer,email}'),
        lower(${t.snapshot} ->> 'email'),
        lower(${t.snapshot} #>> '{customer,firstName}'),
        lower(${t.snapshot} #>> '{customer,lastName}'),
        lower((${t.snapshot} #>> '{customer,firstName}') || ' ' || (${t.snapshot} #>> '{customer,lastName}'))
      ])`,
    ),
    // The "Posting errors" tab and its count.
    index("orders_shop_posting_error_idx")
      .on(t.shopId)
      .where(sql`${t.postingStatus} = 'error'`),
    index("orders_shop_conflict_idx")
      .on(t.shopId)
      .where(sql`${t.hasConflict}`),
    // The "Orders with errors" tile and its list: processing errors and posting errors, one index.
    index("orders_shop_errors_idx")
      .on(t.shopId)
      .where(sql`${t.status} = 'error' or ${t.postingStatus} = 'error'`),
  ],
);

/** What happened to an order, newest last: imports, processing attempts, errors, resolutions. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(), // imported, updated, processing, processed, error, waiting, conflict, resolved, ignored
    message: text("message"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.shopId, t.orderId, t.at)],
);
