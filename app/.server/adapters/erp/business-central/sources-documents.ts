import { z } from "zod";

import type { PulledRecord } from "../port.ts";
import type { ErpPostedShipment, ErpSalesDocument, ErpTracking } from "../types.ts";
import { type BcContext, customUrl, entityUrl } from "./context.ts";
import { anyGuid, buildQuery, ne } from "./odata.ts";
import { pullSource } from "./pull-source.ts";
import { date, num, pageSchema, parseBc, rowBase, text, toDecimal } from "./schemas.ts";

const documentSelect = [
  "id",
  "number",
  "externalDocumentNumber",
  "customerNumber",
  "currencyCode",
  "status",
  "totalAmountIncludingTax",
  "lastModifiedDateTime",
];
const documentRow = z.object({
  ...rowBase,
  number: z.string(),
  externalDocumentNumber: text,
  customerNumber: text,
  currencyCode: text,
  status: text,
  totalAmountIncludingTax: num,
});
type DocumentRow = z.infer<typeof documentRow>;

function salesDocument(type: ErpSalesDocument["type"], row: DocumentRow): ErpSalesDocument {
  return {
    type,
    number: row.number,
    externalDocumentNumber: row.externalDocumentNumber,
    customerNumber: row.customerNumber,
    currencyCode: row.currencyCode,
    status: row.status,
    // Invoices stay in salesInvoices after posting with status Open/Paid/…; only Draft is unposted.
    posted: type === "invoice" && row.status !== "" && row.status !== "Draft",
    totalAmountIncludingTax: toDecimal(row.totalAmountIncludingTax),
  };
}

/** Documents that came from Shopify are the ones carrying its order number. */
const fromShopify = ne("externalDocumentNumber", "");

export const salesOrdersSource = pullSource({
  name: "salesOrders",
  url: (ctx) => entityUrl(ctx, "salesOrders"),
  select: documentSelect,
  filter: fromShopify,
  row: documentRow,
  map: (row) => salesDocument("order", row),
});

export const salesInvoicesSource = pullSource({
  name: "salesInvoices",
  url: (ctx) => entityUrl(ctx, "salesInvoices"),
  select: documentSelect,
  filter: fromShopify,
  row: documentRow,
  map: (row) => salesDocument("invoice", row),
});

const shipmentLineRow = z.object({
  sequence: z.number().int(),
  lineType: text,
  lineObjectNumber: text,
  description: text,
  quantity: num,
});

const trackingRow = z.object({
  id: z.string(),
  shippingAgentCode: text,
  shippingAgentServiceCode: text,
  packageTrackingNumber: text,
});
const trackingPage = pageSchema(trackingRow);

/** Ids per tracking request: keeps the `or` filter well inside URL length limits. */
const TRACKING_CHUNK = 25;

export const postedShipmentsSource = pullSource({
  name: "salesShipments",
  url: (ctx) => entityUrl(ctx, "salesShipments"),
  select: [
    "id",
    "number",
    "externalDocumentNumber",
    "orderNumber",
    "postingDate",
    "customerNumber",
    "lastModifiedDateTime",
  ],
  // Lines ride along in the same request instead of one call per shipment.
  expand: "salesShipmentLines",
  row: z.object({
    ...rowBase,
    number: z.string(),
    externalDocumentNumber: text,
    orderNumber: text,
    postingDate: date,
    customerNumber: text,
    salesShipmentLines: z.array(shipmentLineRow).nullish(),
  }),
  map: (row): ErpPostedShipment => ({
    number: row.number,
    orderNumber: row.orderNumber,
    externalDocumentNumber: row.externalDocumentNumber,
    postingDate: row.postingDate ?? "",
    customerNumber: row.customerNumber,
    tracking: null,
    lines: (row.salesShipmentLines ?? []).map((line) => ({
      sequence: line.sequence,
      // API v2.0 has no Order Line No.; posting a sales order copies each line's Line No. onto its
      // shipment line (Sales-Post: InitFromSalesLine), so the shipment line's number is the order
      // line's, the reference `createSalesDocument` returned for it.
      orderLineRef: String(line.sequence),
      lineType: line.lineType,
      number: line.lineObjectNumber,
      description: line.description,
      quantity: line.quantity,
    })),
  }),
  enrich: addTracking,
});

/** v2.0 salesShipments lack agent and tracking number; the companion page has them, keyed by the same id. */
async function addTracking(
  ctx: BcContext,
  records: Array<PulledRecord<ErpPostedShipment>>,
): Promise<Array<PulledRecord<ErpPostedShipment>>> {
  if (!(await ctx.capabilities()).trackingNumbers) return records;
  const base = customUrl(ctx, ctx.config.customApis.shipmentTrackings);
  if (base === null) return records;
  const byId = new Map<string, ErpTracking>();
  for (let i = 0; i < records.length; i += TRACKING_CHUNK) {
    const ids = records.slice(i, i + TRACKING_CHUNK).map((r) => r.id);
    const query = buildQuery({
      filter: anyGuid("id", ids),
      select: ["id", "shippingAgentCode", "shippingAgentServiceCode", "packageTrackingNumber"],
    });
    const response = await ctx.send({
      operation: "pull postedShipments tracking",
      method: "GET",
      url: `${base}${query}`,
    });
    for (const row of parseBc(trackingPage, response.json, "shipment trackings").value) {
      if (row.packageTrackingNumber || row.shippingAgentCode) {
        byId.set(row.id, {
          shippingAgentCode: row.shippingAgentCode,
          shippingAgentServiceCode: row.shippingAgentServiceCode,
          trackingNumber: row.packageTrackingNumber,
        });
      }
    }
  }
  return records.map((r) => ({ ...r, data: { ...r.data, tracking: byId.get(r.id) ?? null } }));
}
