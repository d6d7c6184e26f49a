import { gid } from "./gid.ts";
import { paymentTermsTemplate } from "./payment-terms.ts";
import type { ShopState } from "./shop-state.ts";
import type {
  CompanyAddressRec,
  CompanyContactRec,
  CompanyLocationRec,
  CompanyRec,
  CompanyRoleAssignmentRec,
} from "./store-types-company.ts";

/**
 * REST-shaped payloads of the B2B webhook topics (companies/*, company_locations/*,
 * company_contacts/*, company_contact_roles/*), shaped after Shopify's example payloads for
 * them: GraphQL ids (`admin_graphql_api_id`, `…_admin_graphql_api_id`) rather than numeric ones,
 * and the company nested in its locations' and contacts' payloads.
 */
export function companyPayload(c: CompanyRec): Record<string, unknown> {
  return {
    name: c.name,
    note: c.note,
    external_id: c.externalId,
    main_contact_admin_graphql_api_id: c.mainContactId === null ? null : gid("CompanyContact", c.mainContactId),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    customer_since: c.customerSince,
    admin_graphql_api_id: gid("Company", c.id),
  };
}

function addressPayload(a: CompanyAddressRec | null, l: CompanyLocationRec): Record<string, unknown> | null {
  if (!a) return null;
  return {
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.zoneCode,
    country: a.countryCode,
    zip: a.zip,
    recipient: a.recipient,
    first_name: a.firstName,
    last_name: a.lastName,
    phone: a.phone,
    zone_code: a.zoneCode,
    country_code: a.countryCode,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    admin_graphql_api_id: gid("CompanyAddress", a.id),
    company_admin_graphql_api_id: gid("Company", l.companyId),
  };
}

export function companyLocationPayload(state: ShopState, l: CompanyLocationRec): Record<string, unknown> {
  const company = state.companies.get(l.companyId);
  const config = l.buyerExperience;
  const template = paymentTermsTemplate(config?.paymentTermsTemplateId ?? null);
  return {
    name: l.name,
    external_id: l.externalId,
    phone: l.phone,
    locale: l.locale,
    note: l.note,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
    admin_graphql_api_id: gid("CompanyLocation", l.id),
    buyer_experience_configuration: config
      ? {
          checkout_to_draft: config.checkoutToDraft,
          editable_shipping_address: config.editableShippingAddress,
          payment_terms_template: template
            ? {
                name: template.name,
                payment_terms_type: template.paymentTermsType.toLowerCase(),
                due_in_days: template.dueInDays,
                admin_graphql_api_id: gid("PaymentTermsTemplate", template.id),
              }
            : null,
        }
      : null,
    tax_registration: l.taxRegistrationId === null ? null : { tax_id: l.taxRegistrationId },
    tax_exempt: l.taxExempt,
    tax_exemptions: l.taxExemptions,
    company: company ? companyPayload(company) : null,
    billing_address: addressPayload(l.billingAddress, l),
    shipping_address: addressPayload(l.shippingAddress, l),
  };
}

export function companyContactPayload(state: ShopState, c: CompanyContactRec): Record<string, unknown> {
  const company = state.companies.get(c.companyId);
  return {
    customer_admin_graphql_api_id: gid("Customer", c.customerId),
    title: c.title,
    locale: c.locale,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    admin_graphql_api_id: gid("CompanyContact", c.id),
    company: company ? companyPayload(company) : null,
  };
}

/** company_contact_roles/assign and /revoke: the contact, the location and the role's name. */
export function roleAssignmentPayload(state: ShopState, a: CompanyRoleAssignmentRec): Record<string, unknown> {
  const contact = state.companyContacts.get(a.contactId);
  const location = state.companyLocations.get(a.locationId);
  const role = state.companies.get(a.companyId)?.contactRoles.find((r) => r.id === a.roleId);
  return {
    company_contact: contact ? companyContactPayload(state, contact) : null,
    company_location: location ? companyLocationPayload(state, location) : null,
    company_contact_role: { name: role?.name ?? null },
  };
}
