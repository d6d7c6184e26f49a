import { BcError } from "../bc-error.ts";
import type { LineInput } from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import type { SalesLineRow } from "./row-types.ts";
import { allocateInvoiceDiscount, resolveLine } from "./sales-lines.ts";
import { refreshForLines } from "./stock.ts";
import type { Table } from "./table.ts";

/** Sales documents with lines: orders, invoices and credit memos share the line code. */
export type DocKind = "order" | "invoice" | "creditMemo" | "returnOrder";

export interface DocCtx {
  data: CompanyData;
  now: () => number;
}

export function linesTable(data: CompanyData, kind: DocKind): Table<SalesLineRow> {
  if (kind === "order") return data.salesOrderLines;
  if (kind === "returnOrder") return data.salesReturnOrderLines;
  return kind === "invoice" ? data.salesInvoiceLines : data.salesCreditMemoLines;
}

/** The header of a document of `kind`, as the fields line code needs. */
export function headerOf(data: CompanyData, kind: DocKind, id: string): { discountAmount: number } | undefined {
  if (kind === "order") return data.salesOrders.get(id);
  if (kind === "returnOrder") return data.salesReturnOrders.get(id);
  return kind === "invoice" ? data.salesInvoices.get(id) : data.salesCreditMemos.get(id);
}

/** Re-allocates the invoice discount and writes header totals after any header or line change. */
export function recomputeDocument(data: CompanyData, kind: DocKind, documentId: string): void {
  const lines = linesTable(data, kind)
    .filter((l) => l.documentId === documentId)
    .sort((a, b) => a.sequence - b.sequence);
  const header = headerOf(data, kind, documentId);
  if (!header) return;
  const { lines: patches, totals } = allocateInvoiceDiscount(lines, header.discountAmount);
  for (const p of patches) linesTable(data, kind).update(p.id, p.patch);
  const sums = { totalAmountExcludingTax: totals.total, totalTaxAmount: 0, totalAmountIncludingTax: totals.total };
  if (kind === "order") data.salesOrders.update(documentId, sums);
  else if (kind === "creditMemo") data.salesCreditMemos.update(documentId, sums);
  else if (kind === "returnOrder") data.salesReturnOrders.update(documentId, sums);
  else {
    const inv = data.salesInvoices.get(documentId);
    const remaining = inv?.status === "Paid" ? 0 : totals.total;
    data.salesInvoices.update(documentId, { ...sums, remainingAmount: remaining });
  }
}

/** A new return order line is to be received in full. */
export function returnQuantities(kind: DocKind, quantity: number) {
  return kind === "returnOrder" ? { returnQtyToReceive: quantity, returnQtyReceived: 0 } : {};
}

export function addLine(ctx: DocCtx, kind: DocKind, documentId: string, input: LineInput): SalesLineRow {
  const table = linesTable(ctx.data, kind);
  const fields = resolveLine(ctx.data, input, isoDate(ctx.now()));
  const last = Math.max(0, ...table.filter((l) => l.documentId === documentId).map((l) => l.sequence));
  const sequence = input.sequence ?? last + 10000;
  const base = { ...fields, documentId, sequence, ...(input.id ? { id: input.id } : {}) };
  const row =
    kind === "order"
      ? ctx.data.salesOrderLines.insert({
          ...base,
          shippedQuantity: 0,
          invoicedQuantity: 0,
          invoiceQuantity: fields.quantity,
          shipQuantity: fields.quantity,
        })
      : linesTable(ctx.data, kind).insert({ ...base, ...returnQuantities(kind, fields.quantity) });
  if (kind === "order") {
    refreshFullyShipped(ctx.data, documentId);
    refreshForLines(ctx.data, [row]);
  }
  recomputeDocument(ctx.data, kind, documentId);
  return row;
}

/** PATCH a line: quantities, prices, discounts, descriptions, variant and location; re-validated as one. */
export function patchLine(ctx: DocCtx, kind: DocKind, line: SalesLineRow, input: LineInput): void {
  if (input.lineType !== undefined && input.lineType !== line.lineType) {
    throw new BcError(400, "Application_DialogException", "You cannot change the line type of an existing line.");
  }
  const merged: LineInput = {
    lineType: line.lineType,
    itemId: line.itemId,
    lineObjectNumber: line.lineObjectNumber,
    itemVariantId: line.itemVariantId,
    locationId: line.locationId,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    description: line.description,
    ...(input.discountAmount === undefined && input.discountPercent === undefined
      ? { discountPercent: line.discountPercent }
      : {}),
    ...definedOnly(input),
  };
  if (merged.lineType !== "Item") delete merged.itemId;
  const fields = resolveLine(ctx.data, merged, line.shipmentDate);
  const table = linesTable(ctx.data, kind);
  table.update(line.id, fields);
  if (kind === "returnOrder") {
    const received = ctx.data.salesReturnOrderLines.get(line.id)?.returnQtyReceived ?? 0;
    ctx.data.salesReturnOrderLines.update(line.id, { returnQtyToReceive: fields.quantity - received });
  }
  if (kind === "order") {
    const shipped = ctx.data.salesOrderLines.get(line.id)?.shippedQuantity ?? 0;
    ctx.data.salesOrderLines.update(line.id, {
      shipQuantity: fields.quantity - shipped,
      invoiceQuantity: fields.quantity,
    });
    refreshFullyShipped(ctx.data, line.documentId);
    // The line may have moved to another item, variant or location: both places' demand changed.
    refreshForLines(ctx.data, [line, fields]);
  }
  recomputeDocument(ctx.data, kind, line.documentId);
}

export function deleteLine(ctx: DocCtx, kind: DocKind, line: SalesLineRow): void {
  linesTable(ctx.data, kind).delete(line.id);
  if (kind === "order") {
    refreshFullyShipped(ctx.data, line.documentId);
    refreshForLines(ctx.data, [line]);
  }
  recomputeDocument(ctx.data, kind, line.documentId);
}

export function deleteDocument(data: CompanyData, kind: DocKind, documentId: string): void {
  const lines = linesTable(data, kind).filter((x) => x.documentId === documentId);
  for (const l of lines) linesTable(data, kind).delete(l.id);
  if (kind === "order") {
    data.salesOrders.delete(documentId);
    refreshForLines(data, lines);
  } else if (kind === "invoice") data.salesInvoices.delete(documentId);
  else if (kind === "returnOrder") data.salesReturnOrders.delete(documentId);
  else data.salesCreditMemos.delete(documentId);
}

/** fullyShipped: every item line's quantity has been shipped (true for an order without item lines). */
export function refreshFullyShipped(data: CompanyData, orderId: string): void {
  const lines = data.salesOrderLines.filter((l) => l.documentId === orderId && l.lineType === "Item");
  const fullyShipped = lines.every((l) => l.shippedQuantity >= l.quantity);
  if (data.salesOrders.get(orderId)?.fullyShipped !== fullyShipped) data.salesOrders.update(orderId, { fullyShipped });
}
