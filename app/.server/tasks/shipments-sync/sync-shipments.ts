import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { isShopifyApiError } from "../../adapters/shopify/errors.ts";
import { type Db, getDb } from "../../db.ts";
import { erpAdapterForShop } from "../../erp/connections.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  listShipmentsToSync,
  recordSkippedShipment,
  resolveSkippedShipment,
  settleShipment,
  type ShipmentRow,
} from "../../queries/shipments.ts";
import { getShopSettings } from "../../queries/shops.ts";
import { shopifyAdminForShopId } from "../../shopify/admin-for-shop-id.ts";
import { type FulfillContext, FulfillmentRejectedError, fulfillShipment } from "./fulfill-shipment.ts";
import { pullErpShipments } from "./pull-erp-shipments.ts";

/** Shipments fulfilled per run; a bigger backlog continues in a follow-up run. */
export const SHIPMENTS_PER_RUN = 100;
/** A shipment that keeps failing for passing reasons is shown as an error after this many runs. */
export const MAX_TRANSIENT_ATTEMPTS = 10;

export interface SyncShipmentsResult {
  skipped?: "no ERP connection";
  pulled: number;
  stored: number;
  outcomes: Array<{ erpShipmentNo: string; status: ShipmentRow["status"]; message: string | null }>;
  /** Work is left over: the task queues its continuation. */
  continued: boolean;
}

/**
 * "Sync shipments to Shopify" (BC report 30109): pull the ERP's new posted shipments of Shopify
 * orders, then turn each waiting one into fulfillments. Every shipment ends synced, nothing to
 * sync or error, each with its reason; a transient failure leaves it waiting for the next run.
 */
export async function syncShipments(
  shopId: number,
  options: {
    trigger?: "schedule" | "manual";
    db?: Db;
    adapter?: ErpAdapter;
    admin?: ShopifyAdmin;
    now?: () => Date;
  } = {},
): Promise<SyncShipmentsResult> {
  const db = options.db ?? getDb();
  const settings = await getShopSettings(db, shopId);
  const empty = { pulled: 0, stored: 0, outcomes: [], continued: false };
  const adapter = options.adapter ?? (await erpAdapterForShop(shopId));
  if (!adapter) return { skipped: "no ERP connection", ...empty };

  const pull = await pullErpShipments(db, adapter, shopId);
  const waiting = await listShipmentsToSync(db, { shopId, limit: SHIPMENTS_PER_RUN });
  const outcomes: SyncShipmentsResult["outcomes"] = [];
  if (waiting.length > 0) {
    const admin = options.admin ?? (await shopifyAdminForShopId(shopId));
    const ctx: FulfillContext = {
      db,
      admin,
      settings,
      shopId,
      now: options.now ?? (() => new Date()),
      // Read afresh before every write, not once per run (settings above are the run's snapshot).
      writesAllowed: async () => (await getShopSettings(db, shopId)).allowOutgoingWrites,
    };
    for (const shipment of waiting) outcomes.push(await syncOne(ctx, shipment));
  }
  const continued = pull.hasMore || waiting.length === SHIPMENTS_PER_RUN;
  return { pulled: pull.pulled, stored: pull.stored, outcomes, continued };
}

async function syncOne(ctx: FulfillContext, shipment: ShipmentRow): Promise<SyncShipmentsResult["outcomes"][number]> {
  const base = { shopId: ctx.shopId, shipmentId: shipment.id };
  const done = (status: ShipmentRow["status"], message: string | null) => ({
    erpShipmentNo: shipment.erpShipmentNo,
    status,
    message,
  });
  try {
    const outcome = await fulfillShipment(ctx, shipment);
    if (outcome.status === "paused") {
      // The kill switch: the shipment waits as it is, and the skipped records tile says why.
      await settleShipment(ctx.db, { ...base, status: "unprocessed", errorMessage: outcome.message });
      await recordSkippedShipment(ctx.db, {
        shopId: ctx.shopId,
        erpShipmentNo: shipment.erpShipmentNo,
        reason: outcome.message,
      });
      return done("unprocessed", outcome.message);
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
        return done("synced", reason);
      }
      case "nothing_to_sync":
        await settleShipment(ctx.db, { ...base, status: "nothing_to_sync", reason: outcome.reason });
        return done("nothing_to_sync", outcome.reason);
      case "error":
        await settleShipment(ctx.db, { ...base, status: "error", errorMessage: outcome.message });
        return done("error", outcome.message);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof FulfillmentRejectedError) {
      await settleShipment(ctx.db, { ...base, status: "error", errorMessage: message });
      return done("error", message);
    }
    const transient = isShopifyApiError(error) && error.retryable;
    if (transient && shipment.attempts + 1 < MAX_TRANSIENT_ATTEMPTS) {
      const note = `Shopify did not answer (${message}); the next run tries again.`;
      await settleShipment(ctx.db, { ...base, status: "unprocessed", errorMessage: note });
      return done("unprocessed", note);
    }
    await settleShipment(ctx.db, { ...base, status: "error", errorMessage: message });
    return done("error", message);
  }
}
