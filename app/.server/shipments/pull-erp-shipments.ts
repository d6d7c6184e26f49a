import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { DbOrTx } from "../db.ts";
import { findOrderForShipment, upsertPulledShipment } from "../queries/shipments.ts";
import { getSyncCursor, saveSyncCursor } from "../queries/sync-cursors.ts";

export const ERP_SHIPMENTS_STREAM = "erp-posted-shipments";
const PAGE_SIZE = 200;
/** Pages per run: a first run against years of shipments is spread over several runs. */
const MAX_PAGES = 25;

export interface PullResult {
  pulled: number;
  /** Shipments of orders the app imported (the others are the ERP's own business). */
  stored: number;
  hasMore: boolean;
}

/**
 * Pages the ERP's posted shipments since the shop's cursor and keeps those that belong to an
 * imported Shopify order (BC: Sales Shipment Headers with a Shopify order id). The cursor is
 * saved after each page is stored, so a run that stops resumes where it left off; a shipment
 * pulled again (the adapter's overlap) is not stored twice.
 */
export async function pullErpShipments(
  db: DbOrTx,
  adapter: ErpAdapter,
  shopId: number,
  pageSize = PAGE_SIZE,
): Promise<PullResult> {
  let cursor = (await getSyncCursor(db, { shopId, stream: ERP_SHIPMENTS_STREAM })) ?? null;
  let pulled = 0;
  let stored = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await adapter.pull("postedShipments", { cursor, pageSize });
    for (const record of result.records) {
      pulled += 1;
      const shipment = record.data;
      const order = await findOrderForShipment(db, {
        shopId,
        externalDocumentNo: shipment.externalDocumentNumber,
        erpOrderNo: shipment.orderNumber,
      });
      if (!order) continue;
      await upsertPulledShipment(db, {
        shopId,
        erpShipmentNo: shipment.number,
        erpShipmentId: record.id,
        erpOrderNo: shipment.orderNumber,
        externalDocumentNo: shipment.externalDocumentNumber,
        postingDate: shipment.postingDate,
        orderId: order.id,
        shopifyOrderId: order.shopifyOrderId,
        content: { lines: shipment.lines, tracking: shipment.tracking },
      });
      stored += 1;
    }
    await saveSyncCursor(db, { shopId, stream: ERP_SHIPMENTS_STREAM, cursor: result.cursor });
    cursor = result.cursor;
    if (!result.hasMore) return { pulled, stored, hasMore: false };
  }
  return { pulled, stored, hasMore: true };
}
