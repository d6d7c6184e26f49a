import { BcError } from "../bc-error.ts";
import type { CompanyData } from "./company-data.ts";
import { isoDate, round2 } from "./defaults.ts";
import { postSalesDocumentLedgers } from "./gl-posting.ts";
import { dueDateOf } from "./payment-terms.ts";
import type { SalesOrderRow, SalesShipmentRow } from "./row-types.ts";
import { deleteDocument, recomputeDocument, refreshFullyShipped } from "./sales-document-lines.ts";
import { lineAmounts } from "./sales-lines.ts";
import { keyOfLine, postItemLedgerEntry } from "./stock.ts";

export interface ShipmentOptions {
  /** Per order line id; default: everything not shipped yet. */
  lines?: { lineId: string; quantity: number }[];
  packageTrackingNumber?: string;
  shippingAgentCode?: string;
  shippingAgentServiceCode?: string;
}

function nothingToPost(): BcError {
  return new BcError(400, "Application_DialogException", "There is nothing to post.");
}

function requireOrder(data: CompanyData, orderId: string): SalesOrderRow {
  const order = data.salesOrders.get(orderId);
  if (!order) {
    throw new BcError(
      404,
      "Internal_RecordNotFound",
      `The Sales Header does not exist. Identification fields and values: SystemId='${orderId}'`,
    );
  }
  return order;
}

/** Posts a sales shipment for an order, as a warehouse ship would; the order stays until invoiced. */
export function postShipment(
  data: CompanyData,
  now: () => number,
  orderId: string,
  options: ShipmentOptions = {},
): SalesShipmentRow {
  const order = requireOrder(data, orderId);
  const lines = data.salesOrderLines.filter((l) => l.documentId === order.id).sort((a, b) => a.sequence - b.sequence);
  const wanted = new Map(options.lines?.map((l) => [l.lineId.toLowerCase(), l.quantity]));
  const toShip = lines
    .filter((l) => l.lineType === "Item")
    .map((l) => {
      const remaining = l.quantity - l.shippedQuantity;
      const qty = options.lines ? Math.min(wanted.get(l.id) ?? 0, remaining) : remaining;
      return { line: l, qty };
    })
    .filter((x) => x.qty > 0);
  if (toShip.length === 0) throw nothingToPost();
  const today = isoDate(now());
  const { customerId: _c, billToCustomerId: _b, ...addresses } = pickAddresses(order);
  const shipment = data.salesShipments.insert({
    number: data.series.take("salesShipment"),
    externalDocumentNumber: order.externalDocumentNumber,
    documentDate: today,
    postingDate: today,
    orderNumber: order.number,
    currencyCode: order.currencyCode,
    pricesIncludeTax: order.pricesIncludeTax,
    shipmentMethodCode: order.shipmentMethodCode,
    paymentTermsCode: order.paymentTermsCode,
    ...addresses,
  });
  for (const { line, qty } of toShip) {
    data.salesShipmentLines.insert({
      documentId: shipment.id,
      documentNo: shipment.number,
      sequence: line.sequence,
      lineType: line.lineType,
      lineObjectNumber: line.lineObjectNumber,
      description: line.description,
      unitOfMeasureCode: line.unitOfMeasureCode,
      unitPrice: line.unitPrice,
      quantity: qty,
      discountPercent: line.discountPercent,
      taxPercent: 0,
      shipmentDate: today,
    });
    const shipped = line.shippedQuantity + qty;
    // Outstanding first, then the entry: its refresh sees both, so projectedAvailableBalance holds.
    data.salesOrderLines.update(line.id, { shippedQuantity: shipped, shipQuantity: line.quantity - shipped });
    const item = data.items.get(line.itemId);
    if (item?.type === "Inventory") {
      postItemLedgerEntry(data, {
        ...keyOfLine(data, line),
        entryType: "Sale",
        documentNumber: shipment.number,
        documentType: "Sales Shipment",
        sourceNumber: order.customerNumber,
        sourceType: "Customer",
        description: line.description,
        quantity: -qty,
        postingDate: today,
      });
    }
  }
  data.shipmentTrackings.insert({
    id: shipment.id,
    shipmentNumber: shipment.number,
    orderNumber: order.number,
    externalDocumentNumber: order.externalDocumentNumber,
    shippingAgentCode: options.shippingAgentCode ?? "",
    shippingAgentServiceCode: options.shippingAgentServiceCode ?? "",
    packageTrackingNumber: options.packageTrackingNumber ?? "",
  });
  refreshFullyShipped(data, order.id);
  return shipment;
}

