import { z } from "zod";

import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import { PAYOUT_TRANSACTIONS_QUERY, PAYOUTS_QUERY } from "../../adapters/shopify/payment-queries.ts";

// The trust boundary: Shopify's answers, parsed before anything else sees them.
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const payoutNode = z.object({
  id: z.string(),
  legacyResourceId: z.string().regex(/^\d+$/),
  status: z.string(),
  issuedAt: z.string(),
  transactionType: z.enum(["DEPOSIT", "WITHDRAWAL"]),
  net: z.object({ amount: z.string(), currencyCode: z.string() }),
});
const payoutsPage = z.object({
  shopifyPaymentsAccount: z.object({ payouts: z.object({ pageInfo, nodes: z.array(payoutNode) }) }).nullable(),
});
const balanceNode = z.object({
  id: z.string(),
  type: z.string(),
  transactionDate: z.string().nullable(),
  sourceOrderTransactionId: z.string().nullable(),
  amount: z.object({ amount: z.string(), currencyCode: z.string() }),
  fee: z.object({ amount: z.string() }),
  net: z.object({ amount: z.string() }),
  associatedOrder: z.object({ id: z.string(), name: z.string() }).nullable(),
  associatedPayout: z.object({ id: z.string().nullable() }).nullable(),
});
const balancePage = z.object({
  shopifyPaymentsAccount: z
    .object({ balanceTransactions: z.object({ pageInfo, nodes: z.array(balanceNode) }) })
    .nullable(),
});

export interface ShopifyPayout {
  shopifyPayoutId: string;
  legacyId: number;
  status: string;
  issuedAt: string;
  currency: string;
  /** Signed: money out of the bank (a withdrawal) is negative. */
  net: string;
}

export interface ShopifyBalanceTransaction {
  shopifyBalanceTransactionId: string;
  type: string;
  amount: string;
  fee: string;
  net: string;
  currency: string;
  shopifyOrderId: string | null;
  orderName: string | null;
  shopifyTransactionId: string | null;
  transactionDate: string | null;
}

const EMPTY = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };

/** Payouts with an id of `fromId` or more, in id order, 50 a page; none when the shop has no Shopify Payments. */
export async function* readPayouts(
  admin: ShopifyAdmin,
  fromId: number,
  options: { maxPages: number },
): AsyncGenerator<ShopifyPayout[]> {
  for await (const page of paginate(
    admin,
    PAYOUTS_QUERY,
    { first: 50, query: `id:>=${fromId}` },
    {
      operation: "Payouts",
      connection: (data) => payoutsPage.parse(data).shopifyPaymentsAccount?.payouts ?? EMPTY,
      maxPages: options.maxPages,
    },
  )) {
    yield z
      .array(payoutNode)
      .parse(page.nodes)
      .map((p) => ({
        shopifyPayoutId: p.id,
        legacyId: Number(p.legacyResourceId),
        status: p.status,
        issuedAt: p.issuedAt,
        currency: p.net.currencyCode,
        net: p.transactionType === "WITHDRAWAL" && !p.net.amount.startsWith("-") ? `-${p.net.amount}` : p.net.amount,
      }));
  }
}

/** Every balance transaction of one payout (all pages: a payout must be read whole to be balanced). */
export async function readPayoutTransactions(
  admin: ShopifyAdmin,
  payout: { legacyId: number; shopifyPayoutId: string },
): Promise<ShopifyBalanceTransaction[]> {
  const out: ShopifyBalanceTransaction[] = [];
  for await (const page of paginate(
    admin,
    PAYOUT_TRANSACTIONS_QUERY,
    { first: 100, query: `payments_transfer_id:${payout.legacyId}` },
    {
      operation: "PayoutTransactions",
      connection: (data) => balancePage.parse(data).shopifyPaymentsAccount?.balanceTransactions ?? EMPTY,
    },
  )) {
    for (const b of z.array(balanceNode).parse(page.nodes)) {
      // The search is Shopify's; the link is checked here.
      if (b.associatedPayout?.id && b.associatedPayout.id !== payout.shopifyPayoutId) continue;
      out.push({
        shopifyBalanceTransactionId: b.id,
        type: b.type,
        amount: b.amount.amount,
        fee: b.fee.amount,
        net: b.net.amount,
        currency: b.amount.currencyCode,
        shopifyOrderId: b.associatedOrder?.id ?? null,
        orderName: b.associatedOrder?.name ?? null,
        shopifyTransactionId: b.sourceOrderTransactionId
          ? `gid://shopify/OrderTransaction/${b.sourceOrderTransactionId}`
          : null,
        transactionDate: b.transactionDate,
      });
    }
  }
  return out;
}
