import { BcError, referencedNotFound, stringTooLong } from "../bc-error.ts";
import type { SalesInvoiceInput, SalesOrderInput } from "../http/body-schemas.ts";
import { type CompanyData, NumberSeries, type SeriesName } from "./company-data.ts";
import { codesFromIds } from "./customers.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import { dueDateOf } from "./payment-terms.ts";
import type { CustomerRow, DocumentAddresses } from "./row-types.ts";
import {
  type DocCtx,
  type DocKind,
  linesTable,
  recomputeDocument,
  refreshFullyShipped,
  returnQuantities,
} from "./sales-document-lines.ts";
import { type LineFields, resolveLine } from "./sales-lines.ts";
import { refreshForLines } from "./stock.ts";

/** Code[35] in BC (Sales Header."External Document No."). Not unique: BC does not enforce it. */
const EXTERNAL_DOC_MAX = 35;

type Ctx = DocCtx;

type HeaderPatch = Omit<SalesOrderInput, "salesOrderLines" | "id"> &
  Omit<SalesInvoiceInput, "salesInvoiceLines" | "id">;

export function resolveCustomer(
  data: CompanyData,
  input: { customerId?: string; customerNumber?: string },
): CustomerRow {
  if (input.customerId) {
    const c = data.customers.get(input.customerId);
    if (!c) throw referencedNotFound("Customer", `SystemId='${input.customerId}'`);
    return c;
  }
  if (input.customerNumber) {
    const n = input.customerNumber.toUpperCase();
    const c = data.customers.find((x) => x.number.toUpperCase() === n);
    if (!c) throw referencedNotFound("Customer", `No.='${input.customerNumber}'`);
    return c;
  }
  // Guess at the wording: BC fails on the first line because Sell-to Customer No. is blank.
  throw new BcError(
    400,
    "Application_FieldValidationException",
    "Sell-to Customer No. must have a value in Sales Header. It cannot be zero or empty.",
  );
}

export function customerAddresses(c: CustomerRow): DocumentAddresses {
  const a = (prefix: "sellTo" | "billTo" | "shipTo") => ({
    [`${prefix}AddressLine1`]: c.addressLine1,
    [`${prefix}AddressLine2`]: c.addressLine2,
    [`${prefix}City`]: c.city,
    [`${prefix}Country`]: c.country,
    [`${prefix}State`]: c.state,
    [`${prefix}PostCode`]: c.postalCode,
  });
  return {
    customerId: c.id,
    customerNumber: c.number,
    customerName: c.displayName,
    billToName: c.displayName,
    billToCustomerId: c.id,
    billToCustomerNumber: c.number,
    shipToName: c.displayName,
    shipToContact: "",
    ...(a("sellTo") as object),
    ...(a("billTo") as object),
    ...(a("shipTo") as object),
    phoneNumber: c.phoneNumber,
    email: c.email,
  } as DocumentAddresses;
}

/**
 * The header's Payment Terms Code and Shipment Method Code: the customer's (Bill-to Customer No.
 * validation copies them), unless the body names others by id (the page's paymentTermsId /
 * shipmentMethodId OnValidate, which refuses an id that matches none).
 */
export function termsOf(
  data: CompanyData,
  customer: CustomerRow | undefined,
  input: Pick<HeaderPatch, "paymentTermsId" | "shipmentMethodId">,
) {
  const named = codesFromIds(data, { paymentTermsId: input.paymentTermsId, shipmentMethodId: input.shipmentMethodId });
  return {
    ...(customer
      ? { paymentTermsCode: customer.paymentTermsCode, shipmentMethodCode: customer.shipmentMethodCode }
      : {}),
    ...definedOnly({ paymentTermsCode: named.paymentTermsCode, shipmentMethodCode: named.shipmentMethodCode }),
  };
}

export function checkHeader(input: Pick<HeaderPatch, "number" | "externalDocumentNumber">, series: SeriesName): void {
  if (input.number !== undefined) {
    throw new BcError(
      400,
      "Application_DialogException",
      `You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series ${NumberSeries.code(series)}.`,
    );
  }
  const ext = input.externalDocumentNumber;
  if (ext !== undefined && ext.length > EXTERNAL_DOC_MAX) throw stringTooLong(ext, EXTERNAL_DOC_MAX);
}

export function insertLines(
  data: CompanyData,
  kind: DocKind,
  documentId: string,
  resolved: LineFields[],
  ids: (string | undefined)[],
) {
  let sequence = 0;
  resolved.forEach((fields, i) => {
    sequence += 10000;
    const id = ids[i];
    const base = { ...fields, documentId, sequence, ...(id ? { id } : {}) };
    if (kind === "order") {
      data.salesOrderLines.insert({
        ...base,
        shippedQuantity: 0,
        invoicedQuantity: 0,
        invoiceQuantity: fields.quantity,
        shipQuantity: fields.quantity,
      });
    } else linesTable(data, kind).insert({ ...base, ...returnQuantities(kind, fields.quantity) });
  });
}

