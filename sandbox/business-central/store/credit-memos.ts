import { BcError } from "../bc-error.ts";
import type { SalesCreditMemoInput } from "../http/money-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly, isoDate, round2 } from "./defaults.ts";
import { applyToInvoice, checkCustomerNotBlocked, findOpenInvoice, postSalesDocumentLedgers } from "./gl-posting.ts";
import type { SalesCreditMemoRow } from "./money-row-types.ts";
import { dueDateOf } from "./payment-terms.ts";
import { type CustomerRow, EMPTY_GUID, type SalesInvoiceRow, type SalesLineRow } from "./row-types.ts";
import { type DocCtx, recomputeDocument } from "./sales-document-lines.ts";
import { checkHeader, customerAddresses, insertLines, termsOf } from "./sales-documents.ts";
import { resolveLine } from "./sales-lines.ts";
import { keyOfLine, postItemLedgerEntry } from "./stock.ts";
import { dialogError } from "./validation.ts";

// APIV2 - Sales Credit Memos (page 30038, over Sales Cr. Memo Entity Buffer): the page's Error()
// labels, in its words.
const CUSTOMER_MISSING = 'A "customerNumber" or a "customerId" must be provided.';
const SELL_TO_UNKNOWN = "The sell-to customer cannot be found.";
const SELL_TO_MISMATCH = "The sell-to customer values do not match to a specific Customer.";
const BILL_TO_UNKNOWN = "The bill-to customer cannot be found.";
const BILL_TO_MISMATCH = "The bill-to customer values do not match to a specific Customer.";
const INVOICE_ID_UNKNOWN = 'The "invoiceId" does not match to an Invoice.';
const INVOICE_MISMATCH = 'The "invoiceId" and "invoiceNumber" do not match to a specific Invoice.';
const DRAFT_ONLY = "The action can be applied to a draft credit memo only.";
const NO_LINES = "Please add at least one line item to the credit memo.";
// Lines Instruction Mgt.'s SalesCheckAllLinesHaveQuantityAssigned.
const LINE_WITHOUT_QUANTITY =
  "One or more document lines with a value in the No. field do not have a quantity specified.";

function customerBy(
  data: CompanyData,
  id: string | undefined,
  number: string | undefined,
  errors: { unknown: string; mismatch: string },
): CustomerRow | undefined {
  let customer: CustomerRow | undefined;
  if (id !== undefined && id !== EMPTY_GUID) {
    customer = data.customers.get(id);
    if (!customer) throw dialogError(errors.unknown);
  }
  if (number !== undefined && number !== "") {
    if (customer) {
      if (customer.number !== number) throw dialogError(errors.mismatch);
    } else {
      customer = data.customers.find((c) => c.number.toUpperCase() === number.toUpperCase());
      if (!customer) throw dialogError(errors.unknown);
    }
  }
  return customer;
}

/** invoiceId must be a posted invoice; invoiceNumber alone is kept as the Applies-to Doc. No. (posting checks it). */
export function appliesTo(
  data: CompanyData,
  input: Pick<SalesCreditMemoInput, "invoiceId" | "invoiceNumber">,
): { invoiceId: string; invoiceNumber: string } | undefined {
  let invoice: SalesInvoiceRow | undefined;
  if (input.invoiceId !== undefined) {
    if (input.invoiceId === EMPTY_GUID) {
      if (input.invoiceNumber) throw dialogError(INVOICE_MISMATCH);
      return { invoiceId: EMPTY_GUID, invoiceNumber: "" };
    }
    invoice = data.salesInvoices.find((i) => i.id === input.invoiceId!.toLowerCase() && i.status !== "Draft");
    if (!invoice) throw dialogError(INVOICE_ID_UNKNOWN);
  }
  if (input.invoiceNumber !== undefined) {
    if (invoice && invoice.number !== input.invoiceNumber) throw dialogError(INVOICE_MISMATCH);
    const number = input.invoiceNumber.toUpperCase();
    invoice ??= data.salesInvoices.find((i) => i.number === number && i.status !== "Draft");
    return { invoiceId: invoice?.id ?? EMPTY_GUID, invoiceNumber: number };
  }
  return invoice ? { invoiceId: invoice.id, invoiceNumber: invoice.number } : undefined;
}

