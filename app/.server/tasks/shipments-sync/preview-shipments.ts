import type { ErpAdapter } from "../../adapters/erp/port.ts";
import { listShipmentsToSync, storedShipmentNumbers } from "../../queries/shipments.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { describePlannedFulfillment } from "./describe-planned-fulfillment.ts";
import { ERP_SHIPMENTS_STREAM, pullErpShipments } from "./pull-erp-shipments.ts";
import { type PlanContext, readShipmentPlan, type ShipmentToPlan } from "./read-shipment-plan.ts";
import { shipmentContentSchema } from "./shipment-records.ts";
import type { SyncShipmentsResult } from "./sync-shipments.ts";
import { trackingFor } from "./tracking.ts";

/**
 * "Preview" of Sync shipments: what a run would do now, written nowhere but the run's records.
 * It pulls the ERP's posted shipments since the cursor (read, not stored, the cursor left where
 * it is), matches each to its order, reads the order's fulfillment orders and plans, for the
 * shipments already waiting and for the new ones alike; each gets a `planned` record saying what
 * it would fulfil, or why it would not. Nothing is sent to Shopify or the ERP, no row changes.
 */
export async function previewShipments(
  ctx: RunContext,
  adapter: ErpAdapter,
  options: { limit: number },
): Promise<SyncShipmentsResult> {
  const waiting = await listShipmentsToSync(ctx.db, { shopId: ctx.shopId, limit: options.limit });
  const pull = await pullErpShipments(ctx.db, adapter, ctx.shopId, {
    cursor: ctx.cursor(ERP_SHIPMENTS_STREAM),
    preview: { keep: options.limit },
  });
  const held = await storedShipmentNumbers(ctx.db, {
    shopId: ctx.shopId,
    erpShipmentNos: pull.found.map((s) => s.erpShipmentNo),
  });
  // A shipment pulled again (the adapter's overlap) that we hold is described once, as stored.
  const fresh = pull.found.filter((s) => !held.has(s.erpShipmentNo));
  const items: Array<{ id: number | null; erpShipmentNo: string; shipment: ShipmentToPlan }> = [
    ...waiting.map((row) => ({ id: row.id, erpShipmentNo: row.erpShipmentNo, shipment: row })),
    ...fresh.map((s) => ({
      id: null,
      erpShipmentNo: s.erpShipmentNo,
      shipment: {
        plan: null,
        orderId: null,
        externalDocumentNo: s.externalDocumentNo,
        erpOrderNo: s.erpOrderNo,
        content: s.content,
      },
    })),
  ].slice(0, options.limit);

  ctx.progress({ done: 0, total: items.length });
  if (items.length > 0) {
    const plan: PlanContext = { db: ctx.db, admin: await ctx.shopify(), settings: ctx.settings, shopId: ctx.shopId };
    let done = 0;
    for (const item of items) {
      const { orderName, reason } = await describe(plan, item.shipment);
      ctx.record({
        type: "shipment",
        key: item.id ?? item.erpShipmentNo,
        label: `Shipment ${item.erpShipmentNo}${orderName ? ` → ${orderName}` : ""}${item.id === null ? " (new in the ERP)" : ""}`,
        outcome: "planned",
        reason,
      });
      ctx.progress({ done: ++done });
    }
  }
  return {
    pulled: pull.pulled,
    stored: fresh.length,
    handled: items.length,
    continued: pull.hasMore || waiting.length + fresh.length > options.limit,
  };
}

async function describe(
  ctx: PlanContext,
  shipment: ShipmentToPlan,
): Promise<{ orderName: string | null; reason: string }> {
  const planning = await readShipmentPlan(ctx, shipment);
  switch (planning.kind) {
    case "error":
      return { orderName: planning.orderName, reason: `would stop with an error: ${planning.message}` };
    case "nothing":
      return { orderName: planning.orderName, reason: `would fulfil nothing: ${planning.reason}` };
    case "plan": {
      const content = shipmentContentSchema.parse(shipment.content);
      const reason = describePlannedFulfillment({
        orderName: planning.order.name,
        plan: planning.plan,
        tracking: trackingFor(content.tracking, ctx.settings.shipments.carriers),
        cancelledAt: planning.state.cancelledAt,
        notes: planning.notes,
      });
      return { orderName: planning.order.name, reason };
    }
  }
}
