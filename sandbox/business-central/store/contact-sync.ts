import type { CompanyData } from "./company-data.ts";
import type { ContactBusinessRelation, ContactRow } from "./customer-row-types.ts";
import { BLANK_DATE } from "./defaults.ts";
import type { CustomerRow } from "./row-types.ts";

/**
 * How a customer and its contact stay in step, as BC's standard Marketing Setup has it
 * ("Bus. Rel. Code for Customers" = CUST): CustCont-Update makes the contact when a customer is
 * inserted and copies the customer's fields to it on every change; CustVendBank-Update copies a
 * linked contact's fields back to the customer. Both are TransferFields over the field numbers
 * the two tables share; these are the ones the sandbox stores, as [customer, contact] fields.
 */
export const SHARED_FIELDS = [
  "displayName",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "country",
  "postalCode",
  "phoneNumber",
  "mobilePhoneNumber",
  "email",
  "website",
  "taxRegistrationNumber",
] as const satisfies readonly (keyof CustomerRow & keyof ContactRow)[];

export const CUSTOMER_RELATION_CODE = "CUST";

/** Contact.Validate(Name): Search Name follows the name while it still equals the old one (Code[100]). */
export function searchNameFor(name: string): string {
  return name.toUpperCase().slice(0, 100);
}

/** CustCont-Update.InsertNewContact: a contact of the customer's type, and the CUST business relation. */
export function insertContactForCustomer(data: CompanyData, customer: CustomerRow): ContactRow {
  const number = data.series.take("contact");
  const company = customer.type === "Company";
  const shared = Object.fromEntries(SHARED_FIELDS.map((f) => [f, customer[f]])) as Pick<
    ContactRow,
    (typeof SHARED_FIELDS)[number]
  >;
  data.contactBusinessRelations.insert({
    contactNumber: number,
    businessRelationCode: CUSTOMER_RELATION_CODE,
    linkToTable: "Customer",
    number: customer.number,
  });
  const contact = data.contacts.insert({
    number,
    type: customer.type,
    ...shared,
    jobTitle: "",
    // Contact.TypeChange: a company is its own company.
    companyNumber: company ? number : "",
    companyName: company ? customer.displayName : "",
    contactBusinessRelation: "Customer",
    searchName: searchNameFor(customer.displayName),
    privacyBlocked: false,
    lastInteractionDate: BLANK_DATE,
  });
  // A Person customer's contact is its primary contact (Cust.Validate("Primary Contact No.")).
  if (!company) data.customers.update(customer.id, { primaryContactNumber: number, contact: customer.displayName });
  return contact;
}

/** The contact a customer's CUST business relation points at, if it still exists. */
export function contactOfCustomer(data: CompanyData, customerNumber: string): ContactRow | undefined {
  const relation = data.contactBusinessRelations.find(
    (r) => r.linkToTable === "Customer" && r.number === customerNumber,
  );
  return relation ? data.contacts.find((c) => c.number === relation.contactNumber) : undefined;
}

/** CustCont-Update.OnModify: the customer's shared fields onto its contact (the contact keeps its type). */
export function updateContactFromCustomer(data: CompanyData, before: CustomerRow, after: CustomerRow): void {
  const changed = SHARED_FIELDS.filter((f) => before[f] !== after[f]);
  if (changed.length === 0) return;
  const contact = contactOfCustomer(data, after.number);
  if (!contact) return;
  const patch: Partial<ContactRow> = Object.fromEntries(SHARED_FIELDS.map((f) => [f, after[f]]));
  if (after.displayName !== before.displayName) {
    patch.searchName = searchNameFor(after.displayName);
    if (contact.type === "Company") patch.companyName = after.displayName;
  }
  applyContactChange(data, contact, patch, { fromCustomer: true });
}

/** A customer's number changed (a rename): its business relations follow, as BC's rename does. */
export function renameCustomerRelations(data: CompanyData, from: string, to: string): void {
  for (const r of data.contactBusinessRelations.filter((x) => x.linkToTable === "Customer" && x.number === from)) {
    data.contactBusinessRelations.update(r.id, { number: to });
  }
  for (const s of data.shipToAddresses.filter((x) => x.customerNumber === from)) {
    data.shipToAddresses.update(s.id, { customerNumber: to });
  }
}

