import { gid } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import type { AddressRec, CustomerRec, MarketingConsentRec } from "./store-types.ts";

/** REST-shaped (snake_case) webhook payloads, trimmed to what connectors read. */
export function restAddress(a: AddressRec | null): Record<string, unknown> | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    company: a.company,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    province: a.province,
    province_code: a.provinceCode,
    country: a.country,
    country_code: a.countryCode,
    zip: a.zip,
    phone: a.phone,
    name: [a.firstName, a.lastName].filter(Boolean).join(" "),
  };
}

function customerAddress(c: CustomerRec, a: AddressRec): Record<string, unknown> {
  return { id: a.id, customer_id: c.id, ...restAddress(a), default: a.id === c.defaultAddressId };
}

/** REST writes enum values in lower case ("not_subscribed", "single_opt_in"). */
const lower = (value: string | null) => value?.toLowerCase() ?? null;

/** `email_marketing_consent`: null for a customer without an email, as REST answers. */
export function restEmailConsent(c: CustomerRec): Record<string, unknown> | null {
  if (!c.email) return null;
  return restConsent(c.emailMarketingConsent);
}

/** `sms_marketing_consent`: null for a customer without a phone; also says where it was collected. */
export function restSmsConsent(c: CustomerRec): Record<string, unknown> | null {
  if (!c.phone) return null;
  return {
    ...restConsent(c.smsMarketingConsent),
    consent_collected_from: c.smsMarketingConsent.collectedFrom ?? "OTHER",
  };
}

function restConsent(consent: MarketingConsentRec): Record<string, unknown> {
  return {
    state: lower(consent.state),
    opt_in_level: lower(consent.optInLevel),
    consent_updated_at: consent.updatedAt,
  };
}

/** customers/create and customers/update. */
export function customerPayload(state: ShopState, c: CustomerRec): Record<string, unknown> {
  const orders = [...state.orders.values()].filter((o) => o.customerId === c.id);
  const defaultAddress = c.addresses.find((x) => x.id === c.defaultAddressId);
  return {
    id: c.id,
    admin_graphql_api_id: gid("Customer", c.id),
    email: c.email,
    phone: c.phone,
    first_name: c.firstName,
    last_name: c.lastName,
    note: c.note,
    tags: c.tags.join(", "),
    tax_exempt: c.taxExempt,
    tax_exemptions: c.taxExemptions,
    state: "enabled",
    verified_email: Boolean(c.email),
    currency: state.info.currencyCode,
    orders_count: orders.length,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    addresses: c.addresses.map((a) => customerAddress(c, a)),
    default_address: defaultAddress ? customerAddress(c, defaultAddress) : null,
    email_marketing_consent: restEmailConsent(c),
    sms_marketing_consent: restSmsConsent(c),
  };
}

/** customers/delete: Shopify's example payload holds only the id, with every other field emptied. */
export function customerDeletePayload(c: CustomerRec): Record<string, unknown> {
  return {
    id: c.id,
    admin_graphql_api_id: gid("Customer", c.id),
    phone: null,
    addresses: [],
    tax_exemptions: [],
    email_marketing_consent: null,
    sms_marketing_consent: null,
  };
}
