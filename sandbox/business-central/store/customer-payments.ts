import { referencedNotFound } from "../bc-error.ts";
import type { CustomerPaymentInput } from "../http/money-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import { type CustomerPaymentRow, EMPTY_GUID, type SalesInvoiceRow } from "./row-types.ts";
import { dialogError } from "./validation.ts";

// APIV2 - Customer Payments (page 30055, over Gen. Journal Line, template CASHRCPT): the page's
// own Error() texts, in its words.
export const JOURNAL_FILTER_MISSING = "You must specify a journal batch ID or a journal ID to get a journal line.";
const JOURNAL_MISMATCH = "The Journal Id and Journal Display Name do not match.";
const JOURNAL_ID_FIXED = "The Journal Id cannot be changed.";
const JOURNAL_NAME_FIXED = "The Journal Batch Display Name cannot be changed.";
const CUSTOMER_MISMATCH = "The customer values do not match to a specific Customer.";
const CUSTOMER_ID_UNKNOWN = 'The "customerId" does not match to a Customer.';
const CUSTOMER_NUMBER_UNKNOWN = 'The "customerNumber" does not match to a Customer.';
const INVOICE_MISMATCH = "The Applies To Invoice values do not match to the same Invoice.";
const INVOICE_ID_UNKNOWN =
  'The "appliesToInvoiceId" should be the ID of an Open, Paid, Corrective, or Canceled Invoice.';

/** A posted invoice (Sales Invoice Header): what the page's applies-to lookups can find. */
function postedInvoice(data: CompanyData, match: (i: SalesInvoiceRow) => boolean): SalesInvoiceRow | undefined {
  return data.salesInvoices.find((i) => i.status !== "Draft" && match(i));
}

type Resolved = Pick<
  CustomerPaymentRow,
  "customerId" | "customerNumber" | "appliesToInvoiceId" | "appliesToInvoiceNumber"
> & { customerName: string };

/**
 * customerId / customerNumber and appliesToInvoiceId / appliesToInvoiceNumber as the page's
 * OnValidate triggers resolve them: each pair must agree; an invoice number that names no posted
 * invoice is kept as the Applies-to Doc. No. (posting finds no open entry then); an applied invoice
 * gives a line without customer its bill-to customer. Whether the invoice is the customer's is not
 * checked here, as in BC: posting refuses it (gl-posting.ts).
 */
function resolve(data: CompanyData, input: CustomerPaymentInput, current?: CustomerPaymentRow): Resolved {
  let customer = current?.customerNumber ? data.customers.find((c) => c.number === current.customerNumber) : undefined;
  if (input.customerId !== undefined) {
    customer = input.customerId === EMPTY_GUID ? undefined : data.customers.get(input.customerId);
    if (input.customerId !== EMPTY_GUID && !customer) throw dialogError(CUSTOMER_ID_UNKNOWN);
  }
  if (input.customerNumber !== undefined) {
    if (input.customerId !== undefined && customer && customer.number !== input.customerNumber) {
      throw dialogError(CUSTOMER_MISMATCH);
    }
    if (input.customerNumber === "") customer = undefined;
    else if (input.customerId === undefined) {
      customer = data.customers.find((c) => c.number.toUpperCase() === input.customerNumber!.toUpperCase());
      if (!customer) throw dialogError(CUSTOMER_NUMBER_UNKNOWN);
    }
  }
  let invoiceId = current?.appliesToInvoiceId ?? EMPTY_GUID;
  let invoiceNumber = current?.appliesToInvoiceNumber ?? "";
  let invoice: SalesInvoiceRow | undefined;
  if (input.appliesToInvoiceId !== undefined) {
    invoiceId = input.appliesToInvoiceId.toLowerCase();
    invoiceNumber = "";
    if (invoiceId !== EMPTY_GUID) {
      invoice = postedInvoice(data, (i) => i.id === invoiceId);
      if (!invoice) throw dialogError(INVOICE_ID_UNKNOWN);
      invoiceNumber = invoice.number;
    }
  }
  if (input.appliesToInvoiceNumber !== undefined) {
    if (invoice && invoice.number !== input.appliesToInvoiceNumber) throw dialogError(INVOICE_MISMATCH);
    invoiceNumber = input.appliesToInvoiceNumber.toUpperCase();
    invoice ??= postedInvoice(data, (i) => i.number === invoiceNumber);
    invoiceId = invoice?.id ?? EMPTY_GUID;
  }
  if (!customer && invoice) {
    const number = invoice.billToCustomerNumber || invoice.customerNumber;
    customer = data.customers.find((c) => c.number === number);
  }
  return {
    customerId: customer?.id ?? EMPTY_GUID,
    customerNumber: customer?.number ?? "",
    customerName: customer?.displayName ?? "",
    appliesToInvoiceId: invoiceId,
    appliesToInvoiceNumber: invoiceNumber,
  };
}

