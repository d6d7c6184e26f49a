import type { QueryOptions } from "../odata/query-options.ts";
import {
  createSalesCreditMemo,
  patchSalesCreditMemo,
  postSalesCreditMemo,
  requireDraftCreditMemo,
} from "../store/credit-memos.ts";
import { createCustomerPayment, JOURNAL_FILTER_MISSING, patchCustomerPayment } from "../store/customer-payments.ts";
import { postJournalBatch } from "../store/journal-posting.ts";
import { createJournal, createJournalLine, deleteJournal, patchJournal, patchJournalLine } from "../store/journals.ts";
import type { JournalLineRow, JournalRow, SalesCreditMemoRow, SalesReturnOrderRow } from "../store/money-row-types.ts";
import { createPaymentJournal, deletePaymentJournal, patchPaymentJournal } from "../store/payment-journals.ts";
import { createReturnOrder, patchReturnOrder, receiveAndCredit } from "../store/return-orders.ts";
import type { CustomerPaymentRow, PaymentJournalRow } from "../store/row-types.ts";
import { deleteDocument } from "../store/sales-document-lines.ts";
import type { Table } from "../store/table.ts";
import { dialogError } from "../store/validation.ts";
import { API_PAGES } from "./api-pages.ts";
import { CUSTOM_PAGES } from "./custom-pages.ts";
import { filtersOn } from "./customer-sets.ts";
import type { EntitySetDef } from "./entity-sets.ts";
import {
  customerPaymentInputSchema,
  journalInputSchema,
  journalLineInputSchema,
  paymentJournalInputSchema,
  returnOrderInputSchema,
  salesCreditMemoInputSchema,
} from "./money-schemas.ts";

const asTable = <T>(table: Table<T & { id: string; lastModifiedDateTime: string }>) =>
  table as unknown as Table<{ id: string; lastModifiedDateTime: string }>;

/**
 * The journal line pages' CheckFilters (OnAfterGetCurrRecord): read without a journal (the parent
 * batch's SubPageLink, or a $filter on journalId or id), they refuse in the page's words.
 */
function requireJournalFilter(options: QueryOptions, parentId: string | undefined): void {
  if (parentId) return;
  if (!filtersOn(options.filter, "journalId") && !filtersOn(options.filter, "id")) {
    throw dialogError(JOURNAL_FILTER_MISSING);
  }
}