/** CustCont-Update.OnDelete: the business relations go; the contacts stay (now with relation None). */
export function deleteCustomerRelations(data: CompanyData, customerNumber: string): void {
  const relations = data.contactBusinessRelations.filter(
    (r) => r.linkToTable === "Customer" && r.number === customerNumber,
  );
  for (const r of relations) data.contactBusinessRelations.delete(r.id);
  const affected = new Set(relations.map((r) => r.contactNumber));
  for (const c of data.contacts.filter((x) => affected.has(x.number) || affected.has(x.companyNumber))) {
    refreshBusinessRelation(data, c);
  }
}

/**
 * Contact.GetBusinessRelation: over the contact's own relations and its company's. None without
 * any; the link table when exactly one, under a Marketing Setup code; Multiple otherwise.
 */
export function businessRelationOf(data: CompanyData, contact: Pick<ContactRow, "number" | "companyNumber">) {
  const owners = new Set([contact.number, contact.companyNumber].filter((n) => n !== ""));
  const relations = data.contactBusinessRelations.filter((r) => owners.has(r.contactNumber));
  if (relations.length === 0) return "None" satisfies ContactBusinessRelation;
  const selected = relations.filter((r) => r.businessRelationCode === CUSTOMER_RELATION_CODE && r.number !== "");
  if (selected.length === 0) return relations.length === 1 ? "Other" : "Multiple";
  return relations.length === 1 && selected.length === 1 ? selected[0]!.linkToTable : "Multiple";
}

export function refreshBusinessRelation(data: CompanyData, contact: ContactRow): void {
  const relation = businessRelationOf(data, contact);
  if (relation !== contact.contactBusinessRelation) {
    data.contacts.update(contact.id, { contactBusinessRelation: relation });
  }
}

/**
 * Writes a change to a contact and what follows from it in BC (Contact.DoModify): a contact with a
 * customer relation of its own copies the shared fields to that customer (CustVendBank-Update,
 * unless the change came from the customer), and a company's persons take over its new name and
 * every inherited field they still had from it (Marketing Setup "Inherit …" all on in CRONUS).
 */
export function applyContactChange(
  data: CompanyData,
  contact: ContactRow,
  patch: Partial<ContactRow>,
  options: { fromCustomer?: boolean } = {},
): ContactRow {
  const updated = data.contacts.update(contact.id, patch);
  if (!options.fromCustomer && SHARED_FIELDS.some((f) => updated[f] !== contact[f])) {
    for (const r of data.contactBusinessRelations.filter(
      (x) => x.contactNumber === updated.number && x.linkToTable === "Customer",
    )) {
      const customer = data.customers.find((c) => c.number === r.number);
      if (!customer) continue;
      const fields = Object.fromEntries(SHARED_FIELDS.map((f) => [f, updated[f]]));
      data.customers.update(customer.id, { ...fields, type: updated.type });
    }
  }
  if (updated.type === "Company") {
    // By the new number: a rename has already moved the relations and persons to it.
    for (const person of data.contacts.filter((c) => c.companyNumber === updated.number && c.type === "Person")) {
      const inherited: Partial<ContactRow> = {};
      if (updated.displayName !== contact.displayName) inherited.companyName = updated.displayName;
      for (const f of INHERITED_FIELDS) {
        if (updated[f] !== contact[f] && person[f] === contact[f]) inherited[f] = updated[f];
      }
      if (Object.keys(inherited).length > 0) data.contacts.update(person.id, inherited);
    }
  }
  return data.contacts.get(contact.id) ?? updated;
}

/** What a person inherits from its company (address and communication details, country). */
export const INHERITED_FIELDS = [
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "country",
  "postalCode",
  "phoneNumber",
  "mobilePhoneNumber",
  "email",
  "website",
] as const satisfies readonly (keyof ContactRow)[];
