import type { ShopSettings } from "../domain/settings-schema.ts";
import type { ImportedOrder, OrderAddress } from "../tasks/orders-sync/imported-order.ts";
import { type CustomerProfile, erpNames } from "./customer-profile.ts";

/** What the ERP is asked, in order, until one answers with a customer. */
export type CustomerLookup = { email: string } | { phone: string } | { billTo: BillToQuery };

/** Bill-to matching compares these with the ERP customer's name and address, case-insensitively. */
export interface BillToQuery {
  name: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  countryCode: string;
}

/** Who the order's buyer is to us: the Shopify customer, or the order itself for a guest checkout. */
export interface CustomerKey {
  shopifyCustomerId: string;
  label: string;
  /** A guest has no Shopify customer, so no link is kept for one. */
  guest: boolean;
}

export interface NewErpCustomer {
  displayName: string;
  email: string;
  phoneNumber: string | null;
  /** Everything the ERP customer is built from (customer-fields.ts), as "Sync customers" builds it. */
  profile: CustomerProfile;
}

export interface CustomerFacts {
  /** The ERP customer already linked to this Shopify customer. */
  linkedNumber: string | null;
  /** The first hit of `customerLookups`, when they were asked. */
  foundNumber: string | null;
}

export type CustomerDecision =
  | {
      kind: "use";
      customerNumber: string;
      source: "country_default" | "default" | "link" | "matched";
      /** Keep a link so later orders skip the lookups. */
      storeLink: boolean;
    }
  | { kind: "create"; customer: NewErpCustomer }
  | { kind: "wait"; reason: "unmapped_customer" };

export function customerKey(order: ImportedOrder): CustomerKey {
  // A B2B order's buyer is the company location (its ERP customer), whoever of its contacts placed it.
  if (order.company) {
    const { company } = order;
    return {
      shopifyCustomerId: company.locationId,
      label: companyLocationLabel(company.companyName, company.locationName),
      guest: false,
    };
  }
  const c = order.customer;
  const email = c?.email ?? order.email;
  const name = [c?.firstName, c?.lastName].filter(Boolean).join(" ") || personName(order.billingAddress);
  const label = [name, email ? `<${email}>` : null].filter(Boolean).join(" ") || "Guest";
  if (c) return { shopifyCustomerId: c.shopifyCustomerId, label, guest: false };
  return { shopifyCustomerId: order.shopifyOrderId, label: `${label} (guest, ${order.name})`, guest: true };
}

/** The buyer of an order as the customer mapping sees any Shopify customer: its billing address first. */
export function profileFromOrder(order: ImportedOrder): CustomerProfile {
  const a = order.billingAddress ?? order.shippingAddress;
  return {
    shopifyCustomerId: order.customer?.shopifyCustomerId ?? null,
    firstName: order.customer?.firstName ?? null,
    lastName: order.customer?.lastName ?? null,
    email: (order.customer?.email ?? order.email)?.trim() || null,
    phone: order.customer?.phone ?? order.phone ?? a?.phone ?? null,
    address: a ? { ...a, province: null } : null,
    taxExempt: false,
  };
}

/** A country's default customer (BC: the Customer Template row's Default Customer No.). */
export function countryDefaultFor(countryCode: string | null | undefined, settings: ShopSettings): string | null {
  const country = countryCode?.toUpperCase();
  return country ? (settings.customers.defaultCustomerByCountry[country] ?? null) : null;
}

/** The ship-to country's default customer, which wins over every mapping strategy (BC precedence 1). */
export function countryDefaultCustomer(order: ImportedOrder, settings: ShopSettings): string | null {
  return countryDefaultFor((order.shippingAddress ?? order.billingAddress)?.countryCode, settings);
}

/** The template customer new ERP customers of this country copy (BC: per-country Customer Template), else the shop's. */
export function templateFor(profile: CustomerProfile, settings: ShopSettings): string {
  const country = profile.address?.countryCode?.toUpperCase();
  return (
    (country ? settings.customers.templateCustomerByCountry[country] : undefined) ??
    settings.customers.templateCustomerNo
  );
}

