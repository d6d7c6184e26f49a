import { and, eq } from "drizzle-orm";

import { orders } from "../../../db/schema/orders.ts";
import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { runOperation } from "../adapters/shopify/admin-port.ts";
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_REQUEST_ACCEPT_MUTATION,
} from "../adapters/shopify/fulfillment-queries.ts";
import type { Db } from "../db.ts";
import { fulfillmentIdsOfOtherShipments, saveShipmentPlan, type ShipmentRow } from "../queries/shipments.ts";
import type { ShopSettings } from "../shops/settings-schema.ts";
import { importedOrderSchema } from "../sync/orders/imported-order.ts";
import { findLandedFulfillment, landingCandidates } from "../sync/shipments/find-landed-fulfillment.ts";
import { planFulfillments } from "../sync/shipments/plan-fulfillments.ts";
import {
  erpDocumentLinesSchema,
  type FulfillmentGroup,
  type FulfillmentPlan,
  fulfillmentPlanSchema,
  shipmentContentSchema,
} from "../sync/shipments/shipment-records.ts";
import { trackingFor } from "../sync/shipments/tracking.ts";
import { readFulfillmentState, readOrderFulfillments, withLines } from "./read-fulfillment-state.ts";

export type FulfillOutcome =
  | { status: "synced"; fulfillmentIds: string[]; notes: string[] }
  | { status: "nothing_to_sync"; reason: string }
  | { status: "error"; message: string }
  | { status: "paused"; message: string };

/** Shopify refused the fulfillment (userErrors): its words go to the merchant as they are. */
export class FulfillmentRejectedError extends Error {
  override name = "FulfillmentRejectedError";
}

export interface FulfillContext {
  db: Db;
  admin: ShopifyAdmin;
  settings: ShopSettings;
  shopId: number;
  now: () => Date;
}

/**
 * One posted ERP shipment → its Shopify fulfillments (one per location). The plan is stored
 * before anything is sent, and each fulfillmentCreate is preceded by a stored attempt; a run that
 * finds an attempt without an answer looks for the fulfillment it made before sending again, so
 * a crash between Shopify acting and us hearing it never fulfills twice. Throws on transient
 * failures (Shopify unavailable, throttled): the shipment stays unprocessed for the next run.
 */
export async function fulfillShipment(ctx: FulfillContext, shipment: ShipmentRow): Promise<FulfillOutcome> {
  const order = await loadOrder(ctx, shipment);
  if (!order) return { status: "error", message: "The shipment's Shopify order is no longer in the app." };
  const state = await readFulfillmentState(ctx.admin, order.shopifyOrderId);
  if (!state) return { status: "error", message: `The Shopify order ${order.name} no longer exists in Shopify.` };

  const stored = shipment.plan === null ? null : fulfillmentPlanSchema.parse(shipment.plan);
  let plan: FulfillmentPlan;
  if (stored) {
    plan = stored;
  } else {
    const content = shipmentContentSchema.parse(shipment.content);
    const snapshot = importedOrderSchema.safeParse(order.snapshot);
    const erpLines = erpDocumentLinesSchema.safeParse(order.erpLines);
    const result = planFulfillments({
      orderName: state.name,
      cancelledAt: state.cancelledAt,
      content,
      erpLines: erpLines.success ? erpLines.data : null,
      orderLines: snapshot.success ? snapshot.data.lines : [],
      fulfillmentOrders: state.fulfillmentOrders,
      ownServiceHandle: ctx.settings.shipments.fulfillmentServiceHandle,
    });
    if (result.kind === "error") return { status: "error", message: result.message };
    if (result.kind === "nothing") return { status: "nothing_to_sync", reason: result.reason };
    plan = result.plan;
    await save(ctx, shipment, plan);
  }
  const pending = plan.groups.filter((g) => g.fulfillmentId === null);
  if (pending.length > 0 && state.cancelledAt && pending.every((g) => g.attempt === null)) {
    return { status: "error", message: `The Shopify order ${state.name} was cancelled; nothing more was fulfilled.` };
  }
  if (pending.length > 0 && !ctx.settings.allowOutgoingWrites) {
    return { status: "paused", message: "Outgoing writes are off in Settings: nothing was sent to Shopify." };
  }

  const claimed = await fulfillmentIdsOfOtherShipments(ctx.db, {
    shopId: ctx.shopId,
    orderId: shipment.orderId ?? 0,
    shipmentId: shipment.id,
  });
  const requestStatus = new Map(state.fulfillmentOrders.map((fo) => [fo.id, fo.requestStatus]));
  // An order Shopify calls unfulfilled has no live fulfillment yet: the first attempt needs no read.
  let knownEmpty = state.fulfillmentStatus === "UNFULFILLED";
  for (const group of pending) {
    const fulfillments =
      knownEmpty && group.attempt === null ? [] : await readOrderFulfillments(ctx.admin, order.shopifyOrderId);
    knownEmpty = false;
    const taken = new Set([...claimed, ...plan.groups.flatMap((g) => (g.fulfillmentId ? [g.fulfillmentId] : []))]);
    const candidates = await Promise.all(
      landingCandidates(group, fulfillments, taken).map((f) => withLines(ctx.admin, f)),
    );
    const landed = findLandedFulfillment(group, candidates, taken);
    if (landed) {
      group.fulfillmentId = landed;
      await save(ctx, shipment, plan);
      continue;
    }
    for (const id of group.accept) {
      if (requestStatus.get(id) === "SUBMITTED") await acceptRequest(ctx.admin, id);
    }
    group.attempt = { startedAt: ctx.now().toISOString(), knownFulfillmentIds: fulfillments.map((f) => f.id) };
    await save(ctx, shipment, plan);
    group.fulfillmentId = await createFulfillment(ctx, shipment, group, async () => {
      group.attempt = null;
      await save(ctx, shipment, plan);
    });
    await save(ctx, shipment, plan);
  }
  return { status: "synced", fulfillmentIds: idsOf(plan), notes: plan.notes };
}

