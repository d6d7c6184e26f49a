import { and, asc, eq } from "drizzle-orm";

import { orderEvents } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";

/** Every kind of line an order's history holds; each has its label in format/order-labels.ts. */
export const orderEventKinds = [
  "imported",
  "updated",
  "filtered",
  "processing",
  "processed",
  "waiting",
  "error",
  "conflict",
  "resolved",
  "ignored",
  "written_back",
  "skipped",
  "fulfilled",
  "posted",
  "posting_error",
  "closed",
] as const;
export type OrderEventKind = (typeof orderEventKinds)[number];

/** One line of an order's history (shown on the order page). */
export async function addOrderEvent(
  db: DbOrTx,
  input: { shopId: number; orderId: number; kind: OrderEventKind; message?: string | null },
): Promise<void> {
  await db.insert(orderEvents).values({
    shopId: input.shopId,
    orderId: input.orderId,
    kind: input.kind,
    message: input.message?.slice(0, 2000) ?? null,
  });
}

export function listOrderEvents(db: DbOrTx, input: { shopId: number; orderId: number }) {
  return db
    .select({ kind: orderEvents.kind, message: orderEvents.message, at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.shopId, input.shopId), eq(orderEvents.orderId, input.orderId)))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
}
