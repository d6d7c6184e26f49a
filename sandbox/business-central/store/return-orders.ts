import { referencedNotFound } from "../bc-error.ts";
import type { ReturnOrderInput } from "../http/money-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { appliesTo, checkCreditMemoLines, postSalesCreditMemo } from "./credit-memos.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import { checkCustomerNotBlocked, findOpenInvoice } from "./gl-posting.ts";
import type { SalesReturnOrderRow } from "./money-row-types.ts";
import { dueDateOf } from "./payment-terms.ts";
import { EMPTY_GUID } from "./row-types.ts";
import { deleteDocument, type DocCtx, recomputeDocument } from "./sales-document-lines.ts";
import { checkHeader, customerAddresses, insertLines, resolveCustomer, termsOf } from "./sales-documents.ts";
import { resolveLine } from "./sales-lines.ts";
import { keyOfLine, postItemLedgerEntry } from "./stock.ts";

function locationIdOf(data: CompanyData, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const location = data.locations.find((l) => l.code === code.toUpperCase());
  if (!location) throw referencedNotFound("Location", `Code='${code}'`);
  return location.id;
}

/**
 * POST returnOrders (companion page; deep insert of returnOrderLines optional): validated like a
 * sales document, all before any write. The header's Location Code is each line's default, as a
 * Sales Line takes it from its header.
 */
export function createReturnOrder(ctx: DocCtx, input: ReturnOrderInput): SalesReturnOrderRow | undefined {
  const { data } = ctx;
  const { returnOrderLines = [], id, locationCode, ...header } = input;
  checkHeader(header, "salesReturnOrder");
  const customer = resolveCustomer(data, header);
  const applies = appliesTo(data, header);
  const headerLocation = locationIdOf(data, locationCode);
  const today = isoDate(ctx.now());
  const documentDate = header.documentDate ?? today;
  const resolved = returnOrderLines.map((l) =>
    resolveLine(
      data,
      { ...(headerLocation && l.locationId === undefined ? { locationId: headerLocation } : {}), ...l },
      documentDate,
    ),
  );
  const terms = termsOf(data, customer, {});
  const { customerId: _c, customerNumber: _n, invoiceId: _i, invoiceNumber: _in, number: _no, ...overrides } = header;
  const order = data.salesReturnOrders.insert({
    ...(id ? { id } : {}),
    number: data.series.take("salesReturnOrder"),
    externalDocumentNumber: "",
    documentDate,
    postingDate: header.postingDate ?? documentDate,
    dueDate: dueDateOf(data, terms.paymentTermsCode ?? "", documentDate),
    orderDate: documentDate,
    requestedDeliveryDate: "0001-01-01",
    invoiceId: EMPTY_GUID,
    invoiceNumber: "",
    locationCode: locationCode?.toUpperCase() ?? "",
    status: "Open",
    ...customerAddresses(customer),
    currencyCode: customer.currencyCode,
    pricesIncludeTax: false,
    discountAmount: 0,
    discountAppliedBeforeTax: true,
    totalAmountExcludingTax: 0,
    totalTaxAmount: 0,
    totalAmountIncludingTax: 0,
    paymentTermsCode: "",
    shipmentMethodCode: "",
    ...terms,
    ...(applies ?? {}),
    ...definedOnly(overrides),
  });
  insertLines(
    data,
    "returnOrder",
    order.id,
    resolved,
    returnOrderLines.map((l) => l.id),
  );
  recomputeDocument(data, "returnOrder", order.id);
  return data.salesReturnOrders.get(order.id);
}

export function patchReturnOrder(ctx: DocCtx, row: SalesReturnOrderRow, input: ReturnOrderInput): void {
  const { data } = ctx;
  const { returnOrderLines: _l, id: _id, locationCode, ...header } = input;
  checkHeader(header, "salesReturnOrder");
  const customer = header.customerId || header.customerNumber ? resolveCustomer(data, header) : undefined;
  const applies = appliesTo(data, header);
  locationIdOf(data, locationCode);
  const { customerId: _c, customerNumber: _n, invoiceId: _i, invoiceNumber: _in, ...rest } = header;
  data.salesReturnOrders.update(row.id, {
    ...(customer ? { ...customerAddresses(customer), ...termsOf(data, customer, {}) } : {}),
    ...(applies ?? {}),
    ...(locationCode !== undefined ? { locationCode: locationCode.toUpperCase() } : {}),
    ...definedOnly(rest),
  });
  recomputeDocument(data, "returnOrder", row.id);
}

/**
 * returnOrders({id})/Microsoft.NAV.receiveAndCredit: what posting a return order with Receive and
 * Invoice does. The return receipt brings the items back into stock (positive Sale entries of the
 * receipt), then a posted sales credit memo (salesCreditMemos, same external document no., the
 * order's applies-to invoice) credits the customer; the fully posted return order is deleted, as
 * BC deletes it. The credit memo is how a caller finds the result (by externalDocumentNumber).
 */
export function receiveAndCredit(data: CompanyData, now: () => number, id: string): void {
  const order = data.salesReturnOrders.get(id);
  if (!order) throw referencedNotFound("Sales Header", `SystemId='${id}'`);
  const lines = data.salesReturnOrderLines
    .filter((l) => l.documentId === order.id)
    .sort((a, b) => a.sequence - b.sequence);
  checkCreditMemoLines(lines);
  const customerNumber = order.billToCustomerNumber || order.customerNumber;
  checkCustomerNotBlocked(data, customerNumber, "Credit Memo");
  if (order.invoiceNumber) findOpenInvoice(data, customerNumber, order.invoiceNumber, true);
  const postingDate = order.postingDate || isoDate(now());
  const receipt = data.series.take("returnReceipt");
  for (const l of lines) {
    const item = l.lineType === "Item" ? data.items.get(l.itemId) : undefined;
    if (item?.type === "Inventory" && l.returnQtyToReceive > 0) {
      postItemLedgerEntry(data, {
        ...keyOfLine(data, l),
        entryType: "Sale",
        documentNumber: receipt,
        documentType: "Sales Return Receipt",
        sourceNumber: order.customerNumber,
        sourceType: "Customer",
        description: l.description,
        quantity: l.returnQtyToReceive,
        postingDate,
      });
    }
  }
  const {
    id: _i,
    lastModifiedDateTime: _m,
    number: _n,
    documentDate,
    orderDate: _o,
    requestedDeliveryDate: _r,
    locationCode: _lc,
    status: _s,
    ...header
  } = order;
  const memo = data.salesCreditMemos.insert({
    ...header,
    number: data.series.take("salesCreditMemo"),
    creditMemoDate: documentDate,
    postingDate,
    status: "Draft",
  });
  for (const l of lines) {
    const {
      id: _lid,
      lastModifiedDateTime: _lm,
      returnQtyToReceive: _q,
      returnQtyReceived: _rq,
      documentId: _d,
      ...fields
    } = l;
    data.salesCreditMemoLines.insert({ ...fields, documentId: memo.id });
  }
  recomputeDocument(data, "creditMemo", memo.id);
  postSalesCreditMemo(data, now, memo.id, { itemEntries: false });
  deleteDocument(data, "returnOrder", order.id);
}
