import { z } from "zod";

import { lineInputSchema } from "./body-schemas.ts";

// Request bodies of the money entity sets. Strict, as BC refuses a property its entity type lacks.

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "not a GUID");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "not a date (yyyy-mm-dd)");
const accountType = z.enum([
  "G/L Account",
  "Customer",
  "Vendor",
  "Bank Account",
  "Fixed Asset",
  "IC Partner",
  "Employee",
]);

export const customerPaymentInputSchema = z.strictObject({
  id: guid.optional(),
  journalId: guid.optional(),
  journalDisplayName: z.string().optional(),
  lineNumber: z.number().int().optional(),
  customerId: guid.optional(),
  customerNumber: z.string().max(20).optional(),
  postingDate: date.optional(),
  documentNumber: z.string().max(20).optional(),
  externalDocumentNumber: z.string().max(35).optional(),
  amount: z.number().optional(),
  appliesToInvoiceId: guid.optional(),
  appliesToInvoiceNumber: z.string().max(20).optional(),
  description: z.string().max(100).optional(),
  comment: z.string().max(250).optional(),
});
export type CustomerPaymentInput = z.infer<typeof customerPaymentInputSchema>;

/** customerPaymentJournals (Gen. Journal Batch of the CASHRCPT template); balancingAccountNumber is read-only. */
export const paymentJournalInputSchema = z.strictObject({
  id: guid.optional(),
  code: z.string().min(1).max(10).optional(),
  displayName: z.string().max(100).optional(),
  balancingAccountId: guid.optional(),
});
export type PaymentJournalInput = z.infer<typeof paymentJournalInputSchema>;

/** journals (Gen. Journal Batch of the GENERAL template). */
export const journalInputSchema = z.strictObject({
  id: guid.optional(),
  code: z.string().min(1).max(10).optional(),
  displayName: z.string().max(100).optional(),
  templateDisplayName: z.string().max(10).optional(),
  balancingAccountId: guid.optional(),
});
export type JournalInput = z.infer<typeof journalInputSchema>;

export const journalLineInputSchema = z.strictObject({
  id: guid.optional(),
  journalId: guid.optional(),
  journalDisplayName: z.string().optional(),
  lineNumber: z.number().int().optional(),
  accountType: accountType.optional(),
  accountId: guid.optional(),
  accountNumber: z.string().max(20).optional(),
  postingDate: date.optional(),
  documentNumber: z.string().max(20).optional(),
  externalDocumentNumber: z.string().max(35).optional(),
  amount: z.number().optional(),
  description: z.string().max(100).optional(),
  comment: z.string().max(250).optional(),
  taxCode: z.string().max(20).optional(),
  balanceAccountType: accountType.optional(),
  balancingAccountId: guid.optional(),
  balancingAccountNumber: z.string().max(20).optional(),
});
export type JournalLineInput = z.infer<typeof journalLineInputSchema>;

export const salesCreditMemoInputSchema = z.strictObject({
  id: guid.optional(),
  number: z.string().optional(),
  externalDocumentNumber: z.string().optional(),
  creditMemoDate: date.optional(),
  postingDate: date.optional(),
  dueDate: date.optional(),
  customerId: guid.optional(),
  customerNumber: z.string().optional(),
  billToCustomerId: guid.optional(),
  billToCustomerNumber: z.string().optional(),
  currencyCode: z.string().optional(),
  pricesIncludeTax: z.boolean().optional(),
  discountAmount: z.number().optional(),
  paymentTermsId: guid.optional(),
  shipmentMethodId: guid.optional(),
  invoiceId: guid.optional(),
  invoiceNumber: z.string().optional(),
  phoneNumber: z.string().optional(),
  email: z.string().optional(),
  billToName: z.string().optional(),
  sellToAddressLine1: z.string().optional(),
  sellToAddressLine2: z.string().optional(),
  sellToCity: z.string().optional(),
  sellToCountry: z.string().optional(),
  sellToState: z.string().optional(),
  sellToPostCode: z.string().optional(),
  billToAddressLine1: z.string().optional(),
  billToAddressLine2: z.string().optional(),
  billToCity: z.string().optional(),
  billToCountry: z.string().optional(),
  billToState: z.string().optional(),
  billToPostCode: z.string().optional(),
  salesCreditMemoLines: z.array(lineInputSchema).optional(),
});
export type SalesCreditMemoInput = z.infer<typeof salesCreditMemoInputSchema>;

/** The companion page returnOrders (Sales Header, Document Type Return Order). */
export const returnOrderInputSchema = z.strictObject({
  id: guid.optional(),
  number: z.string().optional(),
  externalDocumentNumber: z.string().optional(),
  documentDate: date.optional(),
  postingDate: date.optional(),
  customerId: guid.optional(),
  customerNumber: z.string().optional(),
  invoiceId: guid.optional(),
  invoiceNumber: z.string().optional(),
  locationCode: z.string().max(10).optional(),
  // Sales Header fields the page shows editable, as API v2.0's credit memo page does.
  currencyCode: z.string().max(10).optional(),
  pricesIncludeTax: z.boolean().optional(),
  returnOrderLines: z.array(lineInputSchema).optional(),
});
export type ReturnOrderInput = z.infer<typeof returnOrderInputSchema>;
