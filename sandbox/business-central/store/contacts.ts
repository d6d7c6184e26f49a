import type { ContactInput } from "../http/customer-schemas.ts";
import type { CompanyData } from "./company-data.ts";
import {
  applyContactChange,
  businessRelationOf,
  INHERITED_FIELDS,
  refreshBusinessRelation,
  searchNameFor,
} from "./contact-sync.ts";
import type { ContactRow } from "./customer-row-types.ts";
import { BLANK_DATE, definedOnly } from "./defaults.ts";
import {
  checkEmail,
  checkLengths,
  checkPhone,
  code,
  dialogError,
  duplicateKey,
  relationNotFound,
  testFieldEqual,
} from "./validation.ts";

/**
 * APIV2 - Contacts (page 30071): POST, PATCH and DELETE on the Contact table with its triggers.
 * A company contact is its own company (Company No. = No.); a person POSTed with the number of a
 * company contact belongs to it, inherits its name, address and communication details where its
 * own are blank, and shares its business relations (so a customer's company contact gives its
 * persons contactBusinessRelation = Customer).
 */

const BLANK_NAME = 'The blank "displayName" is not allowed.';

function validate(input: ContactInput, key: string): Omit<ContactInput, "contactBusinessRelation" | "id"> {
  const { contactBusinessRelation: _ignored, id: _id, ...fields } = input;
  // Contact: No. Code[20], Name Text[100], Job Title Text[30], Company Name Text[100], Address
  // Text[100], Address 2 Text[50], City/County Text[30], Post Code Code[20], Country Code[10],
  // Phone/Mobile Text[30], E-Mail Text[80], Home Page Text[255], Search Name Code[100], VAT Reg. No. Text[20].
  checkLengths([
    [fields.number, 20],
    [fields.displayName, 100],
    [fields.jobTitle, 30],
    [fields.companyName, 100],
    [fields.addressLine1, 100],
    [fields.addressLine2, 50],
    [fields.city, 30],
    [fields.state, 30],
    [fields.postalCode, 20],
    [fields.country, 10],
    [fields.phoneNumber, 30],
    [fields.mobilePhoneNumber, 30],
    [fields.email, 80],
    [fields.website, 255],
    [fields.searchName, 100],
    [fields.taxRegistrationNumber, 20],
  ]);
  checkPhone(fields.phoneNumber, "Phone No.", "Contact", key);
  checkPhone(fields.mobilePhoneNumber, "Mobile Phone No.", "Contact", key);
  checkEmail(fields.email);
  return definedOnly({
    ...fields,
    number: code(fields.number),
    companyNumber: code(fields.companyNumber),
    postalCode: code(fields.postalCode),
    country: code(fields.country),
    searchName: code(fields.searchName),
    taxRegistrationNumber: code(fields.taxRegistrationNumber),
  });
}

/** Company No. validation: a company contact, and only on a person (TestField(Type, Person)). */
function companyOf(data: CompanyData, companyNumber: string, self: Pick<ContactRow, "number" | "type">) {
  if (companyNumber === "" || companyNumber === self.number) return undefined;
  const company = data.contacts.find((c) => c.number === companyNumber && c.type === "Company");
  if (!company) throw relationNotFound("Company No.", "Contact", companyNumber, "Contact");
  if (self.type !== "Person") throw testFieldEqual("Type", "Person", "Contact", `No.=${self.number}`, self.type);
  return company;
}

/** Contact.InheritCompanyToPersonData with CRONUS' Marketing Setup: the blanks are filled from the company. */
function inherit(person: Partial<ContactRow>, company: ContactRow): Partial<ContactRow> {
  const out: Partial<ContactRow> = { companyName: company.displayName };
  for (const f of INHERITED_FIELDS) if (!person[f]) out[f] = company[f];
  return out;
}

