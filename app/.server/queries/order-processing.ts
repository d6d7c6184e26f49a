import { and, asc, eq, inArray, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { DbOrTx, Tx } from "../db.ts";
import type { ErpDocumentLine } from "../tasks/shipments-sync/shipment-records.ts";
import { markOrderVariantsForRecompute } from "./inventory-levels.ts";
import { recordSkipped, resolveSkipped } from "./skipped-records.ts";

export interface ClaimedOrder {
  id: number;
  shopifyOrderId: string;
  name: string;
  status: (typeof orders.$inferSelect)["status"];
  hasConflict: boolean;
  snapshot: unknown;
  erpDocumentNumber: string | null;
}

/**
 * Locks the order row for the rest of the transaction, or returns null when it is gone or another
 * worker holds it (SKIP LOCKED: the second worker leaves it alone instead of queueing behind).
 * A worker that dies drops its connection, and Postgres releases the lock with it.
 */
export async function claimOrder(tx: Tx, input: { shopId: number; orderId: number }): Promise<ClaimedOrder | null> {
  const [row] = await tx
    .select(claimedColumns)
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId)))
    .for("update", { skipLocked: true });
  return row ?? null;
}

/** The same order without a lock, for a preview (it writes nothing, so it need not keep others out). */
export async function readOrderToProcess(
  db: DbOrTx,
  input: { shopId: number; orderId: number },
): Promise<ClaimedOrder | null> {
  const [row] = await db
    .select(claimedColumns)
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId)));
  return row ?? null;
}

const claimedColumns = {
  id: orders.id,
  shopifyOrderId: orders.shopifyOrderId,
  name: orders.name,
  status: orders.status,
  hasConflict: orders.hasConflict,
  snapshot: orders.snapshot,
  erpDocumentNumber: orders.erpDocumentNumber,
};

const byOrder = (input: { shopId: number; orderId: number }) =>
  and(eq(orders.shopId, input.shopId), eq(orders.id, input.orderId));

export async function markOrderWaiting(
  db: DbOrTx,
  input: { shopId: number; orderId: number; waitingOn: "unmapped_customer" | "unmapped_product"; message: string },
) {
  await db
    .update(orders)
    .set({ status: "unprocessed", waitingOn: input.waitingOn, errorMessage: input.message, updatedAt: new Date() })
    .where(byOrder(input));
}

export async function markOrderProcessed(
  db: DbOrTx,
  input: {
    shopId: number;
    orderId: number;
    document: { type: "order" | "invoice"; id: string; number: string; customerNumber: string };
    erpLines: ErpDocumentLine[];
  },
) {
  await db
    .update(orders)
    .set({
      status: "processed",
      erpLines: input.erpLines,
      waitingOn: null,
      errorMessage: null,
      erpDocumentType: input.document.type,
      erpDocumentId: input.document.id,
      erpDocumentNumber: input.document.number,
      erpCustomerNumber: input.document.customerNumber,
      processedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(byOrder(input));
  await markOrderVariantsForRecompute(db, input);
}

export async function markOrderError(db: DbOrTx, input: { shopId: number; orderId: number; message: string }) {
  await db
    .update(orders)
    .set({ status: "error", waitingOn: null, errorMessage: input.message.slice(0, 2000), updatedAt: new Date() })
    .where(byOrder(input));
}

export async function markOrdersIgnored(db: DbOrTx, input: { shopId: number; orderIds: number[]; reason: string }) {
  if (input.orderIds.length === 0) return;
  await db
    .update(orders)
    .set({ status: "ignored", waitingOn: null, statusReason: input.reason, updatedAt: new Date() })
    .where(and(eq(orders.shopId, input.shopId), inArray(orders.id, input.orderIds), eq(orders.status, "unprocessed")));
}

/** Kill switch: one open skipped row per order, refreshed when skipped again. */
export async function recordSkippedOrder(
  db: DbOrTx,
  input: { shopId: number; shopifyOrderId: string; reason: string },
) {
  await recordSkipped(db, {
    shopId: input.shopId,
    entity: "order",
    recordKey: input.shopifyOrderId,
    reason: input.reason,
  });
}

export async function resolveSkippedOrder(db: DbOrTx, input: { shopId: number; shopifyOrderId: string }) {
  await resolveSkipped(db, { shopId: input.shopId, entity: "order", recordKey: input.shopifyOrderId });
}

/**
 * Orders the scheduled run should (re)try: unprocessed or failed, no conflict, and not waiting on
 * a mapping that is still open on the unmapped lists.
 */
export async function listProcessableOrderIds(db: DbOrTx, input: { shopId: number; limit: number }): Promise<number[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        inArray(orders.status, ["unprocessed", "error"]),
        eq(orders.hasConflict, false),
        sql`${orders.snapshot} is not null`,
        sql`(${orders.waitingOn} is null or not exists (
          select 1 from unmapped_records u
          where u.shop_id = ${orders.shopId} and u.resolved_at is null and (
            (${orders.waitingOn} = 'unmapped_customer' and u.entity = 'customer'
              and u.shopify_id = coalesce(${orders.snapshot} #>> '{customer,shopifyCustomerId}', ${orders.shopifyOrderId}))
            or (${orders.waitingOn} = 'unmapped_product' and u.entity = 'product'
              and (${orders.snapshot} -> 'lines' @> jsonb_build_array(jsonb_build_object('variantId', u.shopify_id))
                or ${orders.snapshot} -> 'lines' @> jsonb_build_array(jsonb_build_object('shopifyLineId', u.shopify_id))))
          )))`,
      ),
    )
    .orderBy(asc(orders.id))
    .limit(input.limit);
  return rows.map((r) => r.id);
}

/** Orders waiting on one Shopify customer (or a guest order, keyed by its own id). */
export async function ordersWaitingOnCustomer(db: DbOrTx, input: { shopId: number; shopifyCustomerId: string }) {
  return db
    .select({ id: orders.id, snapshot: orders.snapshot })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        eq(orders.status, "unprocessed"),
        eq(orders.waitingOn, "unmapped_customer"),
        // The buyer's key as customerKey makes it: the B2B location, the customer, or the order (guest).
        sql`coalesce(${orders.snapshot} #>> '{company,locationId}', ${orders.snapshot} #>> '{customer,shopifyCustomerId}', ${orders.shopifyOrderId}) = ${input.shopifyCustomerId}`,
      ),
    )
    .orderBy(asc(orders.id));
}

/** Orders waiting on one Shopify variant (or a custom line, keyed by the line id). */
export async function ordersWaitingOnVariant(db: DbOrTx, input: { shopId: number; shopifyVariantId: string }) {
  return db
    .select({ id: orders.id, snapshot: orders.snapshot })
    .from(orders)
    .where(
      and(
        eq(orders.shopId, input.shopId),
        eq(orders.status, "unprocessed"),
        eq(orders.waitingOn, "unmapped_product"),
        sql`(${orders.snapshot} -> 'lines' @> ${JSON.stringify([{ variantId: input.shopifyVariantId }])}::jsonb
          or ${orders.snapshot} -> 'lines' @> ${JSON.stringify([{ shopifyLineId: input.shopifyVariantId }])}::jsonb)`,
      ),
    )
    .orderBy(asc(orders.id));
}