/** The ERP questions the mapping strategy asks; none when a default decides regardless. */
export function customerLookups(order: ImportedOrder, settings: ShopSettings): CustomerLookup[] {
  // A B2B order is never matched to a consumer customer (by its contact's e-mail, say).
  if (order.company) return [];
  if (countryDefaultCustomer(order, settings) || settings.customers.import === "none") return [];
  return lookupsFor(profileFromOrder(order), settings);
}

/** The mapping strategy's ERP questions for any Shopify buyer, in order (BC: Cust. by Email/Phone, by Bill-to). */
export function lookupsFor(profile: CustomerProfile, settings: ShopSettings): CustomerLookup[] {
  if (settings.customers.mapping === "default_customer") return [];
  if (settings.customers.mapping === "by_bill_to_address") {
    const a = profile.address;
    if (!a?.address1 || !a.countryCode) return [];
    return [
      {
        billTo: {
          name: a.company || personName(a),
          line1: a.address1,
          line2: a.address2 ?? "",
          postalCode: a.zip ?? "",
          city: a.city ?? "",
          countryCode: a.countryCode,
        },
      },
    ];
  }
  const lookups: CustomerLookup[] = [];
  const email = profile.email?.trim();
  if (email) lookups.push({ email });
  const phone = profile.phone ?? profile.address?.phone;
  if (phone && phone.replace(/\D/g, "").length >= 6) lookups.push({ phone });
  return lookups;
}

/**
 * A B2B order goes to its company location's ERP customer, else its company's, else it waits.
 * Otherwise BC's order-time precedence: ship-to country default → "always the default customer" → the
 * stored link → the strategy's match → create from the template when allowed → wait.
 */
export function resolveCustomer(order: ImportedOrder, settings: ShopSettings, facts: CustomerFacts): CustomerDecision {
  if (order.company) {
    // Only the company location's (or the company's) own ERP customer: no default, no match, no create.
    if (facts.linkedNumber) {
      return { kind: "use", customerNumber: facts.linkedNumber, source: "link", storeLink: false };
    }
    return { kind: "wait", reason: "unmapped_customer" };
  }
  const byCountry = countryDefaultCustomer(order, settings);
  if (byCountry) return { kind: "use", customerNumber: byCountry, source: "country_default", storeLink: false };
  if (settings.customers.mapping === "default_customer" || settings.customers.import === "none") {
    return { kind: "use", customerNumber: settings.customers.defaultCustomerNo, source: "default", storeLink: false };
  }
  if (facts.linkedNumber) return { kind: "use", customerNumber: facts.linkedNumber, source: "link", storeLink: false };
  const guest = customerKey(order).guest;
  if (facts.foundNumber) {
    return { kind: "use", customerNumber: facts.foundNumber, source: "matched", storeLink: !guest };
  }
  // Creation is keyed by e-mail in the ERP, so a retried job finds what the first try created.
  const customer = settings.customers.createUnknownInErp ? newErpCustomer(order, settings) : null;
  if (customer) return { kind: "create", customer };
  return { kind: "wait", reason: "unmapped_customer" };
}

/** The ERP customer to create for the order's buyer; null without an e-mail (the creation key). */
export function newErpCustomer(order: ImportedOrder, settings: ShopSettings): NewErpCustomer | null {
  const profile = profileFromOrder(order);
  if (!profile.email) return null;
  return {
    displayName: erpNames(profile, settings.customers).name.slice(0, 100),
    email: profile.email,
    phoneNumber: profile.phone,
    profile,
  };
}

function personName(a: OrderAddress | null | undefined): string {
  return [a?.firstName, a?.lastName].filter(Boolean).join(" ");
}

/** A B2B buyer (company location) as the unmapped companies list names it. */
export function companyLocationLabel(company: string, location: string): string {
  return `${company} – ${location} (B2B)`;
}
