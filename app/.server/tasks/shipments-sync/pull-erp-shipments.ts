import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { DbOrTx } from "../../db.ts";
import { findOrderCandidatesForShipment, upsertPulledShipment } from "../../queries/shipments.ts";
import { getSyncCursor, saveSyncCursor } from "../../queries/sync-cursors.ts";
import { matchShipmentOrder } from "./match-order.ts";

export const ERP_SHIPMENTS_STREAM = "erp-posted-shipments";
const PAGE_SIZE = 200;
/** Pages per run: a first run against years of shipments is spread over several runs. */
const MAX_PAGES = 25;

export interface PullResult {
  pulled: number;
  /** Shipments one of whose keys names an imported order (the others are the ERP's own business). */
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
      const keys = { externalDocumentNo: shipment.externalDocumentNumber, erpOrderNo: shipment.orderNumber };
      const candidates = await findOrderCandidatesForShipment(db, { shopId, ...keys });
      // Neither key names an imported order: the ERP's own business. A shipment whose keys point
      // at different orders is kept without an order, so the sync shows it as an error.
      if (candidates.length === 0) continue;
      const match = matchShipmentOrder(keys, candidates);
      const order = match.kind === "matched" ? match.order : null;
      await upsertPulledShipment(db, {
        shopId,
        erpShipmentNo: shipment.number,
        erpShipmentId: record.id,
        erpOrderNo: shipment.orderNumber,
        externalDocumentNo: shipment.externalDocumentNumber,
        postingDate: shipment.postingDate,
        orderId: order?.id ?? null,
        shopifyOrderId: order?.shopifyOrderId ?? null,
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
