import { z } from "zod";

import type {
  BankAccountRow,
  CustomerLedgerEntryRow,
  GeneralLedgerEntryRow,
  JournalLineRow,
  JournalRow,
} from "./money-row-types.ts";

// Snapshot schemas of the money tables (money-row-types.ts); each `satisfies` its row type.

const str = z.string();
const num = z.number();
const int = z.number().int();
const bool = z.boolean();
const base = z.object({ id: z.guid(), lastModifiedDateTime: z.iso.datetime() });

const accountType = z.enum([
  "G/L Account",
  "Customer",
  "Vendor",
  "Bank Account",
  "Fixed Asset",
  "IC Partner",
  "Employee",
]);
const documentType = z.enum([" ", "Payment", "Invoice", "Credit Memo", "Refund"]);

export const journalSchema = base.extend({
  code: str,
  displayName: str,
  templateDisplayName: str,
  balancingAccountId: str,
  balancingAccountNumber: str,
  balancingAccountType: z.enum(["G/L Account", "Bank Account"]),
}) satisfies z.ZodType<JournalRow>;

export const journalLineSchema = base.extend({
  journalId: str,
  journalDisplayName: str,
  lineNumber: int,
  accountType,
  accountId: str,
  accountNumber: str,
  postingDate: str,
  documentNumber: str,
  externalDocumentNumber: str,
  amount: num,
  description: str,
  comment: str,
  taxCode: str,
  balanceAccountType: accountType,
  balancingAccountId: str,
  balancingAccountNumber: str,
}) satisfies z.ZodType<JournalLineRow>;

export const generalLedgerEntrySchema = base.extend({
  entryNumber: int,
  postingDate: str,
  documentNumber: str,
  documentType,
  accountId: str,
  accountNumber: str,
  description: str,
  debitAmount: num,
  creditAmount: num,
  additionalCurrencyDebitAmount: num,
  additionalCurrencyCreditAmount: num,
  externalDocumentNumber: str,
  sourceType: z.enum(["", "Customer", "Vendor", "Bank Account"]),
  sourceNumber: str,
}) satisfies z.ZodType<GeneralLedgerEntryRow>;

export const customerLedgerEntrySchema = base.extend({
  entryNumber: int,
  customerNumber: str,
  postingDate: str,
  documentType,
  documentNumber: str,
  externalDocumentNumber: str,
  description: str,
  amount: num,
  remainingAmount: num,
  open: bool,
}) satisfies z.ZodType<CustomerLedgerEntryRow>;

export const bankAccountSchema = base.extend({
  number: str,
  displayName: str,
  bankAccountNumber: str,
  blocked: bool,
  currencyCode: str,
  iban: str,
  intercompanyEnabled: bool,
  glAccountNumber: str,
}) satisfies z.ZodType<BankAccountRow>;

/** The credit memo header: the sales header's address and totals schemas plus its own fields. */
export function salesCreditMemoSchema<A extends z.ZodRawShape, T extends z.ZodRawShape>(
  addresses: z.ZodObject<A>,
  totals: z.ZodObject<T>,
) {
  return base.extend({
    ...addresses.shape,
    ...totals.shape,
    number: str,
    externalDocumentNumber: str,
    creditMemoDate: str,
    postingDate: str,
    dueDate: str,
    invoiceId: str,
    invoiceNumber: str,
    status: z.enum(["Draft", "In Review", "Open", "Canceled", "Corrective", "Paid"]),
    paymentTermsCode: str,
    shipmentMethodCode: str,
  });
}

/** The return order header, from the sales header's address and totals schemas. */
export function salesReturnOrderSchema<A extends z.ZodRawShape, T extends z.ZodRawShape>(
  addresses: z.ZodObject<A>,
  totals: z.ZodObject<T>,
) {
  return base.extend({
    ...addresses.shape,
    ...totals.shape,
    number: str,
    externalDocumentNumber: str,
    documentDate: str,
    postingDate: str,
    dueDate: str,
    orderDate: str,
    requestedDeliveryDate: str,
    invoiceId: str,
    invoiceNumber: str,
    locationCode: str,
    status: z.enum(["Open", "Released", "Pending Approval", "Pending Prepayment"]),
    paymentTermsCode: str,
    shipmentMethodCode: str,
  });
}
