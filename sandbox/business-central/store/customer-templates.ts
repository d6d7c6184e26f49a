import { referencedNotFound } from "../bc-error.ts";
import type { ApplyTemplateInput, CustomerTemplateInput } from "../http/customer-schemas.ts";
import { checkRelations } from "./code-lists.ts";
import type { CompanyData } from "./company-data.ts";
import type { CustomerTemplateRow } from "./customer-row-types.ts";
import { applyCustomerChange } from "./customers.ts";
import { definedOnly } from "./defaults.ts";
import type { CustomerRow } from "./row-types.ts";
import { checkLengths, code, duplicateKey, mustHaveValue } from "./validation.ts";

/**
 * Customer templates. BC's "Customer Templ." table (1381) has no API v2.0 page, and APIV2 -
 * Customers applies none on insert (its ProcessNewRecordFromAPI applies only Config. Templates
 * picked by selection rules, which a CRONUS company does not have), so the companion extension
 * serves the table at `customerTemplates` (GET/POST/PATCH/DELETE) with a bound action
 * `Microsoft.NAV.applyToCustomer` that runs Customer Templ. Mgt.'s ApplyCustomerTemplate on a
 * customer: the Shopify connector's way of giving a new customer its terms and posting groups.
 */

const TABLE = "Customer Templ.";

function fields(input: CustomerTemplateInput) {
  const { id: _id, ...rest } = input;
  // Code Code[20], Description Text[100], posting groups Code[20], terms/methods/currency/country
  // Code[10], Tax Area Code Code[20], Customer Price Group Code[10], Customer Disc. Group Code[20].
  checkLengths([
    [rest.code, 20],
    [rest.description, 100],
    [rest.customerPostingGroup, 20],
    [rest.genBusPostingGroup, 20],
    [rest.vatBusPostingGroup, 20],
    [rest.paymentTermsCode, 10],
    [rest.paymentMethodCode, 10],
    [rest.shipmentMethodCode, 10],
    [rest.currencyCode, 10],
    [rest.countryRegionCode, 10],
    [rest.taxAreaCode, 20],
    [rest.customerPriceGroup, 10],
    [rest.customerDiscountGroup, 20],
  ]);
  const out = definedOnly({
    ...rest,
    code: code(rest.code),
    customerPostingGroup: code(rest.customerPostingGroup),
    genBusPostingGroup: code(rest.genBusPostingGroup),
    vatBusPostingGroup: code(rest.vatBusPostingGroup),
    paymentTermsCode: code(rest.paymentTermsCode),
    paymentMethodCode: code(rest.paymentMethodCode),
    shipmentMethodCode: code(rest.shipmentMethodCode),
    currencyCode: code(rest.currencyCode),
    countryRegionCode: code(rest.countryRegionCode),
    taxAreaCode: code(rest.taxAreaCode),
    customerPriceGroup: code(rest.customerPriceGroup),
    customerDiscountGroup: code(rest.customerDiscountGroup),
  });
  return out;
}

function checkCode(data: CompanyData, value: string, except?: string): void {
  if (value === "") throw mustHaveValue("Code", TABLE, "Code=");
  if (data.customerTemplates.find((t) => t.id !== except && t.code === value)) {
    throw duplicateKey(TABLE, `Code='${value}'`);
  }
}

export function createCustomerTemplate(data: CompanyData, input: CustomerTemplateInput): CustomerTemplateRow {
  const values = fields(input);
  checkCode(data, values.code ?? "");
  checkRelations(data, TABLE, values);
  return data.customerTemplates.insert({
    code: "",
    description: "",
    contactType: "Company",
    customerPostingGroup: "",
    genBusPostingGroup: "",
    vatBusPostingGroup: "",
    paymentTermsCode: "",
    paymentMethodCode: "",
    shipmentMethodCode: "",
    currencyCode: "",
    countryRegionCode: "",
    taxAreaCode: "",
    taxLiable: false,
    pricesIncludingVat: false,
    customerPriceGroup: "",
    customerDiscountGroup: "",
    blocked: " ",
    ...values,
    ...(input.id ? { id: input.id } : {}),
  });
}

export function patchCustomerTemplate(data: CompanyData, row: CustomerTemplateRow, input: CustomerTemplateInput) {
  const values = fields(input);
  if (values.code !== undefined && values.code !== row.code) checkCode(data, values.code, row.id);
  checkRelations(data, TABLE, values);
  data.customerTemplates.update(row.id, values);
}

/** Template field → Customer field, for the fields both tables have (same number, type and length). */
const APPLIED = [
  ["contactType", "type"],
  ["customerPostingGroup", "customerPostingGroup"],
  ["genBusPostingGroup", "genBusPostingGroup"],
  ["vatBusPostingGroup", "vatBusPostingGroup"],
  ["paymentTermsCode", "paymentTermsCode"],
  ["shipmentMethodCode", "shipmentMethodCode"],
  ["currencyCode", "currencyCode"],
  ["countryRegionCode", "country"],
  ["taxAreaCode", "taxAreaCode"],
  ["taxLiable", "taxLiable"],
  ["pricesIncludingVat", "pricesIncludingVat"],
  ["customerPriceGroup", "customerPriceGroup"],
  ["customerDiscountGroup", "customerDiscountGroup"],
  ["blocked", "blocked"],
] as const satisfies readonly (readonly [keyof CustomerTemplateRow, keyof CustomerRow])[];

/** A field's value on a freshly initialised record: "", false, the enum's first value. */
const isEmpty = (value: unknown) => value === "" || value === false || value === " " || value === "Company";

/**
 * Customer Templ. Mgt.ApplyTemplate: each template field that is not empty is copied onto the
 * customer when the customer's is empty (or always, with updateExistingValues). Payment Method
 * Code is the exception BC makes: it is validated to the template's value whatever either holds.
 * Then Customer.Modify(true), which stamps the customer (a new etag and lastModifiedDateTime)
 * even when no value changed, and CustCont-Update passes what changed on to its contact.
 */
export function applyTemplateToCustomer(data: CompanyData, template: CustomerTemplateRow, input: ApplyTemplateInput) {
  const number = input.customerNumber.toUpperCase();
  const customer = data.customers.find((c) => c.number.toUpperCase() === number);
  if (!customer) throw referencedNotFound("Customer", `No.='${input.customerNumber}'`);
  const patch: Partial<Record<keyof CustomerRow, unknown>> = {};
  for (const [from, to] of APPLIED) {
    const value = template[from];
    if (isEmpty(value)) continue;
    if (input.updateExistingValues || isEmpty(customer[to])) patch[to] = value;
  }
  patch.paymentMethodCode = template.paymentMethodCode;
  applyCustomerChange(data, customer, patch as Partial<CustomerRow>);
}
