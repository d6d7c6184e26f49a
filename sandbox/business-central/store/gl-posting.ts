import { BcError } from "../bc-error.ts";
import type { CompanyData } from "./company-data.ts";
import { round2 } from "./defaults.ts";
import type { CustomerLedgerEntryRow, GeneralLedgerEntryRow, GenJournalDocumentType } from "./money-row-types.ts";
import type { SalesInvoiceRow, SalesLineRow } from "./row-types.ts";

/**
 * Posting to the general ledger, the way Gen. Jnl.-Post Line leaves it: every posted amount is a G/L
 * entry (debit positive), a customer amount is also a Cust. Ledger Entry on the customer posting
 * group's receivables account, and an applies-to closes (part of) an open invoice. The sandbox has
 * one posting setup, Cronus' DOMESTIC/RETAIL: receivables 2310, item sales 6110, resources 6410,
 * payables 5410. No VAT/sales tax is posted (the sandbox's documents carry none).
 */
export const POSTING_SETUP = { receivables: "2310", payables: "5410", itemSales: "6110", resourceSales: "6410" };

export interface PostingDoc {
  postingDate: string;
  documentNumber: string;
  documentType: GenJournalDocumentType;
  externalDocumentNumber: string;
  sourceType: GeneralLedgerEntryRow["sourceType"];
  sourceNumber: string;
}

export function postGlEntry(
  data: CompanyData,
  doc: PostingDoc,
  accountNumber: string,
  amount: number,
  description: string,
): GeneralLedgerEntryRow {
  const account = data.accounts.find((a) => a.number === accountNumber);
  if (!account) {
    throw new BcError(
      400,
      "Internal_RecordNotFound",
      `The G/L Account does not exist. Identification fields and values: No.='${accountNumber}'`,
    );
  }
  const value = round2(amount);
  return data.generalLedgerEntries.insert({
    entryNumber: data.generalLedgerEntries.size() + 1,
    postingDate: doc.postingDate,
    documentNumber: doc.documentNumber,
    documentType: doc.documentType,
    accountId: account.id,
    accountNumber: account.number,
    description,
    debitAmount: value > 0 ? value : 0,
    creditAmount: value < 0 ? -value : 0,
    additionalCurrencyDebitAmount: 0,
    additionalCurrencyCreditAmount: 0,
    externalDocumentNumber: doc.externalDocumentNumber,
    sourceType: doc.sourceType,
    sourceNumber: doc.sourceNumber,
  });
}

/** A customer amount: the receivables G/L entry and the Cust. Ledger Entry (open while it has a remainder). */
export function postCustomerAmount(
  data: CompanyData,
  doc: PostingDoc,
  customerNumber: string,
  amount: number,
  description: string,
): CustomerLedgerEntryRow {
  const value = round2(amount);
  postGlEntry(
    data,
    { ...doc, sourceType: "Customer", sourceNumber: customerNumber },
    POSTING_SETUP.receivables,
    value,
    description,
  );
  return data.customerLedgerEntries.insert({
    entryNumber: data.customerLedgerEntries.size() + 1,
    customerNumber,
    postingDate: doc.postingDate,
    documentType: doc.documentType,
    documentNumber: doc.documentNumber,
    externalDocumentNumber: doc.externalDocumentNumber,
    description,
    amount: value,
    remainingAmount: value,
    open: value !== 0,
  });
}

/**
 * Applies a posted payment or credit memo entry (negative) to the open invoice `invoiceNumber` of
 * the same customer, as Gen. Jnl.-Post Line does with an Applies-to Doc. No.: the invoice's
 * remaining amount goes down by what the entry covers, and the invoice is Paid at 0. The filter and
 * the "no entry" message are BC's (OldCustLedgEntry.FindFirst in PrepareTempCustLedgEntry).
 */
export function findOpenInvoice(
  data: CompanyData,
  customerNumber: string,
  invoiceNumber: string,
  required: boolean,
): SalesInvoiceRow | undefined {
  const invoice = data.salesInvoices.find(
    (i) =>
      i.number === invoiceNumber &&
      i.status !== "Draft" &&
      (i.billToCustomerNumber || i.customerNumber) === customerNumber &&
      i.remainingAmount !== 0,
  );
  if (!invoice && required) {
    // Guess at the code: a FindFirst that finds nothing reaches API callers as a missing record.
    throw new BcError(
      400,
      "Internal_RecordNotFound",
      `There is no Cust. Ledger Entry within the filter.  Filters: Document No.: ${invoiceNumber}, Document Type: Invoice, Customer No.: ${customerNumber}, Open: Yes`,
    );
  }
  return invoice;
}

