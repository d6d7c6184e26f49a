import type { SearchSpec } from "./search-query.ts";
import type { ShopState } from "./shop-state.ts";
import type {
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";

const DATES = ["created_at", "updated_at", "since_date"] as const;

/** The filters Shopify's `companies(query:)` documents that the sandbox holds data for. */
export function companySpec(): SearchSpec<CompanyRec> {
  return {
    dates: DATES,
    text: (c) => [c.name, c.externalId ?? ""].join(" "),
    fields: {
      id: (c) => c.id,
      name: (c) => c.name,
      external_id: (c) => c.externalId,
      created_at: (c) => c.createdAt,
      updated_at: (c) => c.updatedAt,
      since_date: (c) => c.customerSince,
    },
  };
}

export function companyLocationSpec(): SearchSpec<CompanyLocationRec> {
  return {
    dates: DATES,
    text: (l) => [l.name, l.externalId ?? ""].join(" "),
    fields: {
      id: (l) => l.id,
      name: (l) => l.name,
      company_id: (l) => l.companyId,
      external_id: (l) => l.externalId,
      created_at: (l) => l.createdAt,
      updated_at: (l) => l.updatedAt,
    },
  };
}

export function companyContactSpec(state: ShopState): SearchSpec<CompanyContactRec> {
  const customer = (c: CompanyContactRec) => state.customers.get(c.customerId);
  return {
    dates: DATES,
    text: (c) => [customer(c)?.firstName, customer(c)?.lastName, customer(c)?.email, c.title].filter(Boolean).join(" "),
    fields: {
      id: (c) => c.id,
      company_id: (c) => c.companyId,
      email: (c) => customer(c)?.email ?? null,
      title: (c) => c.title,
      name: (c) => [customer(c)?.firstName, customer(c)?.lastName].filter(Boolean).join(" "),
      created_at: (c) => c.createdAt,
      updated_at: (c) => c.updatedAt,
    },
  };
}

export function roleAssignmentSpec(state: ShopState): SearchSpec<CompanyRoleAssignmentRec> {
  return {
    dates: DATES,
    text: (a) => state.companyLocations.get(a.locationId)?.name ?? "",
    fields: {
      id: (a) => a.id,
      company_contact_id: (a) => a.contactId,
      company_location_id: (a) => a.locationId,
      location_name: (a) => state.companyLocations.get(a.locationId)?.name ?? null,
      role_name: (a) => state.companies.get(a.companyId)?.contactRoles.find((r) => r.id === a.roleId)?.name ?? null,
      created_at: (a) => a.createdAt,
      updated_at: (a) => a.updatedAt,
    },
  };
}