/**
 * POST customerPayments: a cash receipt journal line (Document Type Payment, Account Type
 * Customer). Amount is negative for a receipt, as in BC. The batch comes from the URL
 * (customerPaymentJournals({id})/customerPayments) or the body's journalId; without either the page
 * refuses. Document No. defaults from the series, Description from the customer's name.
 */
export function createCustomerPayment(
  data: CompanyData,
  now: () => number,
  input: CustomerPaymentInput,
  parentJournalId: string | undefined,
): CustomerPaymentRow {
  if (parentJournalId && input.journalId && input.journalId.toLowerCase() !== parentJournalId) {
    throw dialogError(JOURNAL_MISMATCH);
  }
  const journalId = parentJournalId ?? input.journalId;
  if (!journalId || journalId === EMPTY_GUID) throw dialogError(JOURNAL_FILTER_MISSING);
  const journal = data.customerPaymentJournals.get(journalId);
  if (!journal) throw referencedNotFound("Gen. Journal Batch", `SystemId='${journalId}'`);
  if (input.journalDisplayName !== undefined && input.journalDisplayName !== journal.code) {
    throw dialogError(JOURNAL_MISMATCH);
  }
  const resolved = resolve(data, input);
  const lines = data.customerPayments.filter((p) => p.journalId === journal.id);
  const lineNumber = input.lineNumber || Math.max(0, ...lines.map((l) => l.lineNumber)) + 10000;
  const { customerName, ...refs } = resolved;
  return data.customerPayments.insert({
    ...(input.id ? { id: input.id } : {}),
    journalId: journal.id,
    journalDisplayName: journal.code,
    lineNumber,
    ...refs,
    postingDate: input.postingDate ?? isoDate(now()),
    documentNumber: input.documentNumber || data.series.take("customerPayment"),
    externalDocumentNumber: input.externalDocumentNumber ?? "",
    amount: input.amount ?? 0,
    description: input.description || customerName,
    comment: input.comment ?? "",
  });
}

/** PATCH customerPayments({id}): the batch is fixed; customer and applies-to are re-validated as on insert. */
export function patchCustomerPayment(data: CompanyData, row: CustomerPaymentRow, input: CustomerPaymentInput): void {
  if (input.journalId !== undefined && input.journalId.toLowerCase() !== row.journalId) {
    throw dialogError(JOURNAL_ID_FIXED);
  }
  if (input.journalDisplayName !== undefined && input.journalDisplayName !== row.journalDisplayName) {
    throw dialogError(JOURNAL_NAME_FIXED);
  }
  const { customerName, ...refs } = resolve(data, input, row);
  const { id: _i, journalId: _j, journalDisplayName: _n, customerId: _c, customerNumber: _cn, ...rest } = input;
  const { appliesToInvoiceId: _a, appliesToInvoiceNumber: _an, ...fields } = rest;
  const customerChanged = refs.customerNumber !== row.customerNumber;
  data.customerPayments.update(row.id, {
    ...refs,
    // Validating Account No. puts the new customer's name in Description.
    ...(customerChanged && input.description === undefined ? { description: customerName } : {}),
    ...definedOnly(fields),
  });
}
