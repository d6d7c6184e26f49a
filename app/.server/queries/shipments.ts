import { and, asc, desc, eq, inArray, ne, or, sql } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import { shipments, type ShipmentStatus, shipmentStatuses } from "../../../db/schema/shipments.ts";
import type { DbOrTx } from "../db.ts";
import type { OrderCandidate } from "../tasks/shipments-sync/match-order.ts";
import type { FulfillmentPlan, ShipmentContent } from "../tasks/shipments-sync/shipment-records.ts";
import { markOrderVariantsForRecompute } from "./inventory-levels.ts";
import { recordSkipped, resolveSkipped } from "./skipped-records.ts";

/** The statuses a shipments list can show (the schema's own list, for routes that may not import db/). */
export { shipmentStatuses };

const byShipment = (input: { shopId: number; shipmentId: number }) =>
  and(eq(shipments.shopId, input.shopId), eq(shipments.id, input.shipmentId));

/** More candidates than this means the keys are far too loose to act on; the match errors anyway. */
const MAX_ORDER_CANDIDATES = 10;

/**
 * Every imported order one of the shipment's keys points at: named by its external document
 * number, or linked to the ERP sales order it was posted from. Which one it belongs to, if any, is
 * `matchShipmentOrder`'s decision (app/.server/tasks/shipments-sync/match-order.ts), never the lowest id.
 */
export async function findOrderCandidatesForShipment(
  db: DbOrTx,
  input: { shopId: number; externalDocumentNo: string; erpOrderNo: string },
): Promise<OrderCandidate[]> {
  const externalDocumentNo = input.externalDocumentNo.trim();
  const erpOrderNo = input.erpOrderNo.trim();
  const matches = [];
  if (externalDocumentNo !== "") matches.push(eq(orders.name, externalDocumentNo));
  if (erpOrderNo !== "") {
    matches.push(and(eq(orders.erpDocumentType, "order"), eq(orders.erpDocumentNumber, erpOrderNo)));
  }
  if (matches.length === 0) return [];
  return db
    .select({
      id: orders.id,
      name: orders.name,
      shopifyOrderId: orders.shopifyOrderId,
      erpDocumentType: orders.erpDocumentType,
      erpDocumentNumber: orders.erpDocumentNumber,
    })
    .from(orders)
    .where(and(eq(orders.shopId, input.shopId), or(...matches)))
    .orderBy(asc(orders.id))
    .limit(MAX_ORDER_CANDIDATES);
}

/** The shipment now belongs to the order its keys agree on (or to none while they disagree). */
export async function setShipmentOrder(
  db: DbOrTx,
  input: { shopId: number; shipmentId: number; orderId: number | null; shopifyOrderId: string | null },
): Promise<void> {
  await db
    .update(shipments)
    .set({ orderId: input.orderId, shopifyOrderId: input.shopifyOrderId, updatedAt: new Date() })
    .where(byShipment(input));
}

/**
 * A shipment pulled from the ERP. Pulls are at least once: a shipment seen again refreshes what
 * it holds only while it is still unprocessed, never once synced or settled.
 */
export async function upsertPulledShipment(
  db: DbOrTx,
  input: {
    shopId: number;
    erpShipmentNo: string;
    erpShipmentId: string;
    erpOrderNo: string;
    externalDocumentNo: string;
    postingDate: string;
    /** Null while its keys point at different orders (it then waits, and errors, with both named). */
    orderId: number | null;
    shopifyOrderId: string | null;
    content: ShipmentContent;
  },
): Promise<void> {
  const now = new Date();
  await db
    .insert(shipments)
    .values({ ...input, status: "unprocessed", createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [shipments.shopId, shipments.erpShipmentNo],
      set: { content: input.content, orderId: input.orderId, shopifyOrderId: input.shopifyOrderId, updatedAt: now },
      setWhere: and(eq(shipments.status, "unprocessed"), sql`${shipments.plan} is null`),
    });
}

/** Oldest first: a partial shipment is fulfilled before the one that completes the order. */
export function listShipmentsToSync(db: DbOrTx, input: { shopId: number; limit: number }) {
  return db
    .select()
    .from(shipments)
    .where(and(eq(shipments.shopId, input.shopId), eq(shipments.status, "unprocessed")))
    .orderBy(asc(shipments.id))
    .limit(input.limit);
}

export type ShipmentRow = typeof shipments.$inferSelect;

/** Which of these ERP shipment numbers the shop already holds a row for (a preview of a pull skips them). */
export async function storedShipmentNumbers(
  db: DbOrTx,
  input: { shopId: number; erpShipmentNos: string[] },
): Promise<Set<string>> {
  if (input.erpShipmentNos.length === 0) return new Set();
  const rows = await db
    .select({ no: shipments.erpShipmentNo })
    .from(shipments)
    .where(and(eq(shipments.shopId, input.shopId), inArray(shipments.erpShipmentNo, input.erpShipmentNos)));
  return new Set(rows.map((r) => r.no));
}

export async function getShipment(db: DbOrTx, input: { shopId: number; shipmentId: number }) {
  const [row] = await db.select().from(shipments).where(byShipment(input));
  return row;
}

export async function saveShipmentPlan(
  db: DbOrTx,
  input: { shopId: number; shipmentId: number; plan: FulfillmentPlan; fulfillmentIds: string[] },
): Promise<void> {
  await db
    .update(shipments)
    .set({ plan: input.plan, fulfillmentIds: input.fulfillmentIds, updatedAt: new Date() })
    .where(byShipment(input));
}

