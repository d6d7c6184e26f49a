import type { CustomerInput, ErpAdapter, WriteResult } from "../adapters/erp/port.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import type { ErpCompanyFields } from "../mapping/company-fields.ts";

function companyInput(
  fields: ErpCompanyFields,
  shopifyKey: CustomerInput["shopifyKey"],
  taxIdField: ShopSettings["companies"]["taxIdField"],
): CustomerInput {
  const a = fields.address;
  const hasAddress = Boolean(a.line1 || a.city || a.postalCode || a.countryCode);
  return {
    shopifyKey,
    displayName: fields.displayName,
    ...(fields.contact ? { contact: fields.contact } : {}),
    ...(fields.email ? { email: fields.email } : {}),
    ...(fields.phoneNumber ? { phoneNumber: fields.phoneNumber } : {}),
    ...(hasAddress ? { address: a } : {}),
    ...(fields.taxExempt ? { taxLiable: false } : {}),
    ...(fields.taxId
      ? taxIdField === "vat_registration_number"
        ? { taxRegistrationNumber: fields.taxId }
        : { registrationNumber: fields.taxId }
      : {}),
    ...(fields.paymentTermsCode ? { paymentTermsCode: fields.paymentTermsCode } : {}),
  };
}

/**
 * Creates the ERP customer of type company, keyed by the main contact's e-mail (a location's own
 * customer by its name) among company customers: a retry after a crash finds the customer the
 * first attempt made instead of making another.
 */
export function createErpCompany(
  adapter: ErpAdapter,
  fields: ErpCompanyFields,
  options: { templateNumber: string; taxIdField: ShopSettings["companies"]["taxIdField"]; keyByName: boolean },
): Promise<WriteResult> {
  const key = { kind: "company" as const, email: options.keyByName ? "" : fields.email, name: fields.displayName };
  return adapter.upsertCustomer({
    ...companyInput(fields, key, options.taxIdField),
    type: "company",
    ...(options.templateNumber ? { templateNumber: options.templateNumber } : {}),
  });
}

/** Writes the fields to the linked ERP customer (the adapter sends only what differs, with its version). */
export function updateErpCompany(
  adapter: ErpAdapter,
  number: string,
  fields: ErpCompanyFields,
  taxIdField: ShopSettings["companies"]["taxIdField"],
): Promise<WriteResult> {
  return adapter.upsertCustomer(companyInput(fields, { kind: "number", value: number }, taxIdField));
}
