import { createCustomer } from "./customer-build.ts";
import { idOf } from "./gid.ts";
import { asInput, type Input, str, type UserError } from "./input-helpers.ts";
import {
  companyContactPayload,
  companyLocationPayload,
  companyPayload,
  roleAssignmentPayload,
} from "./payloads-company.ts";
import { paymentTermsTemplate } from "./payment-terms.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type {
  BuyerExperienceRec,
  CompanyAddressRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";

/** A BusinessCustomerUserError: field path, message, BusinessCustomerErrorCode. */
export type B2bError = UserError & { code: string };

export const err = (field: string[] | null, message: string, code: string): B2bError => ({ field, message, code });

/** The roles Shopify gives every company, by their real names; "Ordering only" is the default role. */
export const ROLE_NAMES = ["Location admin", "Ordering only"] as const;

const MAX_NAME = 255;

function externalIdTaken<T extends { id: number; externalId: string | null }>(
  list: Iterable<T>,
  externalId: string | null,
  exceptId: number | null,
): boolean {
  if (externalId === null) return false;
  for (const rec of list) if (rec.id !== exceptId && rec.externalId === externalId) return true;
  return false;
}

/** CompanyInput's checks (name present on create, not too long; externalId unique in the shop). */
export function companyInputErrors(
  state: ShopState,
  input: Input,
  path: string[],
  creating: boolean,
  exceptId: number | null = null,
): B2bError[] {
  const errors: B2bError[] = [];
  const name = str(input.name);
  if (creating && !name?.trim()) errors.push(err([...path, "name"], "Name can't be blank", "BLANK"));
  if (!creating && input.name !== undefined && !name?.trim()) {
    errors.push(err([...path, "name"], "Name can't be blank", "BLANK"));
  }
  if (name && name.length > MAX_NAME) {
    errors.push(err([...path, "name"], `Name is too long (maximum is ${MAX_NAME} characters)`, "TOO_LONG"));
  }
  if (externalIdTaken(state.companies.values(), str(input.externalId), exceptId)) {
    errors.push(err([...path, "externalId"], "External Id has already been taken", "TAKEN"));
  }
  return errors;
}

export function addressErrors(input: Input, path: string[]): B2bError[] {
  const errors: B2bError[] = [];
  if (!str(input.address1)?.trim()) errors.push(err([...path, "address1"], "Address1 can't be blank", "BLANK"));
  if (!str(input.countryCode)) errors.push(err([...path, "countryCode"], "Country code can't be blank", "BLANK"));
  return errors;
}

export function companyAddress(state: ShopState, input: Input, at: string): CompanyAddressRec {
  return {
    id: nextId(state, "CompanyAddress"),
    address1: str(input.address1) ?? "",
    address2: str(input.address2),
    city: str(input.city),
    countryCode: str(input.countryCode) ?? "",
    zoneCode: str(input.zoneCode),
    zip: str(input.zip),
    firstName: str(input.firstName),
    lastName: str(input.lastName),
    phone: str(input.phone),
    recipient: str(input.recipient),
    createdAt: at,
    updatedAt: at,
  };
}

/** BuyerExperienceConfigurationInput: the payment terms template must be one of Shopify's. */
export function buyerExperienceErrors(input: Input | null, path: string[]): B2bError[] {
  if (!input || input.paymentTermsTemplateId === undefined || input.paymentTermsTemplateId === null) return [];
  const id = idOf(input.paymentTermsTemplateId, "PaymentTermsTemplate");
  return paymentTermsTemplate(id)
    ? []
    : [err([...path, "paymentTermsTemplateId"], "Payment terms template not found", "RESOURCE_NOT_FOUND")];
}

export function buyerExperience(input: Input, current: BuyerExperienceRec | null): BuyerExperienceRec {
  const base = current ?? { paymentTermsTemplateId: null, checkoutToDraft: false, editableShippingAddress: false };
  return {
    paymentTermsTemplateId:
      input.paymentTermsTemplateId === undefined
        ? base.paymentTermsTemplateId
        : idOf(input.paymentTermsTemplateId, "PaymentTermsTemplate"),
    checkoutToDraft: typeof input.checkoutToDraft === "boolean" ? input.checkoutToDraft : base.checkoutToDraft,
    editableShippingAddress:
      typeof input.editableShippingAddress === "boolean" ? input.editableShippingAddress : base.editableShippingAddress,
  };
}