/**
 * Applies a posted payment or credit memo entry (negative) to the open invoice `invoiceNumber` of
 * the same customer, as Gen. Jnl.-Post Line does with an Applies-to Doc. No.: the invoice's
 * remaining amount goes down by what the entry covers, and the invoice is Paid at 0. The filter and
 * the "no entry" message are BC's (OldCustLedgEntry.FindFirst in PrepareTempCustLedgEntry); callers
 * check first (findOpenInvoice) so a refusal comes before anything is posted. An invoice that an
 * earlier line of the same posting closed leaves this entry open.
 */
export function applyToInvoice(data: CompanyData, entry: CustomerLedgerEntryRow, invoiceNumber: string): void {
  const invoice = findOpenInvoice(data, entry.customerNumber, invoiceNumber, false);
  if (!invoice) return;
  const applied = round2(Math.min(invoice.remainingAmount, -entry.remainingAmount));
  if (applied <= 0) return;
  const remaining = round2(invoice.remainingAmount - applied);
  data.salesInvoices.update(invoice.id, { remainingAmount: remaining, status: remaining === 0 ? "Paid" : "Open" });
  const invoiceEntry = data.customerLedgerEntries.find(
    (e) =>
      e.documentType === "Invoice" && e.documentNumber === invoice.number && e.customerNumber === entry.customerNumber,
  );
  if (invoiceEntry) {
    data.customerLedgerEntries.update(invoiceEntry.id, { remainingAmount: remaining, open: remaining !== 0 });
  }
  const left = round2(entry.remainingAmount + applied);
  data.customerLedgerEntries.update(entry.id, { remainingAmount: left, open: left !== 0 });
}

/** The G/L account a posted sales line's amount goes to. */
function salesAccountOf(line: SalesLineRow): string {
  if (line.lineType === "Account") return line.lineObjectNumber;
  if (line.lineType === "Resource") return POSTING_SETUP.resourceSales;
  return POSTING_SETUP.itemSales;
}

/**
 * What posting a sales invoice (sign 1) or credit memo (sign -1) puts in the ledgers: the customer's
 * total on receivables and its Cust. Ledger Entry, each line's net amount on its sales account.
 */
export function postSalesDocumentLedgers(
  data: CompanyData,
  doc: PostingDoc,
  header: {
    customerNumber: string;
    billToCustomerNumber: string;
    totalAmountIncludingTax: number;
    customerName: string;
  },
  lines: SalesLineRow[],
  sign: 1 | -1,
): CustomerLedgerEntryRow {
  const customer = header.billToCustomerNumber || header.customerNumber;
  const description = `${doc.documentType === "Invoice" ? "Invoice" : "Credit Memo"} ${doc.documentNumber}`;
  const entry = postCustomerAmount(data, doc, customer, sign * header.totalAmountIncludingTax, description);
  const glDoc = { ...doc, sourceType: "Customer" as const, sourceNumber: customer };
  for (const line of lines) {
    if (line.lineType === "Comment" || line.netAmount === 0) continue;
    postGlEntry(data, glDoc, salesAccountOf(line), -sign * line.netAmount, line.description || description);
  }
  return entry;
}

/** Net change per account, rebuilt when the company has written anything since (its row version moved). */
const netChanges = new WeakMap<CompanyData, { version: number; sums: Map<string, number> }>();

/** Net change of a posting account: the sum of its G/L entries (BC's FlowField, no date filter). */
export function netChangeOf(data: CompanyData, accountNumber: string): number {
  const version = data.clock.state().version;
  let cached = netChanges.get(data);
  if (cached?.version !== version) {
    const sums = new Map<string, number>();
    for (const e of data.generalLedgerEntries.all()) {
      sums.set(e.accountNumber, (sums.get(e.accountNumber) ?? 0) + e.debitAmount - e.creditAmount);
    }
    cached = { version, sums };
    netChanges.set(data, cached);
  }
  return round2(cached.sums.get(accountNumber) ?? 0);
}

/**
 * Customer.CheckBlockedCustOnJnls / CheckBlockedCustOnDocs: Blocked All refuses every posting,
 * Blocked Invoice refuses invoices and journal lines without a document type.
 */
export function checkCustomerNotBlocked(
  data: CompanyData,
  customerNumber: string,
  documentType: GenJournalDocumentType,
): void {
  const customer = data.customers.find((c) => c.number === customerNumber);
  if (!customer) return;
  if (
    customer.blocked === "All" ||
    (customer.blocked === "Invoice" && (documentType === "Invoice" || documentType === " "))
  ) {
    throw new BcError(
      400,
      "Application_DialogException",
      `You cannot post this type of document when Customer ${customer.number} is blocked with type ${customer.blocked}`,
    );
  }
}
