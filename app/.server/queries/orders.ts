import { and, eq, inArray, isNotNull } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx } from "../db.ts";
import type { ImportedOrder } from "../tasks/orders-sync/imported-order.ts";

type OrderStatus = (typeof orders.$inferSelect)["status"];

/** The columns the import compares an incoming version with. */
const importColumns = {
  id: orders.id,
  status: orders.status,
  statusReason: orders.statusReason,
  hasConflict: orders.hasConflict,
  conflictReason: orders.conflictReason,
  shopifyUpdatedAt: orders.shopifyUpdatedAt,
  snapshot: orders.snapshot,
  erpDocumentId: orders.erpDocumentId,
};

/**
 * The stored order, row-locked until the caller's transaction ends, so two imports of the same
 * order (a webhook run and a reconcile run) compare and write one after the other.
 */
export async function lockOrderForImport(tx: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  const [row] = await tx
    .select(importColumns)
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.shopifyOrderId, input.shopifyOrderId)))
    .for("update");
  return row;
}

export type OrderForImportRow = NonNullable<Awaited<ReturnType<typeof lockOrderForImport>>>;

/** The same columns without a lock: a preview compares and writes nothing, so it waits for no one. */
export async function getOrderForImport(db: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  const [row] = await db
    .select(importColumns)
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.shopifyOrderId, input.shopifyOrderId)));
  return row;
}

/**
 * A newly imported order. Returns undefined when another transaction inserted it first (the
 * unique (shop, order) index): the caller then locks that row and compares with it instead.
 */
export async function insertImportedOrder(
  tx: DbOrTx,
  input: { shopId: number; order: ImportedOrder; status: OrderStatus; statusReason: string | null },
): Promise<number | undefined> {
  const [row] = await tx
    .insert(orders)
    .values({
      shopId: input.shopId,
      shopifyOrderId: input.order.shopifyOrderId,
      name: input.order.name,
      status: input.status,
      statusReason: input.statusReason,
      snapshot: input.order,
      shopifyUpdatedAt: new Date(input.order.updatedAt),
    })
    .onConflictDoNothing({ target: [orders.shopId, orders.shopifyOrderId] })
    .returning({ id: orders.id });
  return row?.id;
}

/** A newer version of a stored (and locked) order; a conflict is only ever raised here, never cleared. */
export async function updateImportedOrder(
  tx: DbOrTx,
  input: {
    shopId: number;
    orderId: number;
    order: ImportedOrder;
    status: OrderStatus;
    statusReason: string | null;
    conflictReason?: string;
  },
): Promise<void> {
  await tx
    .update(orders)
    .set({
      name: input.order.name,
      status: input.status,
      statusReason: input.statusReason,
      snapshot: input.order,
      shopifyUpdatedAt: new Date(input.order.updatedAt),
      ...(input.conflictReason !== undefined ? { hasConflict: true, conflictReason: input.conflictReason } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId)));
}

/** Shopify's updatedAt of the versions we hold (with a snapshot), by Shopify order id. */
export async function storedOrderVersions(
  db: DbOrTx,
  input: { shopId: number; shopifyOrderIds: string[] },
): Promise<Map<string, Date>> {
  if (input.shopifyOrderIds.length === 0) return new Map();
  const rows = await db
    .select({ shopifyOrderId: orders.shopifyOrderId, shopifyUpdatedAt: orders.shopifyUpdatedAt })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        inArray(orders.shopifyOrderId, input.shopifyOrderIds),
        isNotNull(orders.snapshot),
      ),
    );
  return new Map(rows.flatMap((r) => (r.shopifyUpdatedAt ? [[r.shopifyOrderId, r.shopifyUpdatedAt] as const] : [])));
}