export function createContact(data: CompanyData, input: ContactInput): ContactRow {
  if (!input.displayName) throw dialogError('A "displayName" must be provided.');
  const fields = validate(input, `No.='${input.number ?? ""}'`);
  const number = fields.number ?? data.series.take("contact");
  if (data.contacts.find((c) => c.number === number)) throw duplicateKey("Contact", `No.='${number}'`);
  const type = fields.type ?? "Company";
  // Validate("Company Name") looks the company up by name (GetCompNo) when no number is given.
  const byName = fields.companyName
    ? data.contacts.find((c) => c.type === "Company" && c.displayName === fields.companyName)?.number
    : undefined;
  const company = companyOf(data, fields.companyNumber ?? byName ?? "", { number, type });
  const draft: Omit<ContactRow, "id" | "lastModifiedDateTime"> = {
    number,
    type,
    displayName: "",
    jobTitle: "",
    companyNumber: "",
    companyName: "",
    contactBusinessRelation: "None",
    addressLine1: "",
    addressLine2: "",
    city: "",
    state: "",
    country: "",
    postalCode: "",
    phoneNumber: "",
    mobilePhoneNumber: "",
    email: "",
    website: "",
    searchName: searchNameFor(fields.displayName ?? ""),
    privacyBlocked: false,
    taxRegistrationNumber: "",
    lastInteractionDate: BLANK_DATE,
    ...fields,
    ...(input.id ? { id: input.id } : {}),
  };
  // Contact.TypeChange: a company is its own company and has no job title.
  const typed =
    type === "Company"
      ? { ...draft, companyNumber: number, companyName: draft.displayName, jobTitle: "" }
      : { ...draft, ...(company ? inherit(draft, company) : { companyNumber: "", companyName: "" }) };
  return data.contacts.insert({ ...typed, contactBusinessRelation: businessRelationOf(data, typed) });
}

export function patchContact(data: CompanyData, contact: ContactRow, input: ContactInput): void {
  if (input.displayName === "") throw dialogError(BLANK_NAME);
  const fields = validate(input, `No.='${contact.number}'`);
  const patch: Partial<ContactRow> = { ...fields };
  if (fields.number !== undefined && fields.number !== contact.number) {
    renameContact(data, contact, fields.number);
    // A company is its own company: its Company No. is renamed with it.
    if (contact.companyNumber === contact.number) patch.companyNumber = fields.number;
  }
  const number = fields.number ?? contact.number;
  const type = fields.type ?? contact.type;
  if (type !== contact.type) Object.assign(patch, typeChange(data, contact, type, number));
  if (fields.displayName !== undefined && fields.searchName === undefined) {
    // Validate(Name): Search Name follows while it still is the old name.
    if (contact.searchName === searchNameFor(contact.displayName)) patch.searchName = searchNameFor(fields.displayName);
    if (type === "Company") patch.companyName = fields.displayName;
  }
  if (fields.companyNumber !== undefined && fields.companyNumber !== contact.companyNumber) {
    const company = companyOf(data, fields.companyNumber, { number, type });
    Object.assign(patch, company ? inherit({ ...contact, ...patch }, company) : { companyName: "" });
  }
  const updated = applyContactChange(data, contact, patch);
  refreshBusinessRelation(data, updated);
}

/** Contact.TypeChange: a company with persons cannot become a person (BC's Text007). */
function typeChange(data: CompanyData, contact: ContactRow, type: ContactRow["type"], number: string) {
  if (type === "Company") return { companyNumber: number, companyName: contact.displayName, jobTitle: "" };
  if (data.contacts.find((c) => c.type === "Person" && c.companyNumber === contact.number)) {
    throw dialogError("You cannot change Type because one or more people are assigned to this company.");
  }
  return contact.companyNumber === contact.number ? { companyNumber: "", companyName: "" } : {};
}

function renameContact(data: CompanyData, contact: ContactRow, to: string): void {
  if (data.contacts.find((c) => c.number === to)) throw duplicateKey("Contact", `No.='${to}'`);
  for (const r of data.contactBusinessRelations.filter((x) => x.contactNumber === contact.number)) {
    data.contactBusinessRelations.update(r.id, { contactNumber: to });
  }
  for (const p of data.contacts.filter((c) => c.id !== contact.id && c.companyNumber === contact.number)) {
    data.contacts.update(p.id, { companyNumber: to });
  }
  for (const c of data.customers.filter((x) => x.primaryContactNumber === contact.number)) {
    data.customers.update(c.id, { primaryContactNumber: to });
  }
}

/** Contact.OnDelete: its business relations go; a company takes its persons with it. */
export function deleteContact(data: CompanyData, contact: ContactRow): void {
  for (const r of data.contactBusinessRelations.filter((x) => x.contactNumber === contact.number)) {
    data.contactBusinessRelations.delete(r.id);
  }
  if (contact.type === "Company") {
    for (const p of data.contacts.filter((c) => c.type === "Person" && c.companyNumber === contact.number)) {
      deleteContact(data, p);
    }
  }
  for (const c of data.customers.filter((x) => x.primaryContactNumber === contact.number)) {
    data.customers.update(c.id, { primaryContactNumber: "" });
  }
  data.contacts.delete(contact.id);
}
