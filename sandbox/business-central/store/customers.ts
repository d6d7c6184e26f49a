import type { CustomerInput } from "../http/customer-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import {
  deleteCustomerRelations,
  insertContactForCustomer,
  renameCustomerRelations,
  updateContactFromCustomer,
} from "./contact-sync.ts";
import { definedOnly } from "./defaults.ts";
import { type CustomerRow, EMPTY_GUID } from "./row-types.ts";
import { checkEmail, checkLengths, checkPhone, code, dialogError, duplicateKey } from "./validation.ts";

/**
 * APIV2 - Customers (page 30009) over the Customer table, with the triggers that run behind it:
 * the page's own checks (displayName required, the *Id fields resolved to codes), the table's
 * field validation (lengths, phone, e-mail), CustCont-Update (a new customer gets its contact;
 * a change is copied to it) and the OnDelete checks. The page applies no Customer Templ. on
 * insert: GraphMgtGeneralTools.ProcessNewRecordFromAPI only applies a Config. Template chosen by
 * Config. Tmpl. Selection Rules, and a CRONUS company has none, so nothing is applied there.
 */

type IdField = "paymentTermsId" | "shipmentMethodId" | "paymentMethodId";
const ID_FIELDS: Record<
  IdField,
  { table: "paymentTerms" | "shipmentMethods" | "paymentMethods"; code: keyof CustomerRow; caption: string }
> = {
  paymentTermsId: { table: "paymentTerms", code: "paymentTermsCode", caption: "Payment Terms" },
  shipmentMethodId: { table: "shipmentMethods", code: "shipmentMethodCode", caption: "Shipment Method" },
  paymentMethodId: { table: "paymentMethods", code: "paymentMethodCode", caption: "Payment Method" },
};

/** `paymentTermsId` etc. → the code stored on the record, as the page's OnValidate does. */
export function codesFromIds(data: CompanyData, input: Partial<Record<IdField, string>>): Partial<CustomerRow> {
  const out: Partial<Record<keyof CustomerRow, string>> = {};
  for (const [field, def] of Object.entries(ID_FIELDS) as [IdField, (typeof ID_FIELDS)[IdField]][]) {
    const id = input[field];
    if (id === undefined) continue;
    if (id === EMPTY_GUID) {
      out[def.code] = "";
      continue;
    }
    const row = data[def.table].get(id);
    if (!row) throw dialogError(`The "${field}" does not match to a ${def.caption}.`);
    out[def.code] = row.code;
  }
  return out as Partial<CustomerRow>;
}

function validate(data: CompanyData, input: CustomerInput, key: string): Partial<CustomerRow> {
  const { id: _id, taxAreaId: _t, currencyId, paymentTermsId, shipmentMethodId, paymentMethodId, ...fields } = input;
  // Customer: No. Code[20], Name Text[100], Address Text[100], Address 2 Text[50], City/County
  // Text[30], Post Code Code[20], Country Code[10], Phone No. Text[30], E-Mail Text[80], Home Page
  // Text[255], Salesperson Code Code[20], Currency Code Code[10], VAT Registration No. Text[20].
  checkLengths([
    [fields.number, 20],
    [fields.displayName, 100],
    [fields.addressLine1, 100],
    [fields.addressLine2, 50],
    [fields.city, 30],
    [fields.state, 30],
    [fields.postalCode, 20],
    [fields.country, 10],
    [fields.phoneNumber, 30],
    [fields.email, 80],
    [fields.website, 255],
    [fields.salespersonCode, 20],
    [fields.currencyCode, 10],
    [fields.taxRegistrationNumber, 20],
  ]);
  checkPhone(fields.phoneNumber, "Phone No.", "Customer", key);
  checkEmail(fields.email);
  // Currencies are not modelled: the empty GUID (local currency) is the only currency id there is,
  // and a currencyCode is kept as sent (BC would refuse one its Currency table lacks).
  if (currencyId !== undefined && currencyId !== EMPTY_GUID) {
    throw dialogError('The "currencyId" does not match to a Currency.');
  }
  return definedOnly({
    ...fields,
    number: code(fields.number),
    postalCode: code(fields.postalCode),
    country: code(fields.country),
    salespersonCode: code(fields.salespersonCode),
    currencyCode: code(fields.currencyCode),
    taxRegistrationNumber: code(fields.taxRegistrationNumber),
    ...codesFromIds(data, { paymentTermsId, shipmentMethodId, paymentMethodId }),
  });
}

