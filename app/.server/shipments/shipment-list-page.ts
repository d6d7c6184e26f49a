import { z } from "zod";

import { getDb } from "../db.ts";
import { countOf } from "../format/format.ts";
import { countShipmentsByStatus, listShipments, shipmentStatuses } from "../queries/shipments.ts";
import { shipmentContentSchema } from "../tasks/shipments-sync/shipment-records.ts";

export const SHIPMENTS_PAGE_SIZE = 50;

export const shipmentListQuerySchema = z.object({
  status: z.enum(shipmentStatuses).catch("unprocessed"),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
  /** One shipment by its ERP number (where a run's record links to). */
  shipment: z.string().min(1).max(100).optional().catch(undefined),
});

export type ShipmentListQuery = z.infer<typeof shipmentListQuerySchema>;

export function parseShipmentListQuery(url: URL): ShipmentListQuery {
  return shipmentListQuerySchema.parse(Object.fromEntries(url.searchParams));
}

/** The shipments list: one page of a status tab, the tabs' counts, and whether a next page exists. */
export async function loadShipmentListPage(shopId: number, query: ShipmentListQuery) {
  const db = getDb();
  const [rows, counts] = await Promise.all([
    listShipments(db, {
      shopId,
      status: query.status,
      erpShipmentNo: query.shipment,
      limit: SHIPMENTS_PAGE_SIZE + 1,
      offset: query.page * SHIPMENTS_PAGE_SIZE,
    }),
    countShipmentsByStatus(db, shopId),
  ]);
  return {
    query,
    counts,
    hasNext: rows.length > SHIPMENTS_PAGE_SIZE,
    rows: rows.slice(0, SHIPMENTS_PAGE_SIZE).map((row) => {
      const content = shipmentContentSchema.safeParse(row.content);
      const items = content.success ? content.data.lines.filter((l) => l.lineType.toLowerCase() === "item") : [];
      return {
        id: row.id,
        erpShipmentNo: row.erpShipmentNo,
        orderName: row.externalDocumentNo ?? "",
        orderId: row.orderId,
        postingDate: row.postingDate ?? "",
        status: row.status,
        lines: items.map((l) => `${l.quantity} × ${l.number}`).join(", "),
        tracking: content.success ? (content.data.tracking?.trackingNumber ?? "") : "",
        message: row.errorMessage ?? row.reason ?? "",
        fulfillments: row.fulfillmentIds.length > 0 ? countOf(row.fulfillmentIds.length, "fulfillment") : "",
        attempts: row.attempts,
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  };
}
