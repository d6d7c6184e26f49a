import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * A payout's way to the ERP: `pending` (seen, not yet looked at), `waiting` (Shopify has not paid
 * it out yet: re-polled), `imported` (kept only), `recording` (committed just before the ERP was
 * asked), `recorded` (its journal lines are in the ERP), `unbalanced` (its transactions do not add
 * up to its amount: the difference is shown, nothing recorded), `skipped` (failed or canceled in
 * Shopify), `error` (the reason, and a Retry).
 */
export const payoutStates = [
  "pending",
  "waiting",
  "imported",
  "recording",
  "recorded",
  "unbalanced",
  "skipped",
  "error",
] as const;
export type PayoutState = (typeof payoutStates)[number];

/**
 * One row per Shopify Payments payout (BC: Shpfy Payout), as last read: Shopify's status and
 * amounts (decimal strings, the payout's currency; `net` signed: a withdrawal is negative), the
 * sums of its balance transactions, and the ERP journal entry made for it.
 */
export const shopifyPayouts = pgTable(
  "shopify_payouts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyPayoutId: text("shopify_payout_id").notNull(),
    /** Shopify's numeric id: the id cursor and the ERP key. */
    legacyId: bigint("legacy_id", { mode: "number" }).notNull(),
    status: text("status").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    currency: text("currency").notNull(),
    net: text("net").notNull(),
    /** Σ of its balance transactions: amount (gross), fee, net. Null until they are read. */
    gross: text("gross"),
    fees: text("fees"),
    transactionsNet: text("transactions_net"),
    transactionCount: bigint("transaction_count", { mode: "number" }).notNull().default(0),
    state: text("state", { enum: payoutStates }).notNull().default("pending"),
    reason: text("reason"),
    /** Unbalanced: the payout's net less what its transactions add up to. */
    difference: text("difference"),
    erpDocumentNumber: text("erp_document_number"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shopify_payouts_shop_payout_uq").on(t.shopId, t.shopifyPayoutId),
    index("shopify_payouts_shop_legacy_idx").on(t.shopId, t.legacyId),
    index("shopify_payouts_shop_state_idx").on(t.shopId, t.state),
  ],
);

/** A payout's balance transactions (BC: Shpfy Payment Transaction), linked to their orders. */
export const payoutTransactions = pgTable(
  "payout_transactions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    shopifyBalanceTransactionId: text("shopify_balance_transaction_id").notNull(),
    shopifyPayoutId: text("shopify_payout_id").notNull(),
    type: text("type").notNull(),
    amount: text("amount").notNull(),
    fee: text("fee").notNull(),
    net: text("net").notNull(),
    currency: text("currency").notNull(),
    shopifyOrderId: text("shopify_order_id"),
    orderName: text("order_name"),
    /** The order transaction it settles (a payment of `order_payments`). */
    shopifyTransactionId: text("shopify_transaction_id"),
    transactionDate: timestamp("transaction_date", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payout_transactions_shop_bt_uq").on(t.shopId, t.shopifyBalanceTransactionId),
    index("payout_transactions_shop_payout_idx").on(t.shopId, t.shopifyPayoutId),
  ],
);
