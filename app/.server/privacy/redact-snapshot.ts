import type { ImportedOrder, OrderAddress } from "../tasks/orders-sync/imported-order.ts";

/**
 * Pure: an order snapshot without the customer's personal data (customers/redact). What the ERP
 * document and the app's own bookkeeping need stays: the order number, lines, amounts, taxes,
 * currencies, statuses, the ship-to country and province (tax and the country default customer
 * depend on them) and the Shopify ids. Gone: e-mail, phone, names, company, street, city, postal
 * code, the note and custom attributes (free text a buyer may have typed anything into).
 */
export function redactOrderSnapshot(order: ImportedOrder): ImportedOrder {
  return {
    ...order,
    email: null,
    phone: null,
    note: null,
    customAttributes: [],
    customer: order.customer
      ? {
          shopifyCustomerId: order.customer.shopifyCustomerId,
          email: null,
          phone: null,
          firstName: null,
          lastName: null,
        }
      : null,
    billingAddress: redactAddress(order.billingAddress),
    shippingAddress: redactAddress(order.shippingAddress),
  };
}

function redactAddress(address: OrderAddress | null): OrderAddress | null {
  if (!address) return null;
  return {
    firstName: null,
    lastName: null,
    company: null,
    address1: null,
    address2: null,
    city: null,
    zip: null,
    provinceCode: address.provinceCode,
    countryCode: address.countryCode,
    phone: null,
  };
}

/** Shorter values are not searched for elsewhere: "Ann" or "Paris" would hit other people's text. */
export const MIN_SEARCHED_LENGTH = 6;

/**
 * The personal values of an order that other tables may have copied into text (event messages,
 * error messages, labels, logged payloads): e-mails, phones, full names, street lines, companies.
 * Single first or last names are not searched for on their own (see MIN_SEARCHED_LENGTH and the
 * full names, which is how every message of the app writes them).
 */
export function personalValuesOf(order: ImportedOrder): string[] {
  const values: (string | null | undefined)[] = [order.email, order.phone];
  const c = order.customer;
  if (c) values.push(c.email, c.phone, fullName(c.firstName, c.lastName));
  for (const a of [order.billingAddress, order.shippingAddress]) {
    if (!a) continue;
    values.push(fullName(a.firstName, a.lastName), a.company, a.address1, a.address2, a.phone);
  }
  return distinctSearchable(values);
}

export function distinctSearchable(values: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.length < MIN_SEARCHED_LENGTH) continue;
    seen.set(trimmed.toLowerCase(), trimmed);
  }
  // Longest first, so "Ann Smith <ann@x.com>"-style texts lose the whole e-mail before any part of it.
  return [...seen.values()].sort((a, b) => b.length - a.length);
}

function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter(Boolean).join(" ");
  return name === "" ? null : name;
}
