import { z } from "zod";

import type { PayoutState } from "../../../db/schema/shopify-payouts.ts";
import { getDb } from "../db.ts";
import { formatDate, formatMoney } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import {
  countPayoutsByState,
  getPayout,
  listPayouts,
  payoutTransactionLinks,
  type ShopifyPayoutRow,
  transactionsOfPayout,
} from "../queries/shopify-payouts.ts";

export const PAYOUTS_PAGE_SIZE = 50;

/** The Payouts page's tabs: what needs the accountant, what is reconciled, what is only kept. */
export const payoutTabs = {
  open: ["pending", "waiting", "recording", "unbalanced", "error"],
  reconciled: ["recorded"],
  imported: ["imported", "skipped"],
} as const satisfies Record<string, readonly PayoutState[]>;
export type PayoutTab = keyof typeof payoutTabs;

export const payoutListQuerySchema = z.object({
  tab: z.enum(["open", "reconciled", "imported"]).catch("open"),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});
export type PayoutListQuery = z.infer<typeof payoutListQuerySchema>;

export function parsePayoutListQuery(url: URL): PayoutListQuery {
  return payoutListQuerySchema.parse(Object.fromEntries(url.searchParams));
}

/** What the ERP made of a payout, in the merchant's words. */
function reconciliation(row: ShopifyPayoutRow): string {
  switch (row.state) {
    case "recorded":
      return `Reconciled: ERP ${row.erpDocumentNumber ?? ""}`.trim();
    case "unbalanced":
      return `Unbalanced by ${formatMoney(row.difference, row.currency)}`;
    case "imported":
      return "Imported only";
    case "skipped":
      return "Not paid out";
    case "error":
      return "Error";
    case "recording":
      return "Being recorded";
    default:
      return "Not reconciled yet";
  }
}

function payoutView(row: ShopifyPayoutRow, timeZone: string | null) {
  const money = (amount: string | null) => (amount === null ? "" : formatMoney(amount, row.currency));
  return {
    id: row.id,
    number: String(row.legacyId),
    issued: formatDate(row.issuedAt, timeZone),
    status: row.status,
    gross: money(row.gross),
    fees: money(row.fees),
    net: money(row.net),
    state: row.state,
    reconciliation: reconciliation(row),
    reason: row.reason ?? "",
    canRetry: row.state === "error" || row.state === "unbalanced",
  };
}

export async function loadPayoutListPage(shopId: number, query: PayoutListQuery) {
  const db = getDb();
  const [shop, rows, counts] = await Promise.all([
    getShopDisplay(db, shopId),
    listPayouts(db, {
      shopId,
      states: payoutTabs[query.tab],
      limit: PAYOUTS_PAGE_SIZE + 1,
      offset: query.page * PAYOUTS_PAGE_SIZE,
    }),
    countPayoutsByState(db, shopId),
  ]);
  const tabCounts = Object.fromEntries(
    Object.entries(payoutTabs).map(([tab, states]) => [tab, states.reduce((n, s) => n + counts[s], 0)]),
  ) as Record<PayoutTab, number>;
  return {
    query,
    counts: tabCounts,
    hasNext: rows.length > PAYOUTS_PAGE_SIZE,
    rows: rows.slice(0, PAYOUTS_PAGE_SIZE).map((row) => payoutView(row, shop.timeZone)),
  };
}

/** One payout with its balance transactions, each linked to its order and the ERP payment of its charge. */
export async function loadPayoutPage(shopId: number, payoutId: number) {
  const db = getDb();
  const row = await getPayout(db, { shopId, id: payoutId });
  if (!row) return null;
  const shop = await getShopDisplay(db, shopId);
  const transactions = await transactionsOfPayout(db, { shopId, shopifyPayoutId: row.shopifyPayoutId });
  const { orderOf, paymentOf } = await payoutTransactionLinks(db, { shopId, transactions });
  const money = (amount: string) => formatMoney(amount, row.currency);
  return {
    payout: payoutView(row, shop.timeZone),
    transactions: transactions.map((t) => {
      const payment = t.shopifyTransactionId ? paymentOf.get(t.shopifyTransactionId) : undefined;
      return {
        id: t.id,
        type: t.type,
        date: formatDate(t.transactionDate, shop.timeZone),
        order: t.orderName ?? "",
        orderId: t.shopifyOrderId ? (orderOf.get(t.shopifyOrderId) ?? null) : null,
        amount: money(t.amount),
        fee: money(t.fee),
        net: money(t.net),
        erpPayment: payment ? (payment.erp ?? payment.state) : "",
      };
    }),
  };
}
