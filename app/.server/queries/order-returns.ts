import { and, asc, eq, sql } from "drizzle-orm";

import { orderReturns } from "../../../db/schema/order-returns.ts";
import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

export interface SeenReturn {
  shopifyReturnId: string;
  shopifyOrderId: string;
  name: string;
  status: string;
  quantity: number;
  declineReason: string | null;
  /** When Shopify reported this state (the delivery's time, or the order's updatedAt). */
  at: Date;
}

/**
 * Returns as Shopify reported them: inserted, or updated when this report is not older than the
 * one kept (webhooks come twice and out of order). Linked to our order when we have it.
 */
export async function noteReturns(db: DbOrTx, input: { shopId: number; returns: readonly SeenReturn[] }): Promise<void> {
  for (const r of input.returns) {
    const values = {
      shopId: input.shopId,
      shopifyReturnId: r.shopifyReturnId,
      shopifyOrderId: r.shopifyOrderId,
      orderId: sql`(select id from ${orders} where ${orders.shopId} = ${input.shopId} and ${orders.shopifyOrderId} = ${r.shopifyOrderId})`,
      name: r.name,
      status: r.status,
      quantity: r.quantity,
      declineReason: r.declineReason,
      shopifyAt: r.at,
    };
    await db
      .insert(orderReturns)
      .values(values)
      .onConflictDoUpdate({
        target: [orderReturns.shopId, orderReturns.shopifyReturnId],
        set: {
          name: sql`excluded.name`,
          status: sql`excluded.status`,
          quantity: sql`excluded.quantity`,
          declineReason: sql`excluded.decline_reason`,
          shopifyAt: sql`excluded.shopify_at`,
          orderId: sql`coalesce(excluded.order_id, ${orderReturns.orderId})`,
        },
        setWhere: sql`excluded.shopify_at >= ${orderReturns.shopifyAt}`,
      });
  }
}

/** The returns of an order, oldest first (its page). */
export function returnsOfOrder(db: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  return db
    .select()
    .from(orderReturns)
    .where(and(eq(orderReturns.shopId, input.shopId), eq(orderReturns.shopifyOrderId, input.shopifyOrderId)))
    .orderBy(asc(orderReturns.createdAt), asc(orderReturns.id));
}