/** CompanyLocationInput's checks, with field paths under `path`. */
export function locationInputErrors(
  state: ShopState,
  input: Input,
  path: string[],
  options: { nameRequired: boolean; exceptId?: number | null },
): B2bError[] {
  const errors: B2bError[] = [];
  const name = str(input.name);
  if ((options.nameRequired || input.name !== undefined) && !name?.trim()) {
    errors.push(err([...path, "name"], "Name can't be blank", "BLANK"));
  }
  if (name && name.length > MAX_NAME) {
    errors.push(err([...path, "name"], `Name is too long (maximum is ${MAX_NAME} characters)`, "TOO_LONG"));
  }
  if (externalIdTaken(state.companyLocations.values(), str(input.externalId), options.exceptId ?? null)) {
    errors.push(err([...path, "externalId"], "External Id has already been taken", "TAKEN"));
  }
  const shipping = asInput(input.shippingAddress);
  const billing = asInput(input.billingAddress);
  if (shipping) errors.push(...addressErrors(shipping, [...path, "shippingAddress"]));
  if (billing) errors.push(...addressErrors(billing, [...path, "billingAddress"]));
  if (billing && input.billingSameAsShipping === true) {
    errors.push(
      err(
        [...path, "billingAddress"],
        "Billing address can't be given when billingSameAsShipping is true",
        "INVALID_INPUT",
      ),
    );
  }
  errors.push(
    ...buyerExperienceErrors(asInput(input.buyerExperienceConfiguration), [...path, "buyerExperienceConfiguration"]),
  );
  return errors;
}

/** Stores a location of `company` (checked beforehand) and announces company_locations/create. */
export function addLocation(
  state: ShopState,
  company: CompanyRec,
  input: Input,
  at: string,
  fallbackName: string,
): CompanyLocationRec {
  const shipping = asInput(input.shippingAddress);
  const billing = asInput(input.billingAddress);
  const experience = asInput(input.buyerExperienceConfiguration);
  const loc: CompanyLocationRec = {
    id: nextId(state, "CompanyLocation"),
    companyId: company.id,
    name: str(input.name)?.trim() || fallbackName,
    externalId: str(input.externalId),
    phone: str(input.phone),
    locale: str(input.locale),
    note: str(input.note),
    shippingAddress: shipping ? companyAddress(state, shipping, at) : null,
    billingAddress: null,
    taxRegistrationId: str(input.taxRegistrationId),
    taxExempt: input.taxExempt === true,
    taxExemptions: exemptions(input.taxExemptions),
    buyerExperience: experience ? buyerExperience(experience, null) : null,
    createdAt: at,
    updatedAt: at,
  };
  if (billing) loc.billingAddress = companyAddress(state, billing, at);
  else if (input.billingSameAsShipping === true && shipping) loc.billingAddress = companyAddress(state, shipping, at);
  state.companyLocations.set(loc.id, loc);
  emit(state, "company_locations/create", companyLocationPayload(state, loc));
  return loc;
}

export function exemptions(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === "string"))] : [];
}

/** CompanyContactInput for a new contact: the customer it makes must have a name, phone or email, not a taken email. */
export function contactInputErrors(state: ShopState, input: Input, path: string[]): B2bError[] {
  const email = str(input.email);
  if (!email && !str(input.phone) && !str(input.firstName) && !str(input.lastName)) {
    return [err(path, "A name, phone number, or email address must be present", "NO_INPUT")];
  }
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    return [err([...path, "email"], "Email is invalid", "INVALID")];
  }
  const taken = email && [...state.customers.values()].some((c) => c.email?.toLowerCase() === email.toLowerCase());
  return taken ? [err([...path, "email"], "Email address has already been taken", "TAKEN")] : [];
}

/** Makes the contact's customer (customers/create) and the contact (company_contacts/create). */
export function addContact(state: ShopState, company: CompanyRec, input: Input, at: string): CompanyContactRec {
  const customer = createCustomer(state, {
    email: input.email,
    phone: input.phone,
    firstName: input.firstName,
    lastName: input.lastName,
    locale: input.locale,
  });
  if ("message" in customer) throw new Error(`contact's customer was checked beforehand: ${customer.message}`);
  return linkContact(state, company, customer.id, { title: str(input.title), locale: str(input.locale) }, at);
}

export function linkContact(
  state: ShopState,
  company: CompanyRec,
  customerId: number,
  fields: { title: string | null; locale: string | null },
  at: string,
): CompanyContactRec {
  const contact: CompanyContactRec = {
    id: nextId(state, "CompanyContact"),
    companyId: company.id,
    customerId,
    title: fields.title,
    locale: fields.locale,
    createdAt: at,
    updatedAt: at,
  };
  state.companyContacts.set(contact.id, contact);
  emit(state, "company_contacts/create", companyContactPayload(state, contact));
  return contact;
}

