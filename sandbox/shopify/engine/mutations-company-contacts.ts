import {
  addContact,
  assignRole,
  contactInputErrors,
  err,
  linkContact,
  roleAssignmentErrors,
  touchCompany,
} from "./company-build.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { asInput, asList, type Input, str } from "./input-helpers.ts";
import { companyOf } from "./mutations-company.ts";
import { companyContactPayload, roleAssignmentPayload } from "./payloads-company.ts";
import { customerPayload } from "./payloads-customer.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { CompanyRoleAssignmentRec } from "./store-types-company.ts";
import { companyContactView, companyView, roleAssignmentView } from "./views-company.ts";

const noCompany = (field: string) => [err([field], "The company doesn't exist.", "RESOURCE_NOT_FOUND")];
const noContact = (field: string) => [err([field], "The company contact doesn't exist.", "RESOURCE_NOT_FOUND")];

function contactOf(state: ShopState, id: unknown) {
  return state.companyContacts.get(idOf(id, "CompanyContact") ?? -1);
}

/** Assigns each (role, location) pair; any refusal and none is made (Shopify checks the whole list first). */
function assignAll(
  state: ShopState,
  pairs: { contactId: unknown; roleId: unknown; locationId: unknown; index: number }[],
  field: string,
  contactField: string,
): { roleAssignments: object[] | null; userErrors: object[] } {
  const planned = new Set<string>();
  const errors = pairs.flatMap((p) => {
    const path = [field, String(p.index)];
    const contact = contactOf(state, p.contactId);
    if (!contact) return noContact(contactField).map((e) => ({ ...e, field: [...path, contactField] }));
    const roleId = idOf(p.roleId, "CompanyContactRole");
    const locationId = idOf(p.locationId, "CompanyLocation");
    const found = roleAssignmentErrors(state, contact, roleId, locationId, {
      role: [...path, "companyContactRoleId"],
      location: [...path, "companyLocationId"],
    });
    const key = `${contact.id}:${locationId}`;
    if (found.length === 0 && planned.has(key)) {
      return [
        err(
          [...path, "companyLocationId"],
          "Company contact has already been assigned a role in this location.",
          "LIMIT_REACHED",
        ),
      ];
    }
    planned.add(key);
    return found;
  });
  if (errors.length > 0) return { roleAssignments: null, userErrors: errors };
  const at = stamp(state);
  const made: CompanyRoleAssignmentRec[] = pairs.map((p) =>
    assignRole(
      state,
      contactOf(state, p.contactId)!,
      idOf(p.roleId, "CompanyContactRole")!,
      idOf(p.locationId, "CompanyLocation")!,
      at,
    ),
  );
  return { roleAssignments: made.map((a) => roleAssignmentView(state, a)), userErrors: [] };
}

/** Revokes assignments (company_contact_roles/revoke each); unknown ids refuse the whole call. */
function revoke(
  state: ShopState,
  ids: unknown[],
  belongs: (a: CompanyRoleAssignmentRec) => boolean,
  field: string,
): { revoked: string[] | null; userErrors: object[] } {
  const found = ids.map((id) => state.companyRoleAssignments.get(idOf(id, "CompanyContactRoleAssignment") ?? -1));
  const errors = found.flatMap((a, i) =>
    a && belongs(a) ? [] : [err([field, String(i)], "The role assignment doesn't exist.", "RESOURCE_NOT_FOUND")],
  );
  if (errors.length > 0) return { revoked: null, userErrors: errors };
  stamp(state);
  for (const a of found as CompanyRoleAssignmentRec[]) {
    // Announced before it goes, so the payload can still name the contact and location.
    emit(state, "company_contact_roles/revoke", roleAssignmentPayload(state, a));
    state.companyRoleAssignments.delete(a.id);
  }
  return {
    revoked: (found as CompanyRoleAssignmentRec[]).map((a) => gid("CompanyContactRoleAssignment", a.id)),
    userErrors: [],
  };
}

