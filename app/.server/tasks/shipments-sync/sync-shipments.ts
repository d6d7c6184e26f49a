import { isShopifyApiError } from "../../adapters/shopify/errors.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  listShipmentsToSync,
  recordSkippedShipment,
  resolveSkippedShipment,
  settleShipment,
  type ShipmentRow,
} from "../../queries/shipments.ts";
import { getShopSettings } from "../../queries/shops.ts";
import type { RecordResult, RunContext } from "../../runs/define-task.ts";
import { type FulfillContext, FulfillmentRejectedError, fulfillShipment } from "./fulfill-shipment.ts";
import { previewShipments } from "./preview-shipments.ts";
import { ERP_SHIPMENTS_STREAM, pullErpShipments } from "./pull-erp-shipments.ts";

/** Shipments fulfilled per run; a bigger backlog continues in a follow-up run. */
export const SHIPMENTS_PER_RUN = 100;
/** A shipment that keeps failing for passing reasons is shown as an error after this many runs. */
export const MAX_TRANSIENT_ATTEMPTS = 10;

export interface SyncShipmentsResult {
  pulled: number;
  /** New shipments of the shop's orders (a preview: that a run would store). */
  stored: number;
  /** Shipments this run took (fulfilled, settled or left waiting; a preview: described). */
  handled: number;
  /** Work is left over: the task queues its continuation. */
  continued: boolean;
}

/**
 * "Sync shipments to Shopify" (BC report 30109): pull the ERP's new posted shipments of Shopify
 * orders, then turn each waiting one into fulfillments. Every shipment ends synced, nothing to
 * sync or error, each with its reason and a record on the run; a transient failure leaves it
 * waiting for the next run. A preview pulls and plans the same way and writes nothing.
 */
export async function syncShipments(ctx: RunContext): Promise<SyncShipmentsResult> {
  const adapter = await ctx.erp();
  if (ctx.dryRun) return previewShipments(ctx, adapter, { limit: SHIPMENTS_PER_RUN });

  const pull = await pullErpShipments(ctx.db, adapter, ctx.shopId, { cursor: ctx.cursor(ERP_SHIPMENTS_STREAM) });
  const waiting = await listShipmentsToSync(ctx.db, { shopId: ctx.shopId, limit: SHIPMENTS_PER_RUN });
  ctx.progress({ done: 0, total: waiting.length });
  if (waiting.length > 0) {
    const fulfill: FulfillContext = {
      db: ctx.db,
      admin: await ctx.shopify(),
      settings: ctx.settings,
      shopId: ctx.shopId,
      now: () => ctx.clock.now(),
      // The run's switch, and the setting read afresh before every write: a merchant who turns
      // writes off stops a run already under way, not only the next one.
      writesAllowed: async () => ctx.writesAllowed && (await getShopSettings(ctx.db, ctx.shopId)).allowOutgoingWrites,
    };
    let done = 0;
    for (const shipment of waiting) {
      ctx.record(await syncOne(fulfill, shipment));
      ctx.progress({ done: ++done });
    }
  }
  const continued = pull.hasMore || waiting.length === SHIPMENTS_PER_RUN;
  return { pulled: pull.pulled, stored: pull.stored, handled: waiting.length, continued };
}

/** "Shipment S-SHP102033 → #1001": what the run page lists, keyed by our row so it links to it. */
export function shipmentRecord(
  shipment: { id: number | null; erpShipmentNo: string },
  orderName: string | null,
  result: Pick<RecordResult, "outcome" | "reason">,
): RecordResult {
  return {
    type: "shipment",
    key: shipment.id ?? shipment.erpShipmentNo,
    label: `Shipment ${shipment.erpShipmentNo}${orderName ? ` → ${orderName}` : ""}`,
    ...result,
  };
}

async function syncOne(ctx: FulfillContext, shipment: ShipmentRow): Promise<RecordResult> {
  const base = { shopId: ctx.shopId, shipmentId: shipment.id };
  let orderName: string | null = null;
  const done = (outcome: RecordResult["outcome"], reason: string | null) =>
    shipmentRecord(shipment, orderName, { outcome, ...(reason ? { reason } : {}) });
  try {
    const outcome = await fulfillShipment(ctx, shipment);
    orderName = outcome.orderName;
    if (outcome.status === "paused") {
      // The kill switch: the shipment waits as it is, and the skipped records tile says why.
      await settleShipment(ctx.db, { ...base, status: "unprocessed", errorMessage: outcome.message });
      await recordSkippedShipment(ctx.db, {
        shopId: ctx.shopId,
        erpShipmentNo: shipment.erpShipmentNo,
        reason: outcome.message,
      });
      return done("skipped", outcome.message);
    }
    await resolveSkippedShipment(ctx.db, { shopId: ctx.shopId, erpShipmentNo: shipment.erpShipmentNo });
    switch (outcome.status) {
      case "synced": {
        const reason = outcome.notes.join(" ") || null;
        await settleShipment(ctx.db, { ...base, status: "synced", reason });
        const count = outcome.fulfillmentIds.length;
        await addOrderEvent(ctx.db, {
          shopId: ctx.shopId,
          orderId: outcome.orderId,
          kind: "fulfilled",
          message: `ERP shipment ${shipment.erpShipmentNo} fulfilled in Shopify (${count} fulfillment${count === 1 ? "" : "s"}).${reason ? ` ${reason}` : ""}`,
        });
        return done("created", reason);
      }
      case "nothing_to_sync":
        await settleShipment(ctx.db, { ...base, status: "nothing_to_sync", reason: outcome.reason });
        return done("unchanged", outcome.reason);
      case "error":
        await settleShipment(ctx.db, { ...base, status: "error", errorMessage: outcome.message });
        return done("failed", outcome.message);
    }
  } catch (caught) {
    const { message } = coerceError(caught);
    if (caught instanceof FulfillmentRejectedError) {
      await settleShipment(ctx.db, { ...base, status: "error", errorMessage: message });
      return done("failed", message);
    }
    const transient = isShopifyApiError(caught) && caught.retryable;
    if (transient && shipment.attempts + 1 < MAX_TRANSIENT_ATTEMPTS) {
      const note = `Shopify did not answer (${message}); the next run tries again.`;
      await settleShipment(ctx.db, { ...base, status: "unprocessed", errorMessage: note });
      return done("skipped", note);
    }
    await settleShipment(ctx.db, { ...base, status: "error", errorMessage: message });
    return done("failed", message);
  }
}