/** One role per contact and location (Shopify's rule); the caller checks both belong to the company. */
export function assignRole(
  state: ShopState,
  contact: CompanyContactRec,
  roleId: number,
  locationId: number,
  at: string,
): CompanyRoleAssignmentRec {
  const assignment: CompanyRoleAssignmentRec = {
    id: nextId(state, "CompanyContactRoleAssignment"),
    companyId: contact.companyId,
    contactId: contact.id,
    locationId,
    roleId,
    createdAt: at,
    updatedAt: at,
  };
  state.companyRoleAssignments.set(assignment.id, assignment);
  emit(state, "company_contact_roles/assign", roleAssignmentPayload(state, assignment));
  return assignment;
}

export function roleAssignmentErrors(
  state: ShopState,
  contact: CompanyContactRec,
  roleId: number | null,
  locationId: number | null,
  path: { role: string[]; location: string[] },
): B2bError[] {
  const company = state.companies.get(contact.companyId)!;
  if (roleId === null || !company.contactRoles.some((r) => r.id === roleId)) {
    return [err(path.role, "The company contact role doesn't exist.", "RESOURCE_NOT_FOUND")];
  }
  const location = locationId === null ? undefined : state.companyLocations.get(locationId);
  if (!location || location.companyId !== company.id) {
    return [err(path.location, "The company location doesn't exist.", "RESOURCE_NOT_FOUND")];
  }
  const held = [...state.companyRoleAssignments.values()].some(
    (a) => a.contactId === contact.id && a.locationId === location.id,
  );
  return held
    ? [err(path.location, "Company contact has already been assigned a role in this location.", "LIMIT_REACHED")]
    : [];
}

/**
 * companyCreate: the company with its two roles, its contact (made the main contact and, as in
 * Shopify's admin, given "Location admin" at the new location) and its location. Without a
 * companyLocation input Shopify still makes one, named after the company.
 */
export function createCompany(state: ShopState, input: Input): { company: CompanyRec } | { userErrors: B2bError[] } {
  const companyInput = asInput(input.company) ?? {};
  const contactInput = asInput(input.companyContact);
  const locationInput = asInput(input.companyLocation) ?? {};
  const errors = [
    ...companyInputErrors(state, companyInput, ["input", "company"], true),
    ...(contactInput ? contactInputErrors(state, contactInput, ["input", "companyContact"]) : []),
    ...locationInputErrors(state, locationInput, ["input", "companyLocation"], { nameRequired: false }),
  ];
  if (errors.length > 0) return { userErrors: errors };
  const at = stamp(state);
  const company: CompanyRec = {
    id: nextId(state, "Company"),
    name: str(companyInput.name)!.trim(),
    note: str(companyInput.note),
    externalId: str(companyInput.externalId),
    customerSince: str(companyInput.customerSince) ?? at,
    mainContactId: null,
    contactRoles: ROLE_NAMES.map((name) => ({ id: nextId(state, "CompanyContactRole"), name, note: null })),
    createdAt: at,
    updatedAt: at,
  };
  state.companies.set(company.id, company);
  // The contact's customer exists before the company announces its main contact.
  const contact = contactInput ? addContact(state, company, contactInput, at) : null;
  if (contact) company.mainContactId = contact.id;
  emit(state, "companies/create", companyPayload(company));
  const location = addLocation(state, company, locationInput, at, company.name);
  if (contact) assignRole(state, contact, company.contactRoles[0]!.id, location.id, at);
  return { company };
}

/** Removes the company with its locations, contacts and role assignments; the customers stay. */
export function deleteCompany(state: ShopState, company: CompanyRec): void {
  for (const a of [...state.companyRoleAssignments.values()]) {
    if (a.companyId === company.id) state.companyRoleAssignments.delete(a.id);
  }
  for (const l of [...state.companyLocations.values()]) {
    if (l.companyId !== company.id) continue;
    emit(state, "company_locations/delete", companyLocationPayload(state, l));
    state.companyLocations.delete(l.id);
  }
  for (const c of [...state.companyContacts.values()]) {
    if (c.companyId !== company.id) continue;
    emit(state, "company_contacts/delete", companyContactPayload(state, c));
    state.companyContacts.delete(c.id);
  }
  state.companies.delete(company.id);
  emit(state, "companies/delete", companyPayload(company));
}

export function touchCompany(state: ShopState, company: CompanyRec, at = stamp(state)): void {
  company.updatedAt = at;
  emit(state, "companies/update", companyPayload(company));
}

export function touchLocation(state: ShopState, location: CompanyLocationRec, at = stamp(state)): void {
  location.updatedAt = at;
  emit(state, "company_locations/update", companyLocationPayload(state, location));
}
