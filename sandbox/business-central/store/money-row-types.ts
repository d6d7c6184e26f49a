import type { BaseRow, DocumentAddresses, DocumentTotals, SalesLineRow } from "./row-types.ts";

// Rows of the money side of the sandbox company: general journals, G/L and customer ledger
// entries, bank accounts and sales credit memos. Type aliases (not interfaces) for the same reason
// as row-types.ts: the OData engine reads them as Record<string, unknown>.

/** BC enum "Gen. Journal Account Type" (the values a journal line can name). */
export type GenJournalAccountType =
  "G/L Account" | "Customer" | "Vendor" | "Bank Account" | "Fixed Asset" | "IC Partner" | "Employee";

/** BC enum "Gen. Journal Document Type", the values the sandbox posts. */
export type GenJournalDocumentType = " " | "Payment" | "Invoice" | "Credit Memo" | "Refund";

/**
 * A Gen. Journal Batch of the GENERAL template (API v2.0 `journals`). Cash receipt batches (template
 * CASHRCPT) are the `customerPaymentJournals` table; both are the same BC table, which is why
 * journals({id})/Microsoft.NAV.post posts either.
 */
export type JournalRow = BaseRow & {
  code: string;
  displayName: string;
  templateDisplayName: string;
  balancingAccountId: string;
  balancingAccountNumber: string;
  /** The batch's Bal. Account Type (not on the page; the lines take it). */
  balancingAccountType: "G/L Account" | "Bank Account";
};

/** A Gen. Journal Line of a GENERAL batch (API v2.0 `journalLines`). Document Type is always blank there. */
export type JournalLineRow = BaseRow & {
  journalId: string;
  journalDisplayName: string;
  lineNumber: number;
  accountType: GenJournalAccountType;
  accountId: string;
  accountNumber: string;
  postingDate: string;
  documentNumber: string;
  externalDocumentNumber: string;
  amount: number;
  description: string;
  comment: string;
  taxCode: string;
  balanceAccountType: GenJournalAccountType;
  balancingAccountId: string;
  balancingAccountNumber: string;
};

/** A G/L Entry (table 17), posted and never changed; API v2.0 `generalLedgerEntries` is read-only. */
export type GeneralLedgerEntryRow = BaseRow & {
  entryNumber: number;
  postingDate: string;
  documentNumber: string;
  documentType: GenJournalDocumentType;
  accountId: string;
  accountNumber: string;
  description: string;
  debitAmount: number;
  creditAmount: number;
  additionalCurrencyDebitAmount: number;
  additionalCurrencyCreditAmount: number;
  // Stored, not on the page: what the entry came from.
  externalDocumentNumber: string;
  sourceType: "" | "Customer" | "Vendor" | "Bank Account";
  sourceNumber: string;
};

/**
 * A Cust. Ledger Entry (table 21). API v2.0 has no page for it; it is what the customer's Balance
 * Due and an invoice's Remaining Amount come from, and what an applies-to must find open.
 */
export type CustomerLedgerEntryRow = BaseRow & {
  entryNumber: number;
  customerNumber: string;
  postingDate: string;
  documentType: GenJournalDocumentType;
  documentNumber: string;
  externalDocumentNumber: string;
  description: string;
  amount: number;
  remainingAmount: number;
  open: boolean;
};

/** A Bank Account (table 270; API v2.0 `bankAccounts`). Posting goes to its posting group's G/L account. */
export type BankAccountRow = BaseRow & {
  number: string;
  displayName: string;
  bankAccountNumber: string;
  blocked: boolean;
  currencyCode: string;
  iban: string;
  intercompanyEnabled: boolean;
  /** Bank Acc. Posting Group → G/L Account No. (not on the page). */
  glAccountNumber: string;
};

/**
 * A sales credit memo (Sales Cr. Memo Entity Buffer behind API v2.0 `salesCreditMemos`): a draft
 * Sales Header until Microsoft.NAV.post, then the posted Sales Cr.Memo Header under the same id.
 * `invoiceId`/`invoiceNumber` are its Applies-to Doc. No. (an invoice).
 */
export type SalesCreditMemoRow = BaseRow &
  DocumentAddresses &
  DocumentTotals & {
    number: string;
    externalDocumentNumber: string;
    creditMemoDate: string;
    postingDate: string;
    dueDate: string;
    invoiceId: string;
    invoiceNumber: string;
    status: "Draft" | "In Review" | "Open" | "Canceled" | "Corrective" | "Paid";
    paymentTermsCode: string;
    shipmentMethodCode: string;
  };

/**
 * A sales return order (Sales Header, Document Type Return Order). API v2.0 shows it read-only
 * (`salesReturnOrders`, page 30251, new in version 29); the companion page `returnOrders` creates
 * and posts it. `invoiceId`/`invoiceNumber` are its Applies-to Doc. No. (an invoice).
 */
export type SalesReturnOrderRow = BaseRow &
  DocumentAddresses &
  DocumentTotals & {
    number: string;
    externalDocumentNumber: string;
    documentDate: string;
    postingDate: string;
    dueDate: string;
    orderDate: string;
    requestedDeliveryDate: string;
    invoiceId: string;
    invoiceNumber: string;
    locationCode: string;
    status: "Open" | "Released" | "Pending Approval" | "Pending Prepayment";
    paymentTermsCode: string;
    shipmentMethodCode: string;
  };

/** A return order line: a sales line with what is still to be received and what was. */
export type SalesReturnOrderLineRow = SalesLineRow & { returnQtyToReceive: number; returnQtyReceived: number };