async function createFulfillment(
  ctx: FulfillContext,
  shipment: ShipmentRow,
  group: FulfillmentGroup,
  onRejected: () => Promise<void>,
): Promise<string> {
  const content = shipmentContentSchema.parse(shipment.content);
  const trackingInfo = trackingFor(content.tracking, ctx.settings.shipments.carriers);
  const data = await runOperation(
    ctx.admin,
    FULFILLMENT_CREATE_MUTATION,
    {
      fulfillment: {
        notifyCustomer: ctx.settings.shipments.notifyCustomer,
        ...(trackingInfo ? { trackingInfo } : {}),
        lineItemsByFulfillmentOrder: group.byFulfillmentOrder.map((fo) => ({
          fulfillmentOrderId: fo.fulfillmentOrderId,
          fulfillmentOrderLineItems: fo.lines.map((l) => ({ id: l.id, quantity: l.quantity })),
        })),
      },
    },
    { notIdempotent: true },
  );
  const errors = data.fulfillmentCreate?.userErrors ?? [];
  const id = data.fulfillmentCreate?.fulfillment?.id;
  if (errors.length > 0 || !id) {
    // Shopify answered and made nothing: the attempt is over, the next try may send again.
    await onRejected();
    throw new FulfillmentRejectedError(
      errors.map((e) => e.message).join("; ") || "Shopify returned no fulfillment and no reason.",
    );
  }
  return id;
}

async function acceptRequest(admin: ShopifyAdmin, fulfillmentOrderId: string): Promise<void> {
  const data = await runOperation(admin, FULFILLMENT_REQUEST_ACCEPT_MUTATION, {
    id: fulfillmentOrderId,
    message: "Accepted by the ERP connector: the ERP has shipped it.",
  });
  const errors = data.fulfillmentOrderAcceptFulfillmentRequest?.userErrors ?? [];
  if (errors.length > 0) throw new FulfillmentRejectedError(errors.map((e) => e.message).join("; "));
}

function idsOf(plan: FulfillmentPlan): string[] {
  return plan.groups.flatMap((g) => (g.fulfillmentId ? [g.fulfillmentId] : []));
}

function save(ctx: FulfillContext, shipment: ShipmentRow, plan: FulfillmentPlan): Promise<void> {
  return saveShipmentPlan(ctx.db, { shopId: ctx.shopId, shipmentId: shipment.id, plan, fulfillmentIds: idsOf(plan) });
}

async function loadOrder(ctx: FulfillContext, shipment: ShipmentRow) {
  if (shipment.orderId === null) return undefined;
  const [row] = await ctx.db
    .select({
      shopifyOrderId: orders.shopifyOrderId,
      name: orders.name,
      snapshot: orders.snapshot,
      erpLines: orders.erpLines,
    })
    .from(orders)
    .where(and(eq(orders.shopId, ctx.shopId), eq(orders.id, shipment.orderId)));
  return row;
}
