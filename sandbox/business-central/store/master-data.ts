import { BcError, referencedNotFound } from "../bc-error.ts";
import type { CustomerPaymentInput, ItemInput } from "../http/body-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import { definedOnly, isoDate } from "./defaults.ts";
import { checkItemTypeChange } from "./item-type.ts";
import { EMPTY_GUID, type ItemRow } from "./row-types.ts";

/** Guess at status and wording: BC refuses a duplicate primary key on insert. */
function duplicateKey(table: string, fields: string): BcError {
  return new BcError(
    400,
    "Internal_EntityWithSameKeyExists",
    `The record in table ${table} already exists. Identification fields and values: ${fields}`,
  );
}

/** Items: the No. series allows manual numbers (a Cronus default), so a client-sent number is kept. */
export function createItem(data: CompanyData, input: ItemInput): ItemRow {
  const number = input.number ?? data.series.take("item");
  if (data.items.find((i) => i.number.toUpperCase() === number.toUpperCase())) {
    throw duplicateKey("Item", `No.='${number}'`);
  }
  return data.items.insert({
    number,
    displayName: "",
    displayName2: "",
    type: "Inventory",
    itemCategoryId: EMPTY_GUID,
    itemCategoryCode: "",
    blocked: false,
    gtin: "",
    inventory: 0,
    unitPrice: 0,
    priceIncludesTax: false,
    unitCost: 0,
    taxGroupId: EMPTY_GUID,
    taxGroupCode: "",
    baseUnitOfMeasureId: EMPTY_GUID,
    baseUnitOfMeasureCode: "PCS",
    generalProductPostingGroupCode: "RETAIL",
    inventoryPostingGroupCode: "RESALE",
    salesBlocked: false,
    vendorNumber: "",
    vendorItemNumber: "",
    grossWeight: 0,
    netWeight: 0,
    unitVolume: 0,
    tariffNumber: "",
    countryRegionOfOriginCode: "",
    ...definedOnly(input),
  });
}

export function patchItem(data: CompanyData, id: string, input: ItemInput): void {
  const { id: _id, ...rest } = input;
  if (rest.number !== undefined) {
    const clash = data.items.find((i) => i.id !== id && i.number.toUpperCase() === rest.number!.toUpperCase());
    if (clash) throw duplicateKey("Item", `No.='${rest.number}'`);
  }
  const item = data.items.get(id);
  if (item && rest.type !== undefined) checkItemTypeChange(data, item, rest.type);
  data.items.update(id, definedOnly(rest));
}

/** A cash receipt journal line. Amount is negative for a receipt, as in BC. Not posted by the sandbox. */
export function createCustomerPayment(
  data: CompanyData,
  now: () => number,
  input: CustomerPaymentInput,
  journalId: string | undefined,
) {
  const journal =
    data.customerPaymentJournals.get(journalId ?? input.journalId ?? "") ??
    (journalId === undefined && input.journalId === undefined ? data.customerPaymentJournals.all()[0] : undefined);
  if (!journal) throw referencedNotFound("Gen. Journal Batch", `SystemId='${journalId ?? input.journalId ?? ""}'`);
  const customer = input.customerId
    ? data.customers.get(input.customerId)
    : input.customerNumber
      ? data.customers.find((c) => c.number === input.customerNumber)
      : undefined;
  if ((input.customerId || input.customerNumber) && !customer) {
    throw referencedNotFound(
      "Customer",
      input.customerId ? `SystemId='${input.customerId}'` : `No.='${input.customerNumber}'`,
    );
  }
  const invoice = input.appliesToInvoiceId
    ? data.salesInvoices.get(input.appliesToInvoiceId)
    : input.appliesToInvoiceNumber
      ? data.salesInvoices.find((i) => i.number === input.appliesToInvoiceNumber)
      : undefined;
  if ((input.appliesToInvoiceId || input.appliesToInvoiceNumber) && !invoice) {
    throw referencedNotFound(
      "Sales Invoice Header",
      input.appliesToInvoiceId ? `SystemId='${input.appliesToInvoiceId}'` : `No.='${input.appliesToInvoiceNumber}'`,
    );
  }
  const lines = data.customerPayments.filter((p) => p.journalId === journal.id);
  const lineNumber = input.lineNumber ?? Math.max(0, ...lines.map((l) => l.lineNumber)) + 10000;
  return data.customerPayments.insert({
    ...(input.id ? { id: input.id } : {}),
    journalId: journal.id,
    journalDisplayName: journal.code,
    lineNumber,
    customerId: customer?.id ?? EMPTY_GUID,
    customerNumber: customer?.number ?? "",
    postingDate: input.postingDate ?? isoDate(now()),
    documentNumber: input.documentNumber ?? data.series.take("customerPayment"),
    externalDocumentNumber: input.externalDocumentNumber ?? "",
    amount: input.amount ?? 0,
    appliesToInvoiceId: invoice?.id ?? EMPTY_GUID,
    appliesToInvoiceNumber: invoice?.number ?? "",
    description: input.description ?? customer?.displayName ?? "",
    comment: input.comment ?? "",
  });
}
