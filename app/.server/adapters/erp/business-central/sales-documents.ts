import { z } from "zod";

import { ErpError, isErpError } from "../errors.ts";
import type {
  ErpLimits,
  FoundSalesDocument,
  SalesDocumentInput,
  SalesDocumentLineInput,
  SalesDocumentWriteResult,
} from "../port.ts";
import type { ErpAddress, SalesDocumentType } from "../types.ts";
import { type BcContext, entityUrl, keySegment } from "./context.ts";
import { customerId, itemId, itemVariantId, locationId } from "./lookups.ts";
import { buildQuery, eq } from "./odata.ts";
import { fromDecimal, parseBc, refPageSchema, refRowSchema } from "./schemas.ts";

/** BC's External Document No. is Code[35]. */
export const EXTERNAL_DOCUMENT_NUMBER_MAX = 35;

/** BC's field sizes: No. is Code[20], External Document No. Code[35], the Sales Header's address fields. */
export const BC_LIMITS: ErpLimits = {
  itemNumberMaxLength: 20,
  externalDocumentNumberMaxLength: EXTERNAL_DOCUMENT_NUMBER_MAX,
  address: { line1: 100, line2: 50, city: 30, state: 30, postalCode: 20, name: 100 },
};

const SETS = { order: "salesOrders", invoice: "salesInvoices" } as const;
const LINE_SETS = { order: "salesOrderLines", invoice: "salesInvoiceLines" } as const;
const LINE_TYPES = { item: "Item", account: "Account", charge: "Charge (Item)", comment: "Comment" } as const;

export function validateExternalDocumentNumber(value: string): void {
  if (value.trim() === "") {
    throw new ErpError({ code: "VALIDATION", message: "externalDocumentNumber is empty" });
  }
  if (value.length > EXTERNAL_DOCUMENT_NUMBER_MAX) {
    // Never cut: two Shopify orders would then share one key and the second would look "done".
    throw new ErpError({
      code: "VALIDATION",
      message: `externalDocumentNumber "${value}" has ${value.length} characters; Business Central keeps at most ${EXTERNAL_DOCUMENT_NUMBER_MAX}`,
    });
  }
}

/**
 * BC does not enforce unique External Document No., and a fully shipped and invoiced order leaves
 * salesOrders, so all three places are searched. The preferred type is looked at first.
 */
export async function findSalesDocument(
  ctx: BcContext,
  externalDocumentNumber: string,
  prefer: SalesDocumentType = "order",
): Promise<FoundSalesDocument | null> {
  validateExternalDocumentNumber(externalDocumentNumber);
  const order: Array<FoundSalesDocument["source"]> =
    prefer === "order"
      ? ["salesOrder", "salesInvoice", "salesShipment"]
      : ["salesInvoice", "salesOrder", "salesShipment"];
  const query = buildQuery({ filter: eq("externalDocumentNumber", externalDocumentNumber), select: ["id", "number"] });
  // In parallel: the throttle keeps us within BC's concurrency, and the common answer is "none".
  const found = await Promise.all(
    order.map(async (source) => {
      const url = `${entityUrl(ctx, `${source}s`)}${query}`;
      const response = await ctx.send({ operation: "findSalesDocument", method: "GET", url, maxPageSize: 10 });
      return { source, rows: parseBc(refPageSchema, response.json, `${source}s`).value };
    }),
  );
  for (const { source, rows } of found) {
    const row = rows[0];
    if (row) return { id: row.id, number: row.number, source };
  }
  return null;
}

export async function createSalesDocument(
  ctx: BcContext,
  input: SalesDocumentInput,
): Promise<SalesDocumentWriteResult> {
  validateExternalDocumentNumber(input.externalDocumentNumber);
  if (input.lines.length === 0) throw new ErpError({ code: "VALIDATION", message: "a sales document needs lines" });
  const existing = await findSalesDocument(ctx, input.externalDocumentNumber, input.type);
  if (existing) return foundResult(ctx, input, existing);

  const body = await documentBody(ctx, input);
  try {
    const response = await ctx.send({
      operation: "createSalesDocument",
      method: "POST",
      url: entityUrl(ctx, SETS[input.type]),
      body,
    });
    const row = parseBc(refRowSchema, response.json, "the created document");
    const ref = { id: row.id, number: row.number };
    return { ref, created: true, lineRefs: await lineRefsOf(ctx, input, row.id) };
  } catch (error) {
    // The POST may have landed before the connection dropped: look before letting the job retry.
    if (isErpError(error) && error.retryable) {
      const landed = await findSalesDocument(ctx, input.externalDocumentNumber, input.type).catch(() => null);
      if (landed) return foundResult(ctx, input, landed);
    }
    throw error;
  }
}

async function foundResult(
  ctx: BcContext,
  input: SalesDocumentInput,
  found: FoundSalesDocument,
): Promise<SalesDocumentWriteResult> {
  const ref = { id: found.id, number: found.number };
  // Only a still-open document of the asked type has the lines we sent; a posted one has other ids.
  const open = found.source === (input.type === "order" ? "salesOrder" : "salesInvoice");
  return { ref, created: false, lineRefs: open ? await lineRefsOf(ctx, input, found.id) : null };
}

