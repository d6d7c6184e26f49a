import {
  addLocation,
  addressErrors,
  buyerExperience,
  companyAddress,
  companyInputErrors,
  createCompany,
  deleteCompany,
  err,
  exemptions,
  locationInputErrors,
  touchCompany,
  touchLocation,
} from "./company-build.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { asInput, str } from "./input-helpers.ts";
import { companyLocationPayload } from "./payloads-company.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import { companyAddressView, companyLocationView, companyView, locationsOf } from "./views-company.ts";

const noCompany = (field: string) => [err([field], "The company doesn't exist.", "RESOURCE_NOT_FOUND")];
const noLocation = (field: string) => [err([field], "The company location doesn't exist.", "RESOURCE_NOT_FOUND")];

export function companyOf(state: ShopState, id: unknown) {
  return state.companies.get(idOf(id, "Company") ?? -1);
}

export function locationOf(state: ShopState, id: unknown) {
  return state.companyLocations.get(idOf(id, "CompanyLocation") ?? -1);
}

/** Company and company location mutations (contacts and roles: mutations-company-contacts.ts). */
export const companyMutations: Record<string, Lazy<unknown>> = {
  companyCreate: (args, { state }) => {
    const result = createCompany(state, asInput(args.input) ?? {});
    return "userErrors" in result
      ? { company: null, userErrors: result.userErrors }
      : { company: companyView(state, result.company), userErrors: [] };
  },
  companyUpdate: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { company: null, userErrors: noCompany("companyId") };
    const input = asInput(args.input) ?? {};
    const errors = companyInputErrors(state, input, ["input"], false, company.id);
    if (errors.length > 0) return { company: null, userErrors: errors };
    if (input.name !== undefined) company.name = str(input.name)!.trim();
    if (input.note !== undefined) company.note = str(input.note);
    if (input.externalId !== undefined) company.externalId = str(input.externalId);
    if (str(input.customerSince)) company.customerSince = str(input.customerSince)!;
    touchCompany(state, company);
    return { company: companyView(state, company), userErrors: [] };
  },
  companyDelete: (args, { state }) => {
    const company = companyOf(state, args.id);
    if (!company) return { deletedCompanyId: null, userErrors: noCompany("id") };
    // Journaled by the shrinking collections; the stamp still moves so cursors see time pass.
    stamp(state);
    deleteCompany(state, company);
    return { deletedCompanyId: gid("Company", company.id), userErrors: [] };
  },
  companyLocationCreate: (args, { state }) => {
    const company = companyOf(state, args.companyId);
    if (!company) return { companyLocation: null, userErrors: noCompany("companyId") };
    const input = asInput(args.input) ?? {};
    const errors = locationInputErrors(state, input, ["input"], { nameRequired: true });
    if (errors.length > 0) return { companyLocation: null, userErrors: errors };
    const location = addLocation(state, company, input, stamp(state), company.name);
    return { companyLocation: companyLocationView(state, location), userErrors: [] };
  },
  companyLocationUpdate: (args, { state }) => {
    const location = locationOf(state, args.companyLocationId);
    if (!location) return { companyLocation: null, userErrors: noLocation("companyLocationId") };
    const input = asInput(args.input) ?? {};
    const errors = locationInputErrors(state, input, ["input"], { nameRequired: false, exceptId: location.id });
    if (errors.length > 0) return { companyLocation: null, userErrors: errors };
    if (input.name !== undefined) location.name = str(input.name)!.trim();
    for (const key of ["externalId", "phone", "locale", "note"] as const) {
      if (input[key] !== undefined) location[key] = str(input[key]);
    }
    const experience = asInput(input.buyerExperienceConfiguration);
    if (experience) location.buyerExperience = buyerExperience(experience, location.buyerExperience);
    touchLocation(state, location);
    return { companyLocation: companyLocationView(state, location), userErrors: [] };
  },
  companyLocationDelete: (args, { state }) => {
    const location = locationOf(state, args.companyLocationId);
    if (!location) return { deletedCompanyLocationId: null, userErrors: noLocation("companyLocationId") };
    // A company keeps at least one location (Shopify refuses to delete the last one).
    if (locationsOf(state, location.companyId).length === 1) {
      return {
        deletedCompanyLocationId: null,
        userErrors: [err(["companyLocationId"], "Cannot delete the last location of a company.", "FAILED_TO_DELETE")],
      };
    }
    stamp(state);
    for (const a of [...state.companyRoleAssignments.values()]) {
      if (a.locationId === location.id) state.companyRoleAssignments.delete(a.id);
    }
    state.companyLocations.delete(location.id);
    emit(state, "company_locations/delete", companyLocationPayload(state, location));
    return { deletedCompanyLocationId: gid("CompanyLocation", location.id), userErrors: [] };
  },
  companyLocationAssignAddress: (args, { state }) => {
    const location = locationOf(state, args.locationId);
    if (!location) return { addresses: null, userErrors: noLocation("locationId") };
    const address = asInput(args.address) ?? {};
    const types = Array.isArray(args.addressTypes) ? [...new Set(args.addressTypes as string[])] : [];
    const errors = addressErrors(address, ["address"]);
    if (types.length === 0) errors.push(err(["addressTypes"], "Address types can't be blank", "BLANK"));
    if (errors.length > 0) return { addresses: null, userErrors: errors };
    const at = stamp(state);
    const company = state.companies.get(location.companyId)!;
    const assigned = types.map((type) => {
      // Each type gets its own CompanyAddress record, replacing the one it had.
      const rec = companyAddress(state, address, at);
      if (type === "BILLING") location.billingAddress = rec;
      else location.shippingAddress = rec;
      return companyAddressView(rec, company.name);
    });
    touchLocation(state, location, at);
    return { addresses: assigned, userErrors: [] };
  },
  companyLocationTaxSettingsUpdate: (args, { state }) => {
    const location = locationOf(state, args.companyLocationId);
    if (!location) return { companyLocation: null, userErrors: noLocation("companyLocationId") };
    const given = ["taxRegistrationId", "taxExempt", "exemptionsToAssign", "exemptionsToRemove"].some(
      (key) => args[key] !== undefined && args[key] !== null,
    );
    if (!given) {
      return {
        companyLocation: null,
        userErrors: [err(null, "At least one tax setting must be provided.", "NO_INPUT")],
      };
    }
    if (args.taxRegistrationId !== undefined) location.taxRegistrationId = str(args.taxRegistrationId);
    if (typeof args.taxExempt === "boolean") location.taxExempt = args.taxExempt;
    const remove = new Set(exemptions(args.exemptionsToRemove));
    location.taxExemptions = [...new Set([...location.taxExemptions, ...exemptions(args.exemptionsToAssign)])].filter(
      (e) => !remove.has(e),
    );
    touchLocation(state, location);
    return { companyLocation: companyLocationView(state, location), userErrors: [] };
  },
};
