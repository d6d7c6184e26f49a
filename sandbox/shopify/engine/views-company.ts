import { type ConnectionArgs, mapConnection, paginate } from "./connection.ts";
import { gid } from "./gid.ts";
import { moneyV2 } from "./money.ts";
import { orderTotals } from "./order-totals.ts";
import { paymentTermsTemplate, paymentTermsTemplateView } from "./payment-terms.ts";
import { filterBySearch } from "./search-query.ts";
import { companyContactSpec, companyLocationSpec, roleAssignmentSpec } from "./search-specs-company.ts";
import type { ShopState } from "./shop-state.ts";
import type { OrderRec } from "./store-types.ts";
import type {
  CompanyAddressRec,
  CompanyContactRec,
  CompanyContactRoleRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";
import { lifetime } from "./views-common.ts";
import { customerView } from "./views-customer.ts";
import { orderView } from "./views-order.ts";

type Args = Record<string, unknown>;

const exactCount = (n: number) => ({ __typename: "Count", count: n, precision: "EXACT" });

/** How the B2B sort keys order records; keys the sandbox cannot rank by fall back to id. */
function sortKeyValue(rec: { id: number; createdAt: string; updatedAt: string }, sortKey: unknown, name = "") {
  switch (sortKey) {
    case "CREATED_AT":
      return rec.createdAt;
    case "UPDATED_AT":
      return rec.updatedAt;
    case "NAME":
    case "LOCATION_NAME":
    case "COMPANY_AND_LOCATION_NAME":
      return name.toLowerCase();
    default:
      return rec.id;
  }
}

function ordersConnection(state: ShopState, orders: OrderRec[], args: Args) {
  return mapConnection(
    paginate(orders, args as ConnectionArgs, (o) => ({
      id: o.id,
      value: args.sortKey === "PROCESSED_AT" ? o.processedAt : args.sortKey === "UPDATED_AT" ? o.updatedAt : o.id,
    })),
    (o) => orderView(state, o),
  );
}

function spent(state: ShopState, orders: OrderRec[]): object {
  const cents = orders.filter((o) => !o.cancelledAt).reduce((sum, o) => sum + orderTotals(o).total, 0);
  return moneyV2(cents, state.info.currencyCode);
}

function ordersOfCompany(state: ShopState, companyId: number): OrderRec[] {
  return [...state.orders.values()].filter((o) => {
    const location = o.companyLocationId === null ? undefined : state.companyLocations.get(o.companyLocationId);
    return location?.companyId === companyId;
  });
}

export function locationsOf(state: ShopState, companyId: number): CompanyLocationRec[] {
  return [...state.companyLocations.values()].filter((l) => l.companyId === companyId);
}

export function contactsOf(state: ShopState, companyId: number): CompanyContactRec[] {
  return [...state.companyContacts.values()].filter((c) => c.companyId === companyId);
}

function roleAssignments(
  state: ShopState,
  filter: (a: CompanyRoleAssignmentRec) => boolean,
  args: Args,
): ReturnType<typeof mapConnection> {
  const list = filterBySearch(
    [...state.companyRoleAssignments.values()].filter(filter),
    args.query as string | undefined,
    roleAssignmentSpec(state),
  );
  return mapConnection(
    paginate(list, args as ConnectionArgs, (a) => ({
      id: a.id,
      value: sortKeyValue(a, args.sortKey, state.companyLocations.get(a.locationId)?.name),
    })),
    (a) => roleAssignmentView(state, a),
  );
}

export function companyView(state: ShopState, rec: CompanyRec): object {
  const orders = () => ordersOfCompany(state, rec.id);
  const mainContact = rec.mainContactId === null ? undefined : state.companyContacts.get(rec.mainContactId);
  return {
    __typename: "Company",
    id: gid("Company", rec.id),
    name: rec.name,
    note: rec.note,
    externalId: rec.externalId,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    customerSince: rec.customerSince,
    lifetimeDuration: lifetime(state, rec.customerSince),
    hasTimelineComment: false,
    defaultCursor: Buffer.from(JSON.stringify({ last_id: rec.id, last_value: rec.id })).toString("base64"),
    mainContact: mainContact ? companyContactView(state, mainContact) : null,
    defaultRole: (() => {
      const role = rec.contactRoles.find((r) => r.name === "Ordering only");
      return role ? roleView(role) : null;
    })(),
    contactRoles: (args: Args) =>
      mapConnection(
        paginate(rec.contactRoles, args as ConnectionArgs, (r) => ({ id: r.id, value: r.id })),
        roleView,
      ),
    contacts: (args: Args) => {
      const list = filterBySearch(
        contactsOf(state, rec.id),
        args.query as string | undefined,
        companyContactSpec(state),
      );
      return mapConnection(
        paginate(list, args as ConnectionArgs, (c) => ({
          id: c.id,
          value: sortKeyValue(c, args.sortKey, contactName(state, c)),
        })),
        (c) => companyContactView(state, c),
      );
    },
    contactsCount: exactCount(contactsOf(state, rec.id).length),
    locations: (args: Args) => {
      const list = filterBySearch(locationsOf(state, rec.id), args.query as string | undefined, companyLocationSpec());
      return mapConnection(
        paginate(list, args as ConnectionArgs, (l) => ({ id: l.id, value: sortKeyValue(l, args.sortKey, l.name) })),
        (l) => companyLocationView(state, l),
      );
    },
    locationsCount: exactCount(locationsOf(state, rec.id).length),
    orders: (args: Args) => ordersConnection(state, orders(), args),
    ordersCount: () => exactCount(orders().length),
    totalSpent: () => spent(state, orders()),
  };
}

function contactName(state: ShopState, c: CompanyContactRec): string {
  const customer = state.customers.get(c.customerId);
  return [customer?.firstName, customer?.lastName].filter(Boolean).join(" ");
}

export function roleView(role: CompanyContactRoleRec): object {
  return { __typename: "CompanyContactRole", id: gid("CompanyContactRole", role.id), name: role.name, note: role.note };
}

export function companyAddressView(rec: CompanyAddressRec | null, companyName: string): object | null {
  if (!rec) return null;
  const name = [rec.firstName, rec.lastName].filter(Boolean).join(" ");
  return {
    __typename: "CompanyAddress",
    id: gid("CompanyAddress", rec.id),
    address1: rec.address1,
    address2: rec.address2,
    city: rec.city,
    companyName,
    countryCode: rec.countryCode,
    // The sandbox has no country names; the code stands in for one.
    country: rec.countryCode,
    zoneCode: rec.zoneCode,
    province: rec.zoneCode,
    zip: rec.zip,
    firstName: rec.firstName,
    lastName: rec.lastName,
    phone: rec.phone,
    recipient: rec.recipient,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    formattedArea: [rec.city, rec.zoneCode, rec.countryCode].filter(Boolean).join(", ") || null,
    formattedAddress: (args: Args) =>
      [
        args.withName && name ? name : null,
        args.withCompanyName ? companyName : null,
        rec.address1,
        rec.address2,
        [rec.zip, rec.city].filter(Boolean).join(" ") || null,
        rec.countryCode,
      ].filter((line): line is string => Boolean(line)),
  };
}

export function companyLocationView(state: ShopState, rec: CompanyLocationRec): object {
  const company = state.companies.get(rec.companyId)!;
  const orders = () => [...state.orders.values()].filter((o) => o.companyLocationId === rec.id);
  const config = rec.buyerExperience;
  const template = paymentTermsTemplate(config?.paymentTermsTemplateId ?? null);
  return {
    __typename: "CompanyLocation",
    id: gid("CompanyLocation", rec.id),
    name: rec.name,
    externalId: rec.externalId,
    phone: rec.phone,
    locale: rec.locale,
    note: rec.note,
    currency: state.info.currencyCode,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    hasTimelineComment: false,
    defaultCursor: Buffer.from(JSON.stringify({ last_id: rec.id, last_value: rec.id })).toString("base64"),
    company: () => companyView(state, company),
    billingAddress: companyAddressView(rec.billingAddress, company.name),
    shippingAddress: companyAddressView(rec.shippingAddress, company.name),
    taxSettings: {
      __typename: "CompanyLocationTaxSettings",
      taxRegistrationId: rec.taxRegistrationId,
      taxExempt: rec.taxExempt,
      taxExemptions: rec.taxExemptions,
    },
    buyerExperienceConfiguration: config
      ? {
          __typename: "BuyerExperienceConfiguration",
          checkoutToDraft: config.checkoutToDraft,
          editableShippingAddress: config.editableShippingAddress,
          paymentTermsTemplate: template ? paymentTermsTemplateView(template) : null,
          deposit: null,
        }
      : null,
    roleAssignments: (args: Args) => roleAssignments(state, (a) => a.locationId === rec.id, args),
    orders: (args: Args) => ordersConnection(state, orders(), args),
    ordersCount: () => exactCount(orders().length),
    totalSpent: () => spent(state, orders()),
  };
}

export function companyContactView(state: ShopState, rec: CompanyContactRec): object {
  const company = state.companies.get(rec.companyId)!;
  const customer = state.customers.get(rec.customerId)!;
  const orders = () => [...state.orders.values()].filter((o) => o.companyContactId === rec.id);
  return {
    __typename: "CompanyContact",
    id: gid("CompanyContact", rec.id),
    title: rec.title,
    locale: rec.locale,
    isMainContact: company.mainContactId === rec.id,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    lifetimeDuration: lifetime(state, rec.createdAt),
    company: () => companyView(state, company),
    customer: () => customerView(state, customer),
    roleAssignments: (args: Args) => roleAssignments(state, (a) => a.contactId === rec.id, args),
    orders: (args: Args) => ordersConnection(state, orders(), args),
  };
}

export function roleAssignmentView(state: ShopState, rec: CompanyRoleAssignmentRec): object {
  const company = state.companies.get(rec.companyId)!;
  const role = company.contactRoles.find((r) => r.id === rec.roleId)!;
  return {
    __typename: "CompanyContactRoleAssignment",
    id: gid("CompanyContactRoleAssignment", rec.id),
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    company: () => companyView(state, company),
    companyContact: () => companyContactView(state, state.companyContacts.get(rec.contactId)!),
    companyLocation: () => companyLocationView(state, state.companyLocations.get(rec.locationId)!),
    role: roleView(role),
  };
}