/** POST salesOrders (deep insert optional): validate everything first, then write. */
export function createSalesOrder(ctx: Ctx, input: SalesOrderInput) {
  const { data } = ctx;
  const { salesOrderLines = [], id, ...header } = input;
  checkHeader(header, "salesOrder");
  const customer = resolveCustomer(data, header);
  const today = isoDate(ctx.now());
  const orderDate = header.orderDate ?? today;
  const resolved = salesOrderLines.map((l) => resolveLine(data, l, orderDate));
  const terms = termsOf(data, customer, header);
  const { customerId: _c, customerNumber: _n, paymentTermsId: _p, shipmentMethodId: _s, ...overrides } = header;
  const order = data.salesOrders.insert({
    ...(id ? { id } : {}),
    number: data.series.take("salesOrder"),
    externalDocumentNumber: "",
    orderDate,
    postingDate: today,
    requestedDeliveryDate: "0001-01-01",
    partialShipping: true,
    fullyShipped: true,
    status: "Draft",
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
    ...definedOnly(overrides),
  });
  insertLines(
    data,
    "order",
    order.id,
    resolved,
    salesOrderLines.map((l) => l.id),
  );
  refreshForLines(data, resolved);
  refreshFullyShipped(data, order.id);
  recomputeDocument(data, "order", order.id);
  return data.salesOrders.get(order.id);
}

/** POST salesInvoices (a Draft invoice; Microsoft.NAV.post makes it Open). */
export function createSalesInvoice(ctx: Ctx, input: SalesInvoiceInput) {
  const { data } = ctx;
  const { salesInvoiceLines = [], id, ...header } = input;
  checkHeader(header, "salesInvoice");
  const customer = resolveCustomer(data, header);
  const today = isoDate(ctx.now());
  const invoiceDate = header.invoiceDate ?? today;
  const resolved = salesInvoiceLines.map((l) => resolveLine(data, l, invoiceDate));
  const terms = termsOf(data, customer, header);
  const { customerId: _c, customerNumber: _n, paymentTermsId: _p, shipmentMethodId: _s, ...overrides } = header;
  const invoice = data.salesInvoices.insert({
    ...(id ? { id } : {}),
    number: data.series.take("salesInvoice"),
    externalDocumentNumber: "",
    invoiceDate,
    postingDate: invoiceDate,
    // A dueDate in the body is kept; otherwise the terms give it.
    dueDate: dueDateOf(data, terms.paymentTermsCode ?? "", invoiceDate),
    orderId: "00000000-0000-0000-0000-000000000000",
    orderNumber: "",
    remainingAmount: 0,
    status: "Draft",
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
    ...definedOnly(overrides),
  });
  insertLines(
    data,
    "invoice",
    invoice.id,
    resolved,
    salesInvoiceLines.map((l) => l.id),
  );
  recomputeDocument(data, "invoice", invoice.id);
  return data.salesInvoices.get(invoice.id);
}

/** PATCH on a sales header: a new customer re-copies its addresses and terms, like validating Sell-to Customer No. */
export function patchSalesHeader(ctx: Ctx, kind: DocKind, documentId: string, input: HeaderPatch): void {
  const { data } = ctx;
  checkHeader(input, kind === "order" ? "salesOrder" : "salesInvoice");
  const { customerId, customerNumber, paymentTermsId: _p, shipmentMethodId: _s, ...rest } = input;
  const customer = customerId || customerNumber ? resolveCustomer(data, { customerId, customerNumber }) : undefined;
  const terms = termsOf(data, customer, input);
  const patch = { ...(customer ? customerAddresses(customer) : {}), ...terms, ...definedOnly(rest) };
  if (kind === "order") data.salesOrders.update(documentId, patch);
  else {
    const invoice = data.salesInvoices.get(documentId);
    // Document Date or Payment Terms Code validation recalculates the Due Date, unless one is sent.
    if (
      invoice &&
      rest.dueDate === undefined &&
      (terms.paymentTermsCode !== undefined || rest.invoiceDate !== undefined)
    ) {
      const invoiceDate = rest.invoiceDate ?? invoice.invoiceDate;
      Object.assign(patch, {
        dueDate: dueDateOf(data, terms.paymentTermsCode ?? invoice.paymentTermsCode, invoiceDate),
      });
    }
    data.salesInvoices.update(documentId, patch);
  }
  recomputeDocument(data, kind, documentId);
}
