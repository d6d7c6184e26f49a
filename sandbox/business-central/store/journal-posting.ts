import { BcError } from "../bc-error.ts";
import type { CompanyData } from "./company-data.ts";
import { BLANK_DATE, round2 } from "./defaults.ts";
import {
  applyToInvoice,
  checkCustomerNotBlocked,
  findOpenInvoice,
  postCustomerAmount,
  postGlEntry,
  POSTING_SETUP,
} from "./gl-posting.ts";
import { journalLineKey } from "./journals.ts";
import type { GenJournalAccountType, GenJournalDocumentType } from "./money-row-types.ts";
import type { PaymentJournalRow } from "./row-types.ts";
import { dialogError, mustHaveValue } from "./validation.ts";

/** One Gen. Journal Line as Gen. Jnl.-Post Batch sees it, from either kind of batch. */
interface PostLine {
  template: string;
  batch: string;
  lineNumber: number;
  postingDate: string;
  documentNumber: string;
  documentType: GenJournalDocumentType;
  externalDocumentNumber: string;
  amount: number;
  description: string;
  account: { type: GenJournalAccountType; number: string };
  balancing: { type: GenJournalAccountType; number: string };
  appliesToInvoiceNumber: string;
}

/** BC's Format() of a decimal in messages: thousands separators, no trailing zeros. */
function formatDecimal(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** A cash receipt batch's balancing account is a G/L account, or a bank account of that number. */
function batchBalancing(data: CompanyData, batch: PaymentJournalRow): PostLine["balancing"] {
  const number = batch.balancingAccountNumber;
  if (number && !data.accounts.find((a) => a.number === number) && data.bankAccounts.find((b) => b.number === number)) {
    return { type: "Bank Account", number };
  }
  return { type: "G/L Account", number };
}

function linesOf(data: CompanyData, batchId: string): PostLine[] | undefined {
  const general = data.journals.get(batchId);
  if (general) {
    return data.journalLines
      .filter((l) => l.journalId === general.id)
      .map((l) => ({
        template: general.templateDisplayName,
        batch: general.code,
        lineNumber: l.lineNumber,
        postingDate: l.postingDate,
        documentNumber: l.documentNumber,
        documentType: " " as const,
        externalDocumentNumber: l.externalDocumentNumber,
        amount: l.amount,
        description: l.description,
        account: { type: l.accountType, number: l.accountNumber },
        balancing: { type: l.balanceAccountType, number: l.balancingAccountNumber },
        appliesToInvoiceNumber: "",
      }));
  }
  const payments = data.customerPaymentJournals.get(batchId);
  if (!payments) return undefined;
  const balancing = batchBalancing(data, payments);
  return data.customerPayments
    .filter((l) => l.journalId === payments.id)
    .map((l) => ({
      template: "CASHRCPT",
      batch: payments.code,
      lineNumber: l.lineNumber,
      postingDate: l.postingDate,
      documentNumber: l.documentNumber,
      documentType: "Payment" as const,
      externalDocumentNumber: l.externalDocumentNumber,
      amount: l.amount,
      description: l.description,
      account: { type: "Customer" as const, number: l.customerNumber },
      balancing,
      appliesToInvoiceNumber: l.appliesToInvoiceNumber,
    }));
}

/** What one line adds to its document's balance: the amount, less itself when a balancing account takes it. */
const balanceOf = (l: PostLine) => (l.account.number ? l.amount : 0) - (l.balancing.number ? l.amount : 0);

/** Gen. Jnl.-Check Line and CheckBalance (Force Doc. Balance, as the GENERAL and CASHRCPT templates have it). */
function check(data: CompanyData, lines: PostLine[]): void {
  for (const l of lines) {
    const key = journalLineKey(l.template, l.batch, l.lineNumber);
    if (!l.postingDate || l.postingDate === BLANK_DATE) throw mustHaveValue("Posting Date", "Gen. Journal Line", key);
    if (!l.documentNumber) throw mustHaveValue("Document No.", "Gen. Journal Line", key);
    if (!l.account.number && !l.balancing.number) throw mustHaveValue("Account No.", "Gen. Journal Line", key);
    for (const side of [l.account, l.balancing]) {
      if (side.type === "Customer" && side.number) checkCustomerNotBlocked(data, side.number, l.documentType);
    }
    if (l.appliesToInvoiceNumber && l.account.type === "Customer") {
      findOpenInvoice(data, l.account.number, l.appliesToInvoiceNumber, true);
    }
  }
  // Lines in line order; a document is a run of lines with the same Document No. and Posting Date.
  let start = 0;
  while (start < lines.length) {
    const first = lines[start]!;
    let end = start;
    let balance = 0;
    while (
      end < lines.length &&
      lines[end]!.documentNumber === first.documentNumber &&
      lines[end]!.postingDate === first.postingDate
    ) {
      balance = round2(balance + balanceOf(lines[end]!));
      end += 1;
    }
    if (balance !== 0) {
      throw dialogError(
        `Document No. ${first.documentNumber} is out of balance by ${formatDecimal(balance)}. Please check that Posting Date, Document Type, Document No. and Amount are correct for each line.`,
      );
    }
    start = end;
  }
}

function postSide(data: CompanyData, l: PostLine, side: PostLine["account"], amount: number): void {
  if (!side.number || amount === 0) return;
  const doc = {
    postingDate: l.postingDate,
    documentNumber: l.documentNumber,
    documentType: l.documentType,
    externalDocumentNumber: l.externalDocumentNumber,
    sourceType: "" as const,
    sourceNumber: "",
  };
  switch (side.type) {
    case "G/L Account":
      postGlEntry(data, doc, side.number, amount, l.description);
      return;
    case "Bank Account": {
      const bank = data.bankAccounts.find((b) => b.number === side.number);
      if (!bank) {
        throw new BcError(
          400,
          "Internal_RecordNotFound",
          `The Bank Account does not exist. Identification fields and values: No.='${side.number}'`,
        );
      }
      postGlEntry(
        data,
        { ...doc, sourceType: "Bank Account", sourceNumber: bank.number },
        bank.glAccountNumber,
        amount,
        l.description,
      );
      return;
    }
    case "Customer": {
      const entry = postCustomerAmount(data, doc, side.number, amount, l.description);
      if (l.appliesToInvoiceNumber && side === l.account) applyToInvoice(data, entry, l.appliesToInvoiceNumber);
      return;
    }
    case "Vendor":
      // No vendor ledger is modelled: only the payables side of the G/L.
      postGlEntry(
        data,
        { ...doc, sourceType: "Vendor", sourceNumber: side.number },
        POSTING_SETUP.payables,
        amount,
        l.description,
      );
      return;
    default:
      throw dialogError(`Posting to ${side.type} is not supported by the sandbox.`);
  }
}

/**
 * journals({id})/Microsoft.NAV.post: Gen. Jnl.-Post on every line of the batch, all or nothing.
 * The page finds the batch by SystemId whatever its template, so a customer payment journal
 * (CASHRCPT) is posted this way too: API v2.0's customerPaymentJournals page has no post action.
 * Posted lines leave the batch; the batch stays. Returns false when `batchId` is no batch.
 */
export function postJournalBatch(data: CompanyData, batchId: string): void {
  const lines = linesOf(data, batchId);
  if (!lines) throw dialogError(`The General Journal Batch with ID ${batchId} cannot be found.`);
  if (lines.length === 0) throw dialogError("There is nothing to post.");
  lines.sort((a, b) => a.lineNumber - b.lineNumber);
  // Gen. Jnl.-Post Batch skips empty lines (no accounts, no amount).
  const toPost = lines.filter((l) => l.account.number || l.balancing.number || l.amount !== 0);
  check(data, toPost);
  for (const l of toPost) {
    postSide(data, l, l.account, l.amount);
    postSide(data, l, l.balancing, -l.amount);
  }
  const table = data.journals.get(batchId) ? data.journalLines : data.customerPayments;
  for (const row of table.filter((r) => r.journalId === batchId.toLowerCase())) table.delete(row.id);
}