function billToOf(customer: CustomerRow) {
  return {
    billToCustomerId: customer.id,
    billToCustomerNumber: customer.number,
    billToName: customer.displayName,
    billToAddressLine1: customer.addressLine1,
    billToAddressLine2: customer.addressLine2,
    billToCity: customer.city,
    billToCountry: customer.country,
    billToState: customer.state,
    billToPostCode: customer.postalCode,
  };
}

/** POST salesCreditMemos (deep insert of salesCreditMemoLines optional): a Draft; everything is validated before a write. */
export function createSalesCreditMemo(ctx: DocCtx, input: SalesCreditMemoInput): SalesCreditMemoRow | undefined {
  const { data } = ctx;
  const { salesCreditMemoLines = [], id, ...header } = input;
  checkHeader(header, "salesCreditMemo");
  if (!header.customerId && !header.customerNumber) throw dialogError(CUSTOMER_MISSING);
  const customer = customerBy(data, header.customerId, header.customerNumber, {
    unknown: SELL_TO_UNKNOWN,
    mismatch: SELL_TO_MISMATCH,
  })!;
  const billTo = customerBy(data, header.billToCustomerId, header.billToCustomerNumber, {
    unknown: BILL_TO_UNKNOWN,
    mismatch: BILL_TO_MISMATCH,
  });
  const applies = appliesTo(data, header);
  const today = isoDate(ctx.now());
  const creditMemoDate = header.creditMemoDate ?? today;
  const resolved = salesCreditMemoLines.map((l) => resolveLine(data, l, creditMemoDate));
  const terms = termsOf(data, customer, header);
  const {
    customerId: _c,
    customerNumber: _n,
    billToCustomerId: _b,
    billToCustomerNumber: _bn,
    paymentTermsId: _p,
    shipmentMethodId: _s,
    invoiceId: _i,
    invoiceNumber: _in,
    number: _no,
    ...overrides
  } = header;
  const memo = data.salesCreditMemos.insert({
    ...(id ? { id } : {}),
    number: data.series.take("salesCreditMemo"),
    externalDocumentNumber: "",
    creditMemoDate,
    postingDate: header.postingDate ?? creditMemoDate,
    dueDate: dueDateOf(data, terms.paymentTermsCode ?? "", creditMemoDate),
    invoiceId: EMPTY_GUID,
    invoiceNumber: "",
    status: "Draft",
    ...customerAddresses(customer),
    ...(billTo ? billToOf(billTo) : {}),
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
    "creditMemo",
    memo.id,
    resolved,
    salesCreditMemoLines.map((l) => l.id),
  );
  recomputeDocument(data, "creditMemo", memo.id);
  return data.salesCreditMemos.get(memo.id);
}

/** A posted credit memo is read-only (the buffer's posted rows refuse changes; wording is a guess). */
export function requireDraftCreditMemo(data: CompanyData, id: string): void {
  const memo = data.salesCreditMemos.get(id);
  if (memo && memo.status !== "Draft") {
    throw dialogError(`The sales credit memo ${memo.number} is posted and cannot be changed.`);
  }
}

/** PATCH salesCreditMemos({id}): a new customer re-copies addresses and terms, as Sell-to Customer No. validation does. */
export function patchSalesCreditMemo(ctx: DocCtx, row: SalesCreditMemoRow, input: SalesCreditMemoInput): void {
  const { data } = ctx;
  requireDraftCreditMemo(data, row.id);
  const { salesCreditMemoLines: _l, id, ...header } = input;
  if (id !== undefined && id.toLowerCase() !== row.id) throw dialogError('The "id" cannot be changed.');
  checkHeader(header, "salesCreditMemo");
  const customer =
    header.customerId || header.customerNumber
      ? customerBy(data, header.customerId, header.customerNumber, {
          unknown: SELL_TO_UNKNOWN,
          mismatch: SELL_TO_MISMATCH,
        })
      : undefined;
  const billTo = customerBy(data, header.billToCustomerId, header.billToCustomerNumber, {
    unknown: BILL_TO_UNKNOWN,
    mismatch: BILL_TO_MISMATCH,
  });
  const applies = appliesTo(data, header);
  const terms = termsOf(data, customer, header);
  const {
    customerId: _c,
    customerNumber: _n,
    billToCustomerId: _b,
    billToCustomerNumber: _bn,
    paymentTermsId: _p,
    shipmentMethodId: _s,
    invoiceId: _i,
    invoiceNumber: _in,
    ...rest
  } = header;
  const patch: Partial<SalesCreditMemoRow> = {
    ...(customer ? customerAddresses(customer) : {}),
    ...(billTo ? billToOf(billTo) : {}),
    ...terms,
    ...(applies ?? {}),
    ...definedOnly(rest),
  };
  if (rest.dueDate === undefined && (terms.paymentTermsCode !== undefined || rest.creditMemoDate !== undefined)) {
    patch.dueDate = dueDateOf(
      data,
      terms.paymentTermsCode ?? row.paymentTermsCode,
      rest.creditMemoDate ?? row.creditMemoDate,
    );
  }
  data.salesCreditMemos.update(row.id, patch);
  recomputeDocument(data, "creditMemo", row.id);
}

/** What PostCreditMemo and Sales-Post refuse about the lines, before anything is posted. */
export function checkCreditMemoLines(lines: readonly SalesLineRow[]): void {
  if (lines.length === 0) throw dialogError(NO_LINES);
  if (lines.some((l) => l.lineType !== "Comment" && l.lineObjectNumber !== "" && l.quantity === 0)) {
    throw dialogError(LINE_WITHOUT_QUANTITY);
  }
  if (!lines.some((l) => l.lineType !== "Comment" && l.quantity !== 0)) throw dialogError("There is nothing to post.");
}

/**
 * salesCreditMemos({id})/Microsoft.NAV.post (the page's Post → PostCreditMemo → Sales-Post):
 * items come back into stock at the line's location (a positive Sale entry of document type
 * Sales Credit Memo), the customer is credited (receivables) against the lines' sales accounts,
 * and an Applies-to invoice is closed by what the credit memo covers. The posted credit memo keeps
 * its id and number; it is Paid when fully applied, otherwise Open.
 */
export function postSalesCreditMemo(
  data: CompanyData,
  now: () => number,
  id: string,
  options: { itemEntries: boolean } = { itemEntries: true },
): void {
  const memo = data.salesCreditMemos.get(id);
  if (!memo) throw new BcError(400, "Application_DialogException", "The credit memo cannot be found.");
  if (memo.status !== "Draft") throw dialogError(DRAFT_ONLY);
  const lines = data.salesCreditMemoLines
    .filter((l) => l.documentId === memo.id)
    .sort((a, b) => a.sequence - b.sequence);
  checkCreditMemoLines(lines);
  const customerNumber = memo.billToCustomerNumber || memo.customerNumber;
  checkCustomerNotBlocked(data, customerNumber, "Credit Memo");
  if (memo.invoiceNumber) findOpenInvoice(data, customerNumber, memo.invoiceNumber, true);
  const postingDate = memo.postingDate || isoDate(now());
  // A return order's receipt has already brought the items back (return-orders.ts).
  for (const l of options.itemEntries ? lines : []) {
    const item = l.lineType === "Item" ? data.items.get(l.itemId) : undefined;
    if (item?.type !== "Inventory" || l.quantity === 0) continue;
    postItemLedgerEntry(data, {
      ...keyOfLine(data, l),
      entryType: "Sale",
      documentNumber: memo.number,
      documentType: "Sales Credit Memo",
      sourceNumber: memo.customerNumber,
      sourceType: "Customer",
      description: l.description,
      quantity: l.quantity,
      postingDate,
      salesAmountActual: -l.netAmount,
      costAmountActual: round2(l.quantity * item.unitCost),
    });
  }
  const entry = postSalesDocumentLedgers(
    data,
    {
      postingDate,
      documentNumber: memo.number,
      documentType: "Credit Memo",
      externalDocumentNumber: memo.externalDocumentNumber,
      sourceType: "Customer",
      sourceNumber: customerNumber,
    },
    memo,
    lines,
    -1,
  );
  if (memo.invoiceNumber) applyToInvoice(data, entry, memo.invoiceNumber);
  const open = data.customerLedgerEntries.get(entry.id)?.open ?? true;
  data.salesCreditMemos.update(memo.id, { status: open ? "Open" : "Paid", postingDate });
}