function pickAddresses(order: SalesOrderRow) {
  const keys = Object.keys(order).filter((k) => /^(sellTo|billTo|shipTo|customer)|^(phoneNumber|email)$/.test(k));
  return Object.fromEntries(keys.map((k) => [k, order[k as keyof SalesOrderRow]])) as Omit<
    SalesShipmentRow,
    | "id"
    | "lastModifiedDateTime"
    | "number"
    | "externalDocumentNumber"
    | "documentDate"
    | "postingDate"
    | "orderNumber"
    | "currencyCode"
    | "pricesIncludeTax"
    | "shipmentMethodCode"
    | "paymentTermsCode"
  > & { customerId: string; billToCustomerId: string };
}

/**
 * salesOrders({id})/Microsoft.NAV.shipAndInvoice: ships what is left, posts an invoice for everything not
 * invoiced yet and, the order being fully shipped and invoiced, deletes it (as BC does).
 */
export function shipAndInvoice(data: CompanyData, now: () => number, orderId: string): void {
  const order = requireOrder(data, orderId);
  const lines = () =>
    data.salesOrderLines.filter((l) => l.documentId === order.id).sort((a, b) => a.sequence - b.sequence);
  if (lines().some((l) => l.lineType === "Item" && l.shippedQuantity < l.quantity)) postShipment(data, now, order.id);
  const toInvoice = lines().filter((l) => l.lineType === "Comment" || l.quantity - l.invoicedQuantity > 0);
  if (!toInvoice.some((l) => l.lineType !== "Comment")) throw nothingToPost();
  const today = isoDate(now());
  const current = requireOrder(data, order.id);
  const {
    id: _i,
    lastModifiedDateTime: _l,
    number: _n,
    orderDate: _o,
    requestedDeliveryDate: _r,
    partialShipping: _p,
    fullyShipped: _f,
    status: _s,
    ...header
  } = current;
  const invoice = data.salesInvoices.insert({
    ...header,
    number: data.series.take("salesInvoice"),
    invoiceDate: today,
    postingDate: today,
    dueDate: dueDateOf(data, current.paymentTermsCode, today),
    orderId: current.id,
    orderNumber: current.number,
    remainingAmount: 0,
    status: "Open",
  });
  for (const l of toInvoice) {
    const qty = l.lineType === "Comment" ? 0 : l.quantity - l.invoicedQuantity;
    const {
      id: _id,
      lastModifiedDateTime: _lm,
      shippedQuantity: _sq,
      invoicedQuantity: _iq,
      invoiceQuantity: _q,
      shipQuantity: _s2,
      documentId: _d,
      ...fields
    } = l;
    const amounts = lineAmounts(qty, l.unitPrice, { percent: l.discountPercent });
    data.salesInvoiceLines.insert({
      ...fields,
      documentId: invoice.id,
      quantity: qty,
      ...amounts,
      amountIncludingTax: amounts.amountExcludingTax,
    });
  }
  recomputeDocument(data, "invoice", invoice.id);
  invoiceShipmentEntries(data, current.number, invoice.id);
  postInvoiceLedgers(data, invoice.id);
  deleteDocument(data, "order", current.id);
}

/**
 * Invoicing a shipped order puts the actual amounts on the shipment's item ledger entries (BC's
 * value entries for the invoice; the page's Sales/Cost Amount (Actual) sum them). An entry not
 * invoiced yet has both at 0; each invoice line takes the entries of its item/variant/location.
 */
