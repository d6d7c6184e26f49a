import type { CodeDescriptionInput, PaymentTermInput } from "../http/customer-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import type { CodeDescriptionRow, PaymentTermRow } from "./customer-row-types.ts";
import { normaliseDateFormula } from "./date-formula.ts";
import { definedOnly } from "./defaults.ts";
import { checkLengths, code, duplicateKey, mustHaveValue, relationNotFound } from "./validation.ts";

/**
 * Payment Terms, Payment Methods and Shipment Methods: the code lists API v2.0 serves at
 * paymentTerms, paymentMethods and shipmentMethods (GET, POST, PATCH, DELETE). A PATCH that
 * changes `code` renames the record, and BC's rename carries the new code into every field
 * related to it (customers, templates, open documents), as here.
 */
export type CodeList = "paymentTerms" | "paymentMethods" | "shipmentMethods";

const TABLE_CAPTION: Record<CodeList, string> = {
  paymentTerms: "Payment Terms",
  paymentMethods: "Payment Method",
  shipmentMethods: "Shipment Method",
};

/** Fields that hold a code of the list, per table (what a rename updates). */
const RELATED: Record<CodeList, { customer: "paymentTermsCode" | "paymentMethodCode" | "shipmentMethodCode" }> = {
  paymentTerms: { customer: "paymentTermsCode" },
  paymentMethods: { customer: "paymentMethodCode" },
  shipmentMethods: { customer: "shipmentMethodCode" },
};

function checkCode(data: CompanyData, list: CodeList, value: string, except?: string): void {
  if (value === "") throw mustHaveValue("Code", TABLE_CAPTION[list], "Code=''");
  const clash = (data[list].all() as CodeDescriptionRow[]).find((r) => r.id !== except && r.code === value);
  if (clash) throw duplicateKey(TABLE_CAPTION[list], `Code='${value}'`);
}

function termFields(input: PaymentTermInput) {
  // Payment Terms: Code Code[10], Description Text[100].
  checkLengths([
    [input.code, 10],
    [input.displayName, 100],
  ]);
  return definedOnly({
    ...input,
    code: code(input.code),
    dueDateCalculation:
      input.dueDateCalculation === undefined ? undefined : normaliseDateFormula(input.dueDateCalculation),
    discountDateCalculation:
      input.discountDateCalculation === undefined ? undefined : normaliseDateFormula(input.discountDateCalculation),
  });
}

export function createPaymentTerm(data: CompanyData, input: PaymentTermInput): PaymentTermRow {
  const fields = termFields(input);
  checkCode(data, "paymentTerms", fields.code ?? "");
  return data.paymentTerms.insert({
    code: "",
    displayName: "",
    dueDateCalculation: "",
    discountDateCalculation: "",
    discountPercent: 0,
    calculateDiscountOnCreditMemos: false,
    ...fields,
  });
}

export function patchPaymentTerm(data: CompanyData, row: PaymentTermRow, input: PaymentTermInput): void {
  const { id: _id, ...fields } = termFields(input);
  if (fields.code !== undefined && fields.code !== row.code) {
    checkCode(data, "paymentTerms", fields.code, row.id);
    renameCode(data, "paymentTerms", row.code, fields.code);
  }
  data.paymentTerms.update(row.id, fields);
}

function descriptionFields(list: CodeList, input: CodeDescriptionInput) {
  // Payment Method: Description Text[100]; Shipment Method: Description Text[50].
  checkLengths([
    [input.code, 10],
    [input.displayName, list === "shipmentMethods" ? 50 : 100],
  ]);
  return definedOnly({ ...input, code: code(input.code) });
}

export function createCodeDescription(
  data: CompanyData,
  list: "paymentMethods" | "shipmentMethods",
  input: CodeDescriptionInput,
) {
  const fields = descriptionFields(list, input);
  checkCode(data, list, fields.code ?? "");
  return data[list].insert({ code: "", displayName: "", ...fields });
}

export function patchCodeDescription(
  data: CompanyData,
  list: "paymentMethods" | "shipmentMethods",
  row: CodeDescriptionRow,
  input: CodeDescriptionInput,
): void {
  const { id: _id, ...fields } = descriptionFields(list, input);
  if (fields.code !== undefined && fields.code !== row.code) {
    checkCode(data, list, fields.code, row.id);
    renameCode(data, list, row.code, fields.code);
  }
  data[list].update(row.id, fields);
}

function renameCode(data: CompanyData, list: CodeList, from: string, to: string): void {
  const field = RELATED[list].customer;
  for (const c of data.customers.filter((r) => r[field] === from)) data.customers.update(c.id, { [field]: to });
  for (const t of data.customerTemplates.filter((r) => r[field] === from)) {
    data.customerTemplates.update(t.id, { [field]: to });
  }
  if (field === "paymentMethodCode") return;
  for (const o of data.salesOrders.filter((r) => r[field] === from)) data.salesOrders.update(o.id, { [field]: to });
  for (const i of data.salesInvoices.filter((r) => r.status === "Draft" && r[field] === from)) {
    data.salesInvoices.update(i.id, { [field]: to });
  }
}

/** The record behind a code ("" and unknown codes have none). */
export function findByCode<T extends CodeDescriptionRow>(
  rows: { find(p: (r: T) => boolean): T | undefined },
  value: string,
) {
  return value === "" ? undefined : rows.find((r) => r.code === value);
}

/** The TableRelations of the terms and methods codes (the other codes' tables are not modelled). */
export function checkRelations(
  data: CompanyData,
  table: string,
  fields: { paymentTermsCode?: string; shipmentMethodCode?: string; paymentMethodCode?: string },
): void {
  const checks = [
    [fields.paymentTermsCode, "Payment Terms Code", "paymentTerms", "Payment Terms"],
    [fields.shipmentMethodCode, "Shipment Method Code", "shipmentMethods", "Shipment Method"],
    [fields.paymentMethodCode, "Payment Method Code", "paymentMethods", "Payment Method"],
  ] as const;
  for (const [value, field, list, related] of checks) {
    if (value && !data[list].find((r) => r.code === value)) throw relationNotFound(field, table, value, related);
  }
}
