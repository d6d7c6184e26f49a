import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { orders } from "./orders.ts";
import { shopIdColumn } from "./shop-ref.ts";

/**
 * A payment's way to the ERP: `pending` (seen, not yet handled), `waiting` (its order is not in
 * the ERP yet, or not invoiced: the reason says which), `recording` (committed just before the
 * ERP was asked: a run that dies here leaves it for the next one to look for), `recorded` (the
 * ERP has it), `imported` (kept only: the shop does not record payments), `skipped` (the mapping
 * says not to record this gateway), `error` (the reason, and a Retry).
 */
export const paymentStates = ["pending", "waiting", "recording", "recorded", "imported", "skipped", "error"] as const;
export type PaymentState = (typeof paymentStates)[number];

/**
 * One row per money-receiving Shopify order transaction (a successful sale or capture; BC: Shpfy
 * Order Transaction), with what it was paid with and the ERP payment made for it. Its key in the
 * ERP is the transaction's id (BC: the journal line's External Document No.), which makes the
 * write idempotent while the line is in the journal.
 */
export const orderPayments = pgTable(
  "order_payments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyTransactionId: text("shopify_transaction_id").notNull(),
    shopifyOrderId: text("shopify_order_id").notNull(),
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    gateway: text("gateway").notNull().default(""),
    cardBrand: text("card_brand"),
    /** Decimal strings, in the shop's currency and in the buyer's (presentment). */
    amount: text("amount").notNull(),
    presentmentAmount: text("presentment_amount").notNull(),
    currency: text("currency").notNull(),
    presentmentCurrency: text("presentment_currency").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    state: text("state", { enum: paymentStates }).notNull().default("pending"),
    reason: text("reason"),
    /** The ERP payment method the mapping chose. */
    paymentMethod: text("payment_method"),
    /** The ERP's number of the payment (BC: the journal line's Document No.) and the invoice it is applied to. */
    erpDocumentNumber: text("erp_document_number"),
    appliedToInvoice: text("applied_to_invoice"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_payments_shop_transaction_uq").on(t.shopId, t.shopifyTransactionId),
    index("order_payments_shop_state_idx").on(t.shopId, t.state),
    index("order_payments_shop_order_idx").on(t.shopId, t.shopifyOrderId),
  ],
);