/** A customer as the table initialises one (blank codes, not blocked). */
export function newCustomerFields(number: string): Omit<CustomerRow, "id" | "lastModifiedDateTime"> {
  return {
    number,
    displayName: "",
    type: "Company",
    addressLine1: "",
    addressLine2: "",
    city: "",
    state: "",
    country: "",
    postalCode: "",
    phoneNumber: "",
    email: "",
    website: "",
    salespersonCode: "",
    balanceDue: 0,
    creditLimit: 0,
    taxLiable: false,
    taxRegistrationNumber: "",
    currencyCode: "",
    blocked: " ",
    paymentTermsCode: "",
    shipmentMethodCode: "",
    paymentMethodCode: "",
    name2: "",
    contact: "",
    mobilePhoneNumber: "",
    registrationNumber: "",
    customerPriceGroup: "",
    customerDiscountGroup: "",
    pricesIncludingVat: false,
    customerPostingGroup: "",
    genBusPostingGroup: "",
    vatBusPostingGroup: "",
    taxAreaCode: "",
    primaryContactNumber: "",
  };
}

/** POST customers. The No. series allows manual numbers (a Cronus default), so a sent number is kept. */
export function createCustomer(data: CompanyData, input: CustomerInput): CustomerRow {
  if (!input.displayName) throw dialogError('A "displayName" must be provided.');
  const fields = validate(data, input, `No.='${input.number ?? ""}'`);
  const number = fields.number ?? data.series.take("customer");
  if (data.customers.find((c) => c.number.toUpperCase() === number)) {
    throw duplicateKey("Customer", `No.='${number}'`);
  }
  const customer = data.customers.insert({
    ...newCustomerFields(number),
    ...fields,
    number,
    ...(input.id ? { id: input.id } : {}),
  });
  insertContactForCustomer(data, customer);
  return data.customers.get(customer.id) ?? customer;
}

/** Writes a change to a customer and what the Customer table's OnModify does after it. */
export function applyCustomerChange(data: CompanyData, before: CustomerRow, patch: Partial<CustomerRow>): CustomerRow {
  if (patch.number !== undefined && patch.number !== before.number) {
    if (data.customers.find((c) => c.id !== before.id && c.number === patch.number)) {
      throw duplicateKey("Customer", `No.='${patch.number}'`);
    }
    renameCustomerRelations(data, before.number, patch.number);
    renameOnDocuments(data, before.number, patch.number);
  }
  const after = data.customers.update(before.id, patch);
  updateContactFromCustomer(data, before, after);
  return after;
}

/** Customer.Rename carries the new number into the open sales documents that name the customer. */
function renameOnDocuments(data: CompanyData, from: string, to: string): void {
  const rename = <T extends { customerNumber: string; billToCustomerNumber: string }>(row: T) =>
    definedOnly({
      customerNumber: row.customerNumber === from ? to : undefined,
      billToCustomerNumber: row.billToCustomerNumber === from ? to : undefined,
    });
  const named = (row: { customerNumber: string; billToCustomerNumber: string }) =>
    row.customerNumber === from || row.billToCustomerNumber === from;
  for (const o of data.salesOrders.filter(named)) data.salesOrders.update(o.id, rename(o));
  for (const i of data.salesInvoices.filter((x) => x.status === "Draft" && named(x))) {
    data.salesInvoices.update(i.id, rename(i));
  }
}

export function patchCustomer(data: CompanyData, customer: CustomerRow, input: CustomerInput): void {
  if (input.displayName === "") throw dialogError('The blank "displayName" is not allowed.');
  applyCustomerChange(data, customer, validate(data, input, `No.='${customer.number}'`));
}

/**
 * DELETE customers: refused while the customer has ledger entries (a posted invoice; MoveEntries'
 * Text000); otherwise its ship-to addresses and business relations go, its contacts stay.
 */
export function deleteCustomer(data: CompanyData, customer: CustomerRow): void {
  if (data.salesInvoices.find((i) => i.customerNumber === customer.number && i.status !== "Draft")) {
    throw dialogError(
      `You cannot delete Customer ${customer.number} because it has ledger entries in a fiscal year that has not been closed yet.`,
    );
  }
  for (const s of data.shipToAddresses.filter((x) => x.customerNumber === customer.number)) {
    data.shipToAddresses.delete(s.id);
  }
  deleteCustomerRelations(data, customer.number);
  data.customers.delete(customer.id);
}