const lineNumbersPage = z.object({
  value: z.array(z.object({ sequence: z.number().int() })),
  "@odata.nextLink": z.string().optional(),
});

/**
 * The document's Line No. per line we sent, in our order. BC numbers a deep insert's lines in the
 * order they came (10000, 20000, …), and posting copies each Line No. onto the shipment line as its
 * order line, so the number is the reference shipments name. Read back rather than computed: BC's
 * step is its business, and a found document may have been made by another version of the app. A
 * document whose line count differs from what we sent was edited: null, and shipments match by item.
 */
async function lineRefsOf(ctx: BcContext, input: SalesDocumentInput, documentId: string): Promise<string[] | null> {
  const query = buildQuery({ select: ["sequence"], orderby: ["sequence"] });
  const url = `${entityUrl(ctx, `${SETS[input.type]}${keySegment(documentId)}/${LINE_SETS[input.type]}`)}${query}`;
  const response = await ctx.send({ operation: "createSalesDocument lines", method: "GET", url });
  const page = parseBc(lineNumbersPage, response.json, LINE_SETS[input.type]);
  if (page["@odata.nextLink"] || page.value.length !== input.lines.length) return null;
  return page.value.map((line) => String(line.sequence));
}

async function documentBody(ctx: BcContext, input: SalesDocumentInput): Promise<Record<string, unknown>> {
  const lines = [];
  for (const line of input.lines) lines.push(await lineBody(ctx, line));
  return {
    externalDocumentNumber: input.externalDocumentNumber,
    ...(input.documentNumber ? { number: input.documentNumber } : {}),
    customerId: await customerId(ctx, input.customerNumber),
    ...(input.currencyCode ? { currencyCode: input.currencyCode } : {}),
    pricesIncludeTax: input.pricesIncludeTax,
    [input.type === "order" ? "orderDate" : "invoiceDate"]: input.orderDate,
    ...addressFields("sellTo", input.addresses.sellTo),
    ...addressFields("billTo", input.addresses.billTo),
    ...addressFields("shipTo", input.addresses.shipTo),
    ...(input.addresses.shipTo?.name ? { shipToName: input.addresses.shipTo.name } : {}),
    ...(input.invoiceDiscountAmount === undefined
      ? {}
      : { discountAmount: fromDecimal(input.invoiceDiscountAmount, "invoiceDiscountAmount") }),
    // Deep insert: header and lines in one request, one transaction. No `sequence` (breaks v22).
    [LINE_SETS[input.type]]: lines,
  };
}

export async function lineBody(ctx: BcContext, line: SalesDocumentLineInput): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { lineType: LINE_TYPES[line.type] };
  if (line.description) body.description = line.description;
  if (line.type === "comment") return body;
  if (line.type === "item") {
    body.itemId = await itemId(ctx, line.number);
    if (line.variantCode) body.itemVariantId = await itemVariantId(ctx, line.number, line.variantCode);
  } else {
    body.lineObjectNumber = line.number;
  }
  if (line.locationCode) body.locationId = await locationId(ctx, line.locationCode);
  body.quantity = line.quantity;
  body.unitPrice = fromDecimal(line.unitPrice, "unitPrice");
  if (line.discountAmount !== undefined) body.discountAmount = fromDecimal(line.discountAmount, "discountAmount");
  return body;
}

export function addressFields(prefix: "sellTo" | "billTo" | "shipTo", address: ErpAddress | undefined) {
  if (!address) return {};
  return {
    [`${prefix}AddressLine1`]: address.line1,
    [`${prefix}AddressLine2`]: address.line2,
    [`${prefix}City`]: address.city,
    [`${prefix}State`]: address.state,
    [`${prefix}Country`]: address.countryCode,
    [`${prefix}PostCode`]: address.postalCode,
  };
}

export async function deleteSalesDocument(ctx: BcContext, ref: { type: SalesDocumentType; id: string }) {
  const url = entityUrl(ctx, `${SETS[ref.type]}${keySegment(ref.id)}`);
  try {
    await ctx.send({ operation: "deleteSalesDocument", method: "DELETE", url, ifMatch: "*" });
  } catch (error) {
    // Already gone is what the caller wanted.
    if (isErpError(error) && error.code === "NOT_FOUND") return;
    throw error;
  }
}

/** Orders: ship and invoice (BC has no ship-only action); invoices: post. Never auto-retried. */
export async function postDocument(ctx: BcContext, ref: { type: SalesDocumentType; id: string }) {
  const action = ref.type === "order" ? "Microsoft.NAV.shipAndInvoice" : "Microsoft.NAV.post";
  const url = entityUrl(ctx, `${SETS[ref.type]}${keySegment(ref.id)}/${action}`);
  await ctx.send({ operation: "postDocument", method: "POST", url });
}
