import { and, eq } from "drizzle-orm";

import { orders } from "../../../../db/schema/orders.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import type { Db } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { findOrderCandidatesForShipment } from "../../queries/shipments.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";
import { matchShipmentOrder } from "./match-order.ts";
import { planFulfillments } from "./plan-fulfillments.ts";
import { type OrderFulfillmentState, readFulfillmentState } from "./read-fulfillment-state.ts";
import {
  erpDocumentLinesSchema,
  type FulfillmentPlan,
  fulfillmentPlanSchema,
  shipmentContentSchema,
} from "./shipment-records.ts";

export interface PlanContext {
  db: Db;
  admin: ShopifyAdmin;
  settings: ShopSettings;
  shopId: number;
}

/** What planning needs of a shipment: a stored row, or one a preview pulled and did not store. */
export interface ShipmentToPlan {
  plan: unknown;
  orderId: number | null;
  externalDocumentNo: string | null;
  erpOrderNo: string | null;
  content: unknown;
}

/** The order link the shipment row should now carry, when it differs from the one it has (null: keep). */
export type Relink = { orderId: number | null; shopifyOrderId: string | null } | null;

export type PlannedOrder = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

export type ShipmentPlanning =
  | { kind: "error"; message: string; orderName: string | null; relink: Relink }
  | { kind: "nothing"; reason: string; orderName: string; relink: Relink }
  | {
      kind: "plan";
      order: PlannedOrder;
      state: OrderFulfillmentState;
      plan: FulfillmentPlan;
      /** The plan was stored by an earlier attempt (part of it may be in Shopify already). */
      stored: boolean;
      /** What matching the order noted (a stale link of a reused ERP number). */
      notes: string[];
      relink: Relink;
    };

const ORDER_GONE = "The shipment's Shopify order is no longer in the app.";

/**
 * What a shipment would do now, reading only: the order it belongs to, that order's fulfillment
 * orders in Shopify, and the plan (the stored one, or a new one). The sync applies the result
 * (relink, store the plan, send); a preview only describes it, so both decide the same way.
 */
export async function readShipmentPlan(ctx: PlanContext, shipment: ShipmentToPlan): Promise<ShipmentPlanning> {
  const target = await orderOfShipment(ctx, shipment);
  if (target.kind === "error") return target;
  const { order, notes: matchNotes, relink } = target;
  const state = await readFulfillmentState(ctx.admin, order.shopifyOrderId);
  if (!state) {
    return {
      kind: "error",
      message: `The Shopify order ${order.name} no longer exists in Shopify.`,
      orderName: order.name,
      relink,
    };
  }
  if (shipment.plan !== null) {
    const plan = fulfillmentPlanSchema.parse(shipment.plan);
    return { kind: "plan", order, state, plan, stored: true, notes: [], relink };
  }
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
    productMapping: { strategy: ctx.settings.products.mapping, skuSeparator: ctx.settings.products.skuSeparator },
  });
  if (result.kind === "error") return { kind: "error", message: result.message, orderName: order.name, relink };
  if (result.kind === "nothing") {
    return { kind: "nothing", reason: [...matchNotes, result.reason].join(" "), orderName: order.name, relink };
  }
  return { kind: "plan", order, state, plan: result.plan, stored: false, notes: matchNotes, relink };
}

type OrderTarget =
  | { kind: "order"; order: PlannedOrder; notes: string[]; relink: Relink }
  | { kind: "error"; message: string; orderName: null; relink: Relink };

/**
 * The order this attempt fulfills. A shipment with a stored plan keeps the order it was planned
 * for (part of it may be in Shopify already). Otherwise its keys are matched afresh on every
 * attempt, so a Retry after the merchant put things right (or an order processed since) decides
 * again, and a shipment whose keys now disagree is stopped before anything is sent.
 */
async function orderOfShipment(ctx: PlanContext, shipment: ShipmentToPlan): Promise<OrderTarget> {
  const gone = (relink: Relink): OrderTarget => ({ kind: "error", message: ORDER_GONE, orderName: null, relink });
  if (shipment.plan !== null) {
    // Planned, and its order deleted since: another order matching now would not own that plan.
    if (shipment.orderId === null) return gone(null);
    const order = await loadOrder(ctx, shipment.orderId);
    return order ? { kind: "order", order, notes: [], relink: null } : gone(null);
  }
  const keys = { externalDocumentNo: shipment.externalDocumentNo ?? "", erpOrderNo: shipment.erpOrderNo ?? "" };
  const candidates = await findOrderCandidatesForShipment(ctx.db, { shopId: ctx.shopId, ...keys });
  const match = matchShipmentOrder(keys, candidates);
  if (match.kind !== "matched") {
    const relink: Relink = shipment.orderId !== null ? { orderId: null, shopifyOrderId: null } : null;
    return match.kind === "none" ? gone(relink) : { kind: "error", message: match.message, orderName: null, relink };
  }
  const relink: Relink =
    match.order.id !== shipment.orderId
      ? { orderId: match.order.id, shopifyOrderId: match.order.shopifyOrderId }
      : null;
  const order = await loadOrder(ctx, match.order.id);
  return order ? { kind: "order", order, notes: match.notes, relink } : gone(relink);
}

async function loadOrder(ctx: PlanContext, orderId: number) {
  const [row] = await ctx.db
    .select({
      id: orders.id,
      shopifyOrderId: orders.shopifyOrderId,
      name: orders.name,
      snapshot: orders.snapshot,
      erpLines: orders.erpLines,
    })
    .from(orders)
    .where(and(eq(orders.shopId, ctx.shopId), eq(orders.id, orderId)));
  return row;
}
