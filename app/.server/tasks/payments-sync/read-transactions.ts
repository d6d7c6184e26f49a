import { z } from "zod";

import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import { ORDERS_WITH_TRANSACTIONS_QUERY } from "../../adapters/shopify/payment-queries.ts";
import type { SeenPayment } from "../../queries/order-payments.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";

/** The run's cursor stream of Shopify orders looked at for payments. */
export const PAID_ORDERS_STREAM = "shopify-paid-orders";

/** Money in: a successful sale, or the capture of an authorization (an authorization alone is no payment). */
const RECEIVING = new Set(["SALE", "CAPTURE"]);

// The trust boundary: Shopify's answer, parsed before anything else sees it.
const money = z.object({ amount: z.string(), currencyCode: z.string() });
const transaction = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  processedAt: z.string().nullable(),
  paymentDetails: z.object({ company: z.string().nullish() }).nullish(),
  amountSet: z.object({ shopMoney: money, presentmentMoney: money }),
});
const orderNode = z.object({ id: z.string(), updatedAt: z.string(), transactions: z.array(transaction) });
const ordersPage = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(orderNode),
  }),
});

/** The payments of one order's transactions: successful sales and captures only. */
export function paymentsOf(order: z.infer<typeof orderNode>): SeenPayment[] {
  return order.transactions
    .filter((t) => t.status === "SUCCESS" && RECEIVING.has(t.kind))
    .map((t) => ({
      shopifyTransactionId: t.id,
      shopifyOrderId: order.id,
      kind: t.kind,
      gateway: t.gateway ?? "",
      cardBrand: t.paymentDetails?.company ?? null,
      amount: t.amountSet.shopMoney.amount,
      presentmentAmount: t.amountSet.presentmentMoney.amount,
      currency: t.amountSet.shopMoney.currencyCode,
      presentmentCurrency: t.amountSet.presentmentMoney.currencyCode,
      processedAt: t.processedAt,
    }));
}

/** Payments of orders changed since the cursor, 50 orders a page. */
export async function* readPaidOrders(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<{ payments: SeenPayment[]; next: UpdatedSinceCursor | null }> {
  let next = cursor;
  for await (const page of paginate(
    admin,
    ORDERS_WITH_TRANSACTIONS_QUERY,
    { first: 50, query: updatedSinceSearch(cursor) },
    {
      operation: "OrdersWithTransactions",
      connection: (data) => ordersPage.parse(data).orders,
      maxPages: options.maxPages,
    },
  )) {
    const nodes = ordersPage.shape.orders.shape.nodes.parse(page.nodes);
    next = cursorAfter(next, nodes.at(-1));
    yield { payments: nodes.flatMap(paymentsOf), next };
  }
}
