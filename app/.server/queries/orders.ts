import { sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

/**
 * Note an order Shopify told us about. Webhooks arrive out of order, so a version older than the
 * one we hold never overwrites it.
 */
export async function upsertOrderSeen(
  db: DbOrTx,
  input: { shopId: number; shopifyOrderId: string; name: string; shopifyUpdatedAt: Date },
): Promise<void> {
  await db
    .insert(orders)
    .values(input)
    .onConflictDoUpdate({
      target: [orders.shopId, orders.shopifyOrderId],
      set: { name: input.name, shopifyUpdatedAt: input.shopifyUpdatedAt, updatedAt: new Date() },
      setWhere: sql`${orders.shopifyUpdatedAt} is null or ${orders.shopifyUpdatedAt} < excluded.shopify_updated_at`,
    });
}