/** Standard API v2.0 sets for payments, journals, ledgers and credit memos (merged into STANDARD_SETS). */
export const MONEY_STANDARD_SETS: Record<string, EntitySetDef> = {
  customerPaymentJournals: {
    entityType: "customerPaymentJournal",
    page: API_PAGES.customerPaymentJournal,
    table: (d) => asTable(d.customerPaymentJournals),
    defaultOrder: ["code"],
    navigation: { customerPayments: ["customerPayments", "journalId"] },
    create: (ctx, body) => createPaymentJournal(ctx.data, paymentJournalInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchPaymentJournal(ctx.data, row as PaymentJournalRow, paymentJournalInputSchema.parse(body)),
    remove: (ctx, row) => deletePaymentJournal(ctx.data, row as PaymentJournalRow),
  },
  customerPayments: {
    entityType: "customerPayment",
    page: API_PAGES.customerPayment,
    table: (d) => asTable(d.customerPayments),
    defaultOrder: ["journalId", "lineNumber"],
    checkList: requireJournalFilter,
    create: (ctx, body, parentId) =>
      createCustomerPayment(ctx.data, ctx.now, customerPaymentInputSchema.parse(body), parentId),
    patch: (ctx, row, body) =>
      patchCustomerPayment(ctx.data, row as CustomerPaymentRow, customerPaymentInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.customerPayments.delete(row.id),
  },
  journals: {
    entityType: "journal",
    page: API_PAGES.journal,
    table: (d) => asTable(d.journals),
    defaultOrder: ["code"],
    navigation: { journalLines: ["journalLines", "journalId"] },
    // The page's OnFindRecord finds a batch by SystemId whatever its template: a cash receipt
    // (customer payment) batch is reachable here too, which is how its lines are posted.
    resolve: (d, id) => d.journals.get(id) ?? d.customerPaymentJournals.get(id),
    create: (ctx, body) => createJournal(ctx.data, journalInputSchema.parse(body)),
    patch: (ctx, row, body) => patchJournal(ctx.data, row as JournalRow, journalInputSchema.parse(body)),
    remove: (ctx, row) => deleteJournal(ctx.data, row as JournalRow),
    actions: { "Microsoft.NAV.post": (ctx, row) => postJournalBatch(ctx.data, row.id) },
  },
  journalLines: {
    entityType: "journalLine",
    page: API_PAGES.journalLine,
    table: (d) => asTable(d.journalLines),
    defaultOrder: ["journalId", "lineNumber"],
    checkList: requireJournalFilter,
    create: (ctx, body, parentId) => createJournalLine(ctx.data, ctx.now, journalLineInputSchema.parse(body), parentId),
    patch: (ctx, row, body) => patchJournalLine(ctx.data, row as JournalLineRow, journalLineInputSchema.parse(body)),
    remove: (ctx, row) => void ctx.data.journalLines.delete(row.id),
  },
  // Editable = false, InsertAllowed/ModifyAllowed/DeleteAllowed = false.
  generalLedgerEntries: {
    entityType: "generalLedgerEntry",
    page: API_PAGES.generalLedgerEntry,
    table: (d) => asTable(d.generalLedgerEntries),
    defaultOrder: ["entryNumber"],
  },
  // The page allows writes; the sandbox serves bank accounts read-only (the seed has what the app needs).
  bankAccounts: {
    entityType: "bankAccount",
    page: API_PAGES.bankAccount,
    table: (d) => asTable(d.bankAccounts),
    defaultOrder: ["number"],
  },
  salesCreditMemos: {
    entityType: "salesCreditMemo",
    page: API_PAGES.salesCreditMemo,
    table: (d) => asTable(d.salesCreditMemos),
    defaultOrder: ["number"],
    navigation: { salesCreditMemoLines: ["salesCreditMemoLines", "documentId"] },
    create: (ctx, body) => createSalesCreditMemo(ctx, salesCreditMemoInputSchema.parse(body)),
    patch: (ctx, row, body) =>
      patchSalesCreditMemo(ctx, row as SalesCreditMemoRow, salesCreditMemoInputSchema.parse(body)),
    remove(ctx, row) {
      requireDraftCreditMemo(ctx.data, row.id);
      deleteDocument(ctx.data, "creditMemo", row.id);
    },
    actions: { "Microsoft.NAV.post": (ctx, row) => postSalesCreditMemo(ctx.data, ctx.now, row.id) },
  },
  // APIV2 - Sales Ret. Orders / Ret. Ord. Lines (version 29): read-only; returnOrders (companion) writes.
  salesReturnOrders: {
    entityType: "salesReturnOrder",
    page: API_PAGES.salesReturnOrder,
    table: (d) => asTable(d.salesReturnOrders),
    defaultOrder: ["number"],
    navigation: { salesReturnOrderLines: ["salesReturnOrderLines", "documentId"] },
  },
  salesReturnOrderLines: {
    entityType: "salesReturnOrderLine",
    page: API_PAGES.salesReturnOrderLine,
    table: (d) => asTable(d.salesReturnOrderLines),
    // The page shows the Document No., not the header's id.
    defaultOrder: ["documentNumber", "sequence"],
  },
};

/** Companion pages for returns (merged into CUSTOM_SETS); `lines` is the shared sales line set for return orders. */
export function moneyCustomSets(lines: EntitySetDef): Record<string, EntitySetDef> {
  return {
    returnOrders: {
      entityType: "returnOrder",
      page: CUSTOM_PAGES.returnOrder,
      table: (d) => asTable(d.salesReturnOrders),
      defaultOrder: ["number"],
      navigation: { returnOrderLines: ["returnOrderLines", "documentId"] },
      create: (ctx, body) => createReturnOrder(ctx, returnOrderInputSchema.parse(body)),
      patch: (ctx, row, body) => patchReturnOrder(ctx, row as SalesReturnOrderRow, returnOrderInputSchema.parse(body)),
      remove: (ctx, row) => deleteDocument(ctx.data, "returnOrder", row.id),
      actions: { "Microsoft.NAV.receiveAndCredit": (ctx, row) => receiveAndCredit(ctx.data, ctx.now, row.id) },
    },
    returnOrderLines: lines,
  };
}
