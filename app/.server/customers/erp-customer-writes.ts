import type { CustomerInput, ErpAdapter, WriteResult } from "../adapters/erp/port.ts";
import type { ErpCustomerFields } from "../mapping/customer-fields.ts";

function customerInput(fields: ErpCustomerFields, shopifyKey: CustomerInput["shopifyKey"]): CustomerInput {
  const a = fields.address;
  const hasAddress = Boolean(a.line1 || a.city || a.postalCode || a.countryCode);
  return {
    shopifyKey,
    displayName: fields.displayName,
    ...(fields.name2 ? { name2: fields.name2 } : {}),
    ...(fields.contact ? { contact: fields.contact } : {}),
    ...(fields.email ? { email: fields.email } : {}),
    ...(fields.phoneNumber ? { phoneNumber: fields.phoneNumber } : {}),
    ...(hasAddress ? { address: a } : {}),
    ...(fields.taxExempt ? { taxLiable: false } : {}),
  };
}

/**
 * Creates the ERP customer, keyed by e-mail: a retry after a crash (or a second order of the same
 * new buyer) finds the customer the first attempt created instead of making another. `knownNew`
 * (a first attempt the caller has recorded, for an e-mail no mirrored ERP customer has) skips
 * that look: one request per new customer instead of two.
 */
export function createErpCustomer(
  adapter: ErpAdapter,
  fields: ErpCustomerFields,
  templateNumber: string,
  options: { knownNew?: boolean } = {},
): Promise<WriteResult> {
  return adapter.upsertCustomer({
    ...customerInput(fields, { kind: "email", value: fields.email }),
    type: "person",
    ...(templateNumber ? { templateNumber } : {}),
    ...(options.knownNew ? { knownNew: true } : {}),
  });
}

/** Writes the fields to the linked ERP customer (the adapter sends only what differs, with its version). */
export function updateErpCustomer(
  adapter: ErpAdapter,
  number: string,
  fields: ErpCustomerFields,
): Promise<WriteResult> {
  return adapter.upsertCustomer(customerInput(fields, { kind: "number", value: number }));
}
