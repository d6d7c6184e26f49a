import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { DbOrTx } from "../../db.ts";
import { findOrderCandidatesForShipment, upsertPulledShipment } from "../../queries/shipments.ts";
import type { RunCursor } from "../../runs/define-task.ts";
import { matchShipmentOrder } from "./match-order.ts";
import type { ShipmentContent } from "./shipment-records.ts";

export const ERP_SHIPMENTS_STREAM = "erp-posted-shipments";
const PAGE_SIZE = 200;
/** Pages per run: a first run against years of shipments is spread over several runs. */
const MAX_PAGES = 25;

/** A pulled shipment of one of the shop's orders, as a preview describes it without storing it. */
export interface PulledShipment {
  erpShipmentNo: string;
  erpOrderNo: string;
  externalDocumentNo: string;
  content: ShipmentContent;
}

export interface PullResult {
  pulled: number;
  /** Shipments one of whose keys names an imported order (the others are the ERP's own business). */
  stored: number;
  hasMore: boolean;
  /** Preview only: the shipments a run would store, at most `keep` of them. */
  found: PulledShipment[];
}

/**
 * Pages the ERP's posted shipments since the shop's cursor and keeps those that belong to an
 * imported Shopify order (BC: Sales Shipment Headers with a Shopify order id). The cursor is
 * checkpointed after each page is stored, so a run that stops resumes where it left off; a
 * shipment pulled again (the adapter's overlap) is not stored twice. A preview reads the same
 * pages and returns what it would store, storing nothing and leaving the cursor where it was.
 */
export async function pullErpShipments(
  db: DbOrTx,
  adapter: ErpAdapter,
  shopId: number,
  options: { cursor: RunCursor; pageSize?: number; preview?: { keep: number } },
): Promise<PullResult> {
  let cursor = (await options.cursor.read()) ?? null;
  const preview = options.preview;
  const found: PulledShipment[] = [];
  let pulled = 0;
  let stored = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await adapter.pull("postedShipments", { cursor, pageSize: options.pageSize ?? PAGE_SIZE });
    for (const record of result.records) {
      pulled += 1;
      const shipment = record.data;
      const keys = { externalDocumentNo: shipment.externalDocumentNumber, erpOrderNo: shipment.orderNumber };
      const candidates = await findOrderCandidatesForShipment(db, { shopId, ...keys });
      // Neither key names an imported order: the ERP's own business. A shipment whose keys point
      // at different orders is kept without an order, so the sync shows it as an error.
      if (candidates.length === 0) continue;
      stored += 1;
      const content = { lines: shipment.lines, tracking: shipment.tracking };
      if (preview) {
        if (found.length < preview.keep) found.push({ erpShipmentNo: shipment.number, ...keys, content });
        continue;
      }
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
        content,
      });
    }
    if (!preview) await options.cursor.checkpoint(result.cursor);
    cursor = result.cursor;
    if (!result.hasMore) return { pulled, stored, hasMore: false, found };
  }
  return { pulled, stored, hasMore: true, found };
}
