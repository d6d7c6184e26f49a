import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_REQUEST_ACCEPT_MUTATION,
} from "../../adapters/shopify/fulfillment-queries.ts";
import type { Db } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import {
  fulfillmentIdsOfOtherShipments,
  saveShipmentPlan,
  setShipmentOrder,
  type ShipmentRow,
} from "../../queries/shipments.ts";
import { findLandedFulfillment, landingCandidates } from "./find-landed-fulfillment.ts";
import { readOrderFulfillments, withLines } from "./read-fulfillment-state.ts";
import { readShipmentPlan } from "./read-shipment-plan.ts";
import { type FulfillmentGroup, type FulfillmentPlan, shipmentContentSchema } from "./shipment-records.ts";
import { trackingFor } from "./tracking.ts";

export type FulfillOutcome = { orderName: string | null } & (
  | { status: "synced"; orderId: number; fulfillmentIds: string[]; notes: string[] }
  | { status: "nothing_to_sync"; reason: string }
  | { status: "error"; message: string }
  | { status: "paused"; message: string }
);

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
  /**
   * The kill switch as it is now (Settings → Allow outgoing writes), asked before every write to
   * Shopify: a merchant who turns it off stops a run that is already under way, not only the next.
   */
  writesAllowed: () => Promise<boolean>;
}

const WRITES_OFF = "Outgoing writes are off in Settings: nothing was sent to Shopify.";
const WRITES_OFF_MIDWAY =
  "Outgoing writes were turned off in Settings while this shipment was being sent: the rest of it waits.";

/**
 * One posted ERP shipment → its Shopify fulfillments (one per location). The plan is stored
 * before anything is sent, and each fulfillmentCreate is preceded by a stored attempt; a run that
 * finds an attempt without an answer looks for the fulfillment it made before sending again, so
 * a crash between Shopify acting and us hearing it never fulfills twice. Throws on transient
 * failures (Shopify unavailable, throttled): the shipment stays unprocessed for the next run.
 */
export async function fulfillShipment(ctx: FulfillContext, shipment: ShipmentRow): Promise<FulfillOutcome> {
  const planning = await readShipmentPlan(ctx, shipment);
  if (planning.relink) {
    await setShipmentOrder(ctx.db, { shopId: ctx.shopId, shipmentId: shipment.id, ...planning.relink });
  }
  if (planning.kind === "error") return { status: "error", message: planning.message, orderName: planning.orderName };
  if (planning.kind === "nothing") {
    return { status: "nothing_to_sync", reason: planning.reason, orderName: planning.orderName };
  }
  const { order, state, plan, notes: matchNotes } = planning;
  if (!planning.stored) await save(ctx, shipment, plan);
  const pending = plan.groups.filter((g) => g.fulfillmentId === null);
  if (pending.length > 0 && state.cancelledAt && pending.every((g) => g.attempt === null)) {
    return {
      status: "error",
      message: `The Shopify order ${state.name} was cancelled; nothing more was fulfilled.`,
      orderName: order.name,
    };
  }
  if (pending.length > 0 && !(await ctx.writesAllowed())) {
    return { status: "paused", message: pausedMessage(plan), orderName: order.name };
  }
  // Every write asks the switch again, except the first one right after the check above.
  let justChecked = true;
  const mayWrite = async () => {
    if (justChecked) {
      justChecked = false;
      return true;
    }
    return ctx.writesAllowed();
  };

  const claimed = await fulfillmentIdsOfOtherShipments(ctx.db, {
    shopId: ctx.shopId,
    orderId: order.id,
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
      if (requestStatus.get(id) !== "SUBMITTED") continue;
      if (!(await mayWrite())) return { status: "paused", message: pausedMessage(plan), orderName: order.name };
      await acceptRequest(ctx.admin, id);
    }
    if (!(await mayWrite())) return { status: "paused", message: pausedMessage(plan), orderName: order.name };
    group.attempt = { startedAt: ctx.now().toISOString(), knownFulfillmentIds: fulfillments.map((f) => f.id) };
    await save(ctx, shipment, plan);
    group.fulfillmentId = await createFulfillment(ctx, shipment, group, async () => {
      group.attempt = null;
      await save(ctx, shipment, plan);
    });
    await save(ctx, shipment, plan);
  }
  return {
    status: "synced",
    orderId: order.id,
    orderName: order.name,
    fulfillmentIds: idsOf(plan),
    notes: [...matchNotes, ...plan.notes],
  };
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

function pausedMessage(plan: FulfillmentPlan): string {
  return idsOf(plan).length === 0 ? WRITES_OFF : WRITES_OFF_MIDWAY;
}
