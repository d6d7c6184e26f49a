import type { CompanyData } from "./company-data.ts";
import { applyContactChange, refreshBusinessRelation, searchNameFor } from "./contact-sync.ts";
import type { ContactRow } from "./customer-row-types.ts";
import { EMPTY_GUID } from "./row-types.ts";
import { checkEmail, checkLengths, checkPhone, dialogError } from "./validation.ts";

/**
 * APIV2 - CustContacts (page 30089, `customerContacts`): the Person contacts whose business
 * relation is Customer (its OnOpenPage filters), GET/PATCH/DELETE, no insert. The names are
 * Contact.NameBreakdown's split of Name (last part Surname, the one before it Middle Name when
 * there are three or more, the rest First Name); a PATCH of firstName/lastName rebuilds Name as
 * CalculatedName does. customerId is the customer of the person's company (SetCalculatedFields).
 */

function nameParts(name: string): { first: string; middle: string; surname: string } {
  const parts = name.split(" ").filter((p) => p !== "");
  if (parts.length <= 1) return { first: parts[0] ?? "", middle: "", surname: "" };
  const surname = parts[parts.length - 1]!;
  const middle = parts.length > 2 ? parts[parts.length - 2]! : "";
  return { first: parts.slice(0, parts.length > 2 ? -2 : -1).join(" "), middle, surname };
}

export const firstNameOf = (row: { displayName?: unknown }) =>
  nameParts(String(row.displayName ?? "")).first.slice(0, 30);
export const lastNameOf = (row: { displayName?: unknown }) =>
  nameParts(String(row.displayName ?? "")).surname.slice(0, 30);

/** The customer linked to the person's company contact, if any. */
export function customerOfPerson(data: CompanyData, contact: { companyNumber?: unknown }) {
  const companyNumber = String(contact.companyNumber ?? "");
  if (companyNumber === "") return undefined;
  const relation = data.contactBusinessRelations.find(
    (r) => r.contactNumber === companyNumber && r.linkToTable === "Customer",
  );
  return relation ? data.customers.find((c) => c.number === relation.number) : undefined;
}

export const isCustomerContact = (row: { type?: unknown; contactBusinessRelation?: unknown }) =>
  row.type === "Person" && row.contactBusinessRelation === "Customer";

export interface CustomerContactInput {
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  professionalTitle?: string | undefined;
  customerId?: string | undefined;
  primaryPhoneNumber?: string | undefined;
}

export function patchCustomerContact(data: CompanyData, contact: ContactRow, input: CustomerContactInput): void {
  // First Name and Surname Text[30], Job Title Text[30], E-Mail Text[80], Phone No. Text[30].
  checkLengths([
    [input.firstName, 30],
    [input.lastName, 30],
    [input.professionalTitle, 30],
    [input.email, 80],
    [input.primaryPhoneNumber, 30],
  ]);
  checkEmail(input.email);
  checkPhone(input.primaryPhoneNumber, "Phone No.", "Contact", `No.='${contact.number}'`);
  const current = nameParts(contact.displayName);
  const patch: Partial<ContactRow> = {};
  if (input.firstName !== undefined || input.lastName !== undefined) {
    const first = input.firstName ?? current.first;
    const surname = input.lastName ?? current.surname;
    const name = [first, current.middle, surname].filter((p) => p !== "").join(" ");
    patch.displayName = name;
    if (contact.searchName === searchNameFor(contact.displayName)) patch.searchName = searchNameFor(name);
  }
  if (input.email !== undefined) patch.email = input.email;
  if (input.professionalTitle !== undefined) patch.jobTitle = input.professionalTitle;
  if (input.primaryPhoneNumber !== undefined) patch.phoneNumber = input.primaryPhoneNumber;
  const updated = applyContactChange(data, contact, patch);
  const customer = customerOfPerson(data, contact);
  if (input.customerId !== undefined && input.customerId.toLowerCase() !== (customer?.id ?? EMPTY_GUID)) {
    // OnModifyRecord: the company's business relation is moved to the other customer.
    const other = data.customers.get(input.customerId);
    if (!other) throw dialogError("Customer with provided id - does not exist");
    const relation = data.contactBusinessRelations.find(
      (r) => r.contactNumber === contact.companyNumber && r.linkToTable === "Customer" && r.number === customer?.number,
    );
    if (relation) data.contactBusinessRelations.update(relation.id, { number: other.number });
  }
  refreshBusinessRelation(data, updated);
}