/** The end of one attempt: a final state, or back to unprocessed with the reason it did not finish. */
export async function settleShipment(
  db: DbOrTx,
  input: {
    shopId: number;
    shipmentId: number;
    status: ShipmentStatus;
    reason?: string | null;
    errorMessage?: string | null;
  },
): Promise<void> {
  const now = new Date();
  await db
    .update(shipments)
    .set({
      status: input.status,
      reason: input.reason ?? null,
      errorMessage: input.errorMessage?.slice(0, 2000) ?? null,
      attempts: sql`${shipments.attempts} + 1`,
      lastAttemptAt: now,
      ...(input.status === "synced" ? { syncedAt: now } : {}),
      updatedAt: now,
    })
    .where(byShipment(input));
  if (input.status === "synced") {
    // Fulfilled in Shopify: its on hand moved, and the stock sync's correction for it ended.
    const [row] = await db.select({ orderId: shipments.orderId }).from(shipments).where(byShipment(input));
    if (row?.orderId) await markOrderVariantsForRecompute(db, { shopId: input.shopId, orderId: row.orderId });
  }
}

/** Fulfillment ids other shipments of the order already own: never adopted twice. */
export async function fulfillmentIdsOfOtherShipments(
  db: DbOrTx,
  input: { shopId: number; orderId: number; shipmentId: number },
): Promise<Set<string>> {
  const rows = await db
    .select({ ids: shipments.fulfillmentIds })
    .from(shipments)
    .where(
      and(eq(shipments.shopId, input.shopId), eq(shipments.orderId, input.orderId), ne(shipments.id, input.shipmentId)),
    );
  return new Set(rows.flatMap((r) => r.ids));
}

/**
 * A shipment in error (or settled with nothing to sync) goes back to the queue. It is planned
 * afresh from what Shopify has left, unless part of it is already fulfilled: then the plan stays
 * and only its unfinished fulfillments are sent again (a fresh plan could fulfill those lines twice).
 */
export async function requeueShipment(db: DbOrTx, input: { shopId: number; shipmentId: number }): Promise<boolean> {
  const rows = await db
    .update(shipments)
    .set({
      status: "unprocessed",
      errorMessage: null,
      reason: null,
      attempts: 0,
      plan: sql`case when cardinality(${shipments.fulfillmentIds}) = 0 then null else ${shipments.plan} end`,
      updatedAt: new Date(),
    })
    .where(and(byShipment(input), or(eq(shipments.status, "error"), eq(shipments.status, "nothing_to_sync"))))
    .returning({ id: shipments.id });
  return rows.length > 0;
}

export function listShipments(
  db: DbOrTx,
  input: { shopId: number; status: ShipmentStatus; limit: number; offset?: number; erpShipmentNo?: string | undefined },
) {
  // One shipment by its ERP number (a run's record link), whatever its status: shipments_shop_erp_no_uq.
  const where = input.erpShipmentNo
    ? and(eq(shipments.shopId, input.shopId), eq(shipments.erpShipmentNo, input.erpShipmentNo))
    : and(eq(shipments.shopId, input.shopId), eq(shipments.status, input.status));
  return db
    .select({
      id: shipments.id,
      erpShipmentNo: shipments.erpShipmentNo,
      erpOrderNo: shipments.erpOrderNo,
      externalDocumentNo: shipments.externalDocumentNo,
      postingDate: shipments.postingDate,
      orderId: shipments.orderId,
      status: shipments.status,
      reason: shipments.reason,
      errorMessage: shipments.errorMessage,
      fulfillmentIds: shipments.fulfillmentIds,
      attempts: shipments.attempts,
      content: shipments.content,
      updatedAt: shipments.updatedAt,
    })
    .from(shipments)
    .where(where)
    .orderBy(desc(shipments.updatedAt), desc(shipments.id))
    .limit(input.limit)
    .offset(input.offset ?? 0);
}

export async function countShipmentsByStatus(db: DbOrTx, shopId: number): Promise<Record<ShipmentStatus, number>> {
  const rows = await db
    .select({ status: shipments.status, count: sql<number>`count(*)::int` })
    .from(shipments)
    .where(eq(shipments.shopId, shopId))
    .groupBy(shipments.status);
  const counts: Record<ShipmentStatus, number> = { unprocessed: 0, error: 0, synced: 0, nothing_to_sync: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/** The order page's shipments section. */
export function listShipmentsOfOrder(db: DbOrTx, input: { shopId: number; orderId: number }) {
  return db
    .select({
      id: shipments.id,
      erpShipmentNo: shipments.erpShipmentNo,
      postingDate: shipments.postingDate,
      status: shipments.status,
      reason: shipments.reason,
      errorMessage: shipments.errorMessage,
      fulfillmentIds: shipments.fulfillmentIds,
    })
    .from(shipments)
    .where(and(eq(shipments.shopId, input.shopId), eq(shipments.orderId, input.orderId)))
    .orderBy(asc(shipments.id));
}

const skippedShipment = (input: { shopId: number; erpShipmentNo: string }) => ({
  shopId: input.shopId,
  entity: "shipment",
  recordKey: input.erpShipmentNo,
});

/** Kill switch: the shipment waits, and the skipped records tile says why (one open row per shipment). */
export async function recordSkippedShipment(
  db: DbOrTx,
  input: { shopId: number; erpShipmentNo: string; reason: string },
): Promise<void> {
  await recordSkipped(db, { ...skippedShipment(input), reason: input.reason });
}

/** The shipment got past the kill switch (or ended otherwise): its skipped row is closed. */
export async function resolveSkippedShipment(
  db: DbOrTx,
  input: { shopId: number; erpShipmentNo: string },
): Promise<void> {
  await resolveSkipped(db, skippedShipment(input));
}