/** Company contact and role mutations. */
export const companyContactMutations: Record<string, Lazy<unknown>> = {
  companyContactCreate: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { companyContact: null, userErrors: noCompany("companyId") };
    const input = asInput(args.input) ?? {};
    const errors = contactInputErrors(state, input, ["input"]);
    if (errors.length > 0) return { companyContact: null, userErrors: errors };
    const contact = addContact(state, company, input, stamp(state));
    return { companyContact: companyContactView(state, contact), userErrors: [] };
  },
  companyContactUpdate: (args, { state }) => {
    const contact = contactOf(state, args.companyContactId);
    if (!contact) return { companyContact: null, userErrors: noContact("companyContactId") };
    const input: Input = asInput(args.input) ?? {};
    const customer = state.customers.get(contact.customerId)!;
    const email = str(input.email);
    if (input.email !== undefined && email) {
      const taken = [...state.customers.values()].some(
        (c) => c.id !== customer.id && c.email?.toLowerCase() === email.toLowerCase(),
      );
      if (taken) {
        return {
          companyContact: null,
          userErrors: [err(["input", "email"], "Email address has already been taken", "TAKEN")],
        };
      }
    }
    const at = stamp(state);
    if (input.title !== undefined) contact.title = str(input.title);
    if (input.locale !== undefined) contact.locale = str(input.locale);
    contact.updatedAt = at;
    // Name, email and phone live on the contact's customer: changing them changes the customer too.
    const customerKeys = ["email", "phone", "firstName", "lastName"] as const;
    if (customerKeys.some((k) => input[k] !== undefined)) {
      for (const k of customerKeys) if (input[k] !== undefined) customer[k] = str(input[k]);
      customer.updatedAt = at;
      emit(state, "customers/update", customerPayload(state, customer));
    }
    emit(state, "company_contacts/update", companyContactPayload(state, contact));
    return { companyContact: companyContactView(state, contact), userErrors: [] };
  },
  companyContactDelete: (args, { state }) => {
    const contact = contactOf(state, args.companyContactId);
    if (!contact) return { deletedCompanyContactId: null, userErrors: noContact("companyContactId") };
    const company = state.companies.get(contact.companyId)!;
    stamp(state);
    for (const a of [...state.companyRoleAssignments.values()]) {
      if (a.contactId === contact.id) state.companyRoleAssignments.delete(a.id);
    }
    state.companyContacts.delete(contact.id);
    emit(state, "company_contacts/delete", companyContactPayload(state, contact));
    if (company.mainContactId === contact.id) {
      company.mainContactId = null;
      touchCompany(state, company);
    }
    return { deletedCompanyContactId: gid("CompanyContact", contact.id), userErrors: [] };
  },
  companyAssignCustomerAsContact: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { companyContact: null, userErrors: noCompany("companyId") };
    const customer = state.customers.get(idOf(args.customerId, "Customer") ?? -1);
    if (!customer) {
      return {
        companyContact: null,
        userErrors: [err(["customerId"], "The customer doesn't exist.", "RESOURCE_NOT_FOUND")],
      };
    }
    const already = [...state.companyContacts.values()].some(
      (c) => c.companyId === company.id && c.customerId === customer.id,
    );
    if (already) {
      return {
        companyContact: null,
        userErrors: [err(["customerId"], "Customer is already a contact of this company.", "TAKEN")],
      };
    }
    const contact = linkContact(state, company, customer.id, { title: null, locale: customer.locale }, stamp(state));
    return { companyContact: companyContactView(state, contact), userErrors: [] };
  },
  companyAssignMainContact: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { company: null, userErrors: noCompany("companyId") };
    const contact = contactOf(state, args.companyContactId);
    if (!contact || contact.companyId !== company.id) {
      return { company: null, userErrors: noContact("companyContactId") };
    }
    company.mainContactId = contact.id;
    touchCompany(state, company);
    return { company: companyView(state, company), userErrors: [] };
  },
  companyRevokeMainContact: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { company: null, userErrors: noCompany("companyId") };
    company.mainContactId = null;
    touchCompany(state, company);
    return { company: companyView(state, company), userErrors: [] };
  },
  companyContactAssignRole: (args, { state }) => {
    const result = assignAll(
      state,
      [
        {
          contactId: args.companyContactId,
          roleId: args.companyContactRoleId,
          locationId: args.companyLocationId,
          index: 0,
        },
      ],
      "",
      "companyContactId",
    );
    // The single form names top-level arguments, not list entries.
    const userErrors = result.userErrors.map((e) => {
      const error = e as { field: string[] | null };
      return { ...e, field: error.field ? [error.field.at(-1)!] : null };
    });
    return { companyContactRoleAssignment: result.roleAssignments?.[0] ?? null, userErrors };
  },
  companyContactAssignRoles: (args, { state }) => {
    if (!contactOf(state, args.companyContactId)) {
      return { roleAssignments: null, userErrors: noContact("companyContactId") };
    }
    const pairs = asList(args.rolesToAssign).map((r, index) => ({
      contactId: args.companyContactId,
      roleId: r.companyContactRoleId,
      locationId: r.companyLocationId,
      index,
    }));
    return assignAll(state, pairs, "rolesToAssign", "companyContactId");
  },
  companyLocationAssignRoles: (args, { state }) => {
    const location = state.companyLocations.get(idOf(args.companyLocationId, "CompanyLocation") ?? -1);
    if (!location) {
      return {
        roleAssignments: null,
        userErrors: [err(["companyLocationId"], "The company location doesn't exist.", "RESOURCE_NOT_FOUND")],
      };
    }
    const pairs = asList(args.rolesToAssign).map((r, index) => ({
      contactId: r.companyContactId,
      roleId: r.companyContactRoleId,
      locationId: args.companyLocationId,
      index,
    }));
    return assignAll(state, pairs, "rolesToAssign", "companyContactId");
  },
  companyContactRevokeRole: (args, { state }) => {
    const contact = contactOf(state, args.companyContactId);
    if (!contact) return { revokedCompanyContactRoleAssignmentId: null, userErrors: noContact("companyContactId") };
    const result = revoke(
      state,
      [args.companyContactRoleAssignmentId],
      (a) => a.contactId === contact.id,
      "companyContactRoleAssignmentId",
    );
    return {
      revokedCompanyContactRoleAssignmentId: result.revoked?.[0] ?? null,
      userErrors: result.userErrors.map((e) => ({ ...e, field: ["companyContactRoleAssignmentId"] })),
    };
  },
  companyContactRevokeRoles: (args, { state }) => {
    const contact = contactOf(state, args.companyContactId);
    if (!contact) return { revokedRoleAssignmentIds: null, userErrors: noContact("companyContactId") };
    const ids =
      args.revokeAll === true
        ? [...state.companyRoleAssignments.values()]
            .filter((a) => a.contactId === contact.id)
            .map((a) => gid("CompanyContactRoleAssignment", a.id))
        : Array.isArray(args.roleAssignmentIds)
          ? args.roleAssignmentIds
          : [];
    const result = revoke(state, ids, (a) => a.contactId === contact.id, "roleAssignmentIds");
    return { revokedRoleAssignmentIds: result.revoked, userErrors: result.userErrors };
  },
  companyLocationRevokeRoles: (args, { state }) => {
    const locationId = idOf(args.companyLocationId, "CompanyLocation");
    if (locationId === null || !state.companyLocations.has(locationId)) {
      return {
        revokedRoleAssignmentIds: null,
        userErrors: [err(["companyLocationId"], "The company location doesn't exist.", "RESOURCE_NOT_FOUND")],
      };
    }
    const ids = Array.isArray(args.rolesToRevoke) ? args.rolesToRevoke : [];
    const result = revoke(state, ids, (a) => a.locationId === locationId, "rolesToRevoke");
    return { revokedRoleAssignmentIds: result.revoked, userErrors: result.userErrors };
  },
};
