import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import { ORDERS_WITH_REFUNDS_QUERY, REFUND_QUERY } from "../../adapters/shopify/refund-queries.ts";
import { fromMicros, sum, toMicros } from "../../domain/money.ts";
import type { SeenReturn } from "../../queries/order-returns.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";
import type { RefundFacts, RestockType } from "./plan-credit-memo.ts";

/** The run's cursor stream of Shopify orders looked at for refunds. */
export const REFUNDED_ORDERS_STREAM = "shopify-refunded-orders";

// The trust boundary: Shopify's answer, parsed before the pure core sees it.
const pair = z.object({
  shopMoney: z.object({ amount: z.string() }),
  presentmentMoney: z.object({ amount: z.string() }),
});
const refundNode = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  createdAt: z.string(),
  refundLineItems: z.object({
    nodes: z.array(
      z.object({
        lineItem: z.object({ id: z.string() }),
        quantity: z.number().int(),
        restockType: z.enum(["RETURN", "CANCEL", "NO_RESTOCK", "LEGACY_RESTOCK"]),
        location: z.object({ id: z.string() }).nullish(),
        subtotalSet: pair,
        totalTaxSet: pair,
      }),
    ),
    pageInfo: z.object({ hasNextPage: z.boolean() }),
  }),
  refundShippingLines: z.object({ nodes: z.array(z.object({ subtotalAmountSet: pair, taxAmountSet: pair })) }),
  transactions: z.object({ nodes: z.array(z.object({ kind: z.string(), status: z.string(), amountSet: pair })) }),
});
const refundSchema = z.object({ refund: refundNode.nullable() });

export type Currency = "shop" | "presentment";

/** A refund in the money of the order's ERP document (shop or presentment currency). */
export function toRefundFacts(node: z.infer<typeof refundNode>, currency: Currency): RefundFacts {
  const pick = (m: z.infer<typeof pair>) =>
    currency === "presentment" ? m.presentmentMoney.amount : m.shopMoney.amount;
  const money = (values: string[]) => fromMicros(sum(values.map(toMicros)));
  const shipping = node.refundShippingLines.nodes;
  return {
    legacyId: node.legacyResourceId,
    createdAt: node.createdAt,
    lines: node.refundLineItems.nodes.map((l) => ({
      shopifyLineId: l.lineItem.id,
      quantity: l.quantity,
      restockType: l.restockType as RestockType,
      locationId: l.location?.id ?? null,
      subtotal: pick(l.subtotalSet),
      totalTax: pick(l.totalTaxSet),
    })),
    shipping: {
      subtotal: money(shipping.map((s) => pick(s.subtotalAmountSet))),
      tax: money(shipping.map((s) => pick(s.taxAmountSet))),
    },
    // Only money that really went back: a failed or pending refund transaction credits nothing.
    refunded: money(
      node.transactions.nodes
        .filter((t) => t.kind === "REFUND" && t.status === "SUCCESS")
        .map((t) => pick(t.amountSet)),
    ),
  };
}

/** The refund as Shopify has it now; null when Shopify no longer has it. */
export async function readRefund(admin: ShopifyAdmin, refundId: string): Promise<ShopifyRefund | null> {
  return refundSchema.parse(await runOperation(admin, REFUND_QUERY, { id: refundId })).refund;
}

export type ShopifyRefund = z.infer<typeof refundNode>;

const ordersPage = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(
      z.object({
        id: z.string(),
        updatedAt: z.string(),
        refunds: z.array(z.object({ id: z.string() })),
        returns: z.object({
          nodes: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              status: z.string(),
              totalQuantity: z.number().int(),
              decline: z.object({ reason: z.string().nullable() }).nullable(),
            }),
          ),
        }),
      }),
    ),
  }),
});

/**
 * Refunds and returns of orders changed since the cursor (each changes its order): the ones no
 * webhook brought. 25 orders × up to 20 refund ids and 10 returns a page (~600 points).
 */
export async function* readRefundedOrders(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<{
  refunds: Array<{ refundId: string; orderId: string }>;
  returns: SeenReturn[];
  next: UpdatedSinceCursor | null;
}> {
  let next = cursor;
  for await (const page of paginate(
    admin,
    ORDERS_WITH_REFUNDS_QUERY,
    { first: 25, query: updatedSinceSearch(cursor) },
    {
      operation: "OrdersWithRefunds",
      connection: (data) => ordersPage.parse(data).orders,
      maxPages: options.maxPages,
    },
  )) {
    const nodes = ordersPage.shape.orders.shape.nodes.parse(page.nodes);
    next = cursorAfter(next, nodes.at(-1));
    yield {
      refunds: nodes.flatMap((o) => o.refunds.map((r) => ({ refundId: r.id, orderId: o.id }))),
      returns: nodes.flatMap((o) =>
        o.returns.nodes.map((r) => ({
          shopifyReturnId: r.id,
          shopifyOrderId: o.id,
          name: r.name,
          status: r.status,
          quantity: r.totalQuantity,
          declineReason: r.decline?.reason ?? null,
          // A return changes its order: the order's updatedAt is when Shopify had this state.
          at: new Date(o.updatedAt),
        })),
      ),
      next,
    };
  }
}