function invoiceShipmentEntries(data: CompanyData, orderNumber: string, invoiceId: string): void {
  const shipments = new Set(data.salesShipments.filter((s) => s.orderNumber === orderNumber).map((s) => s.number));
  const open = data.itemLedgerEntries.filter(
    (e) =>
      e.entryType === "Sale" &&
      e.documentType === "Sales Shipment" &&
      shipments.has(e.documentNumber) &&
      e.salesAmountActual === 0 &&
      e.costAmountActual === 0,
  );
  const taken = new Set<string>();
  for (const line of data.salesInvoiceLines.filter((l) => l.documentId === invoiceId)) {
    const item = line.lineType === "Item" ? data.items.get(line.itemId) : undefined;
    if (!item || line.quantity <= 0) continue;
    const key = keyOfLine(data, line);
    let left = line.quantity;
    for (const entry of open) {
      if (left <= 0) break;
      if (taken.has(entry.id) || entry.itemId !== item.id) continue;
      if (entry.variantCode !== key.variantCode || entry.locationCode !== key.locationCode) continue;
      taken.add(entry.id);
      left += entry.quantity;
      data.itemLedgerEntries.update(entry.id, {
        salesAmountActual: round2((line.netAmount * -entry.quantity) / line.quantity),
        costAmountActual: round2(entry.quantity * item.unitCost),
      });
    }
  }
}

/** salesInvoices({id})/Microsoft.NAV.post: Draft → Open; stock leaves with the posted item lines. */
export function postInvoice(data: CompanyData, now: () => number, invoiceId: string): void {
  const invoice = data.salesInvoices.get(invoiceId);
  if (!invoice) {
    throw new BcError(
      404,
      "Internal_RecordNotFound",
      `The Sales Header does not exist. Identification fields and values: SystemId='${invoiceId}'`,
    );
  }
  // Guess at the wording; BC refuses to post an already posted invoice.
  if (invoice.status !== "Draft") {
    throw new BcError(400, "Application_DialogException", `The invoice ${invoice.number} is already posted.`);
  }
  const lines = data.salesInvoiceLines.filter((l) => l.documentId === invoice.id);
  if (!lines.some((l) => l.lineType !== "Comment" && l.quantity !== 0)) throw nothingToPost();
  const postingDate = isoDate(now());
  for (const l of lines) {
    const item = l.lineType === "Item" ? data.items.get(l.itemId) : undefined;
    if (item?.type !== "Inventory" || l.quantity === 0) continue;
    postItemLedgerEntry(data, {
      ...keyOfLine(data, l),
      entryType: "Sale",
      documentNumber: invoice.number,
      documentType: "Sales Invoice",
      sourceNumber: invoice.customerNumber,
      sourceType: "Customer",
      description: l.description,
      quantity: -l.quantity,
      postingDate,
      salesAmountActual: l.netAmount,
      costAmountActual: round2(-l.quantity * item.unitCost),
    });
  }
  data.salesInvoices.update(invoice.id, {
    status: "Open",
    postingDate: isoDate(now()),
    remainingAmount: round2(invoice.totalAmountIncludingTax),
  });
  postInvoiceLedgers(data, invoice.id);
}

/** The posted invoice's G/L and customer ledger entries (an invoice of 0 leaves a closed entry). */
function postInvoiceLedgers(data: CompanyData, invoiceId: string): void {
  const invoice = data.salesInvoices.get(invoiceId);
  if (!invoice) return;
  const lines = data.salesInvoiceLines.filter((l) => l.documentId === invoice.id);
  postSalesDocumentLedgers(
    data,
    {
      postingDate: invoice.postingDate,
      documentNumber: invoice.number,
      documentType: "Invoice",
      externalDocumentNumber: invoice.externalDocumentNumber,
      sourceType: "Customer",
      sourceNumber: invoice.customerNumber,
    },
    invoice,
    lines,
    1,
  );
}
