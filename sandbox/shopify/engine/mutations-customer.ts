import { consentFromInput } from "./customer-build.ts";
import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { addressFromInput, asInput, str, type UserError } from "./input-helpers.ts";
import { customerDeletePayload, customerPayload, restEmailConsent, restSmsConsent } from "./payloads-customer.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { AddressRec, CustomerRec } from "./store-types.ts";
import { addressView } from "./views-common.ts";
import { customerView } from "./views-customer.ts";
import { shopView } from "./views-shop.ts";

const noCustomer = (field: string[]): UserError[] => [{ field, message: "Customer does not exist" }];
const noAddress: UserError[] = [{ field: ["addressId"], message: "Address does not exist" }];

function customerOf(state: ShopState, id: unknown): CustomerRec | undefined {
  return state.customers.get(idOf(id, "Customer") ?? -1);
}

function addressOf(c: CustomerRec, id: unknown): AddressRec | undefined {
  const addressId = idOf(id, "MailingAddress");
  return c.addresses.find((a) => a.id === addressId);
}

/** Stamps the customer and sends customers/update: every change to a customer does. */
function touch(state: ShopState, c: CustomerRec, at = stamp(state)): void {
  c.updatedAt = at;
  emit(state, "customers/update", customerPayload(state, c));
}

const displayName = (c: CustomerRec) => [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "";

/** Shopify refuses a second address identical to one the customer has. */
function sameAddress(a: AddressRec, b: AddressRec): boolean {
  const keys = [
    "firstName",
    "lastName",
    "company",
    "address1",
    "address2",
    "city",
    "provinceCode",
    "countryCode",
    "zip",
    "phone",
  ] as const;
  return keys.every((k) => (a[k] ?? "") === (b[k] ?? ""));
}

/**
 * Consent states a caller may set: INVALID and REDACTED are Shopify's own verdicts (a bounced
 * address, a redaction), refused with INCLUSION.
 */
const SETTABLE = new Set(["NOT_SUBSCRIBED", "PENDING", "SUBSCRIBED", "UNSUBSCRIBED"]);

type Channel = "email" | "sms";

function updateConsent(state: ShopState, args: Record<string, unknown>, channel: Channel): object {
  const input = asInput(args.input) ?? {};
  const key = channel === "email" ? "emailMarketingConsent" : "smsMarketingConsent";
  const customer = customerOf(state, input.customerId);
  const fail = (field: string[], message: string, code: string) => ({
    customer: null,
    userErrors: [{ field, message, code }],
  });
  if (!customer) return fail(["input", "customerId"], "Customer not found", "INVALID");
  if (channel === "email" && !customer.email) {
    return fail(["input", key], "Customer must have an email address to update email marketing consent.", "INVALID");
  }
  if (channel === "sms" && !customer.phone) {
    return fail(["input", key], "Customer must have a phone number to update SMS marketing consent.", "INVALID");
  }
  const consentInput = asInput(input[key]) ?? {};
  if (!SETTABLE.has(str(consentInput.marketingState) ?? "")) {
    return fail(["input", key, "marketingState"], "Marketing state is not included in the list", "INCLUSION");
  }
  const at = stamp(state);
  const consent = consentFromInput(consentInput, at, channel === "sms");
  if (channel === "email") customer.emailMarketingConsent = consent;
  else customer.smsMarketingConsent = consent;
  touch(state, customer, at);
  // The consent topics carry only the consent (payloads as in Shopify's examples for them).
  if (channel === "email") {
    emit(state, "customers_email_marketing_consent/update", {
      customer_id: customer.id,
      email_address: customer.email,
      email_marketing_consent: restEmailConsent(customer),
    });
  } else {
    emit(state, "customers_marketing_consent/update", {
      id: customer.id,
      phone: customer.phone,
      sms_marketing_consent: restSmsConsent(customer),
    });
  }
  return { customer: customerView(state, customer), userErrors: [] };
}

/** Customer mutations beyond customerCreate/customerUpdate (those are in mutations-misc.ts). */
export const customerMutations: Record<string, Lazy<unknown>> = {
  customerEmailMarketingConsentUpdate: (args, { state }) => updateConsent(state, args, "email"),
  customerSmsMarketingConsentUpdate: (args, { state }) => updateConsent(state, args, "sms"),
  customerAddressCreate: (args, { state }) => {
    const customer = customerOf(state, args.customerId);
    if (!customer) return { address: null, userErrors: noCustomer(["customerId"]) };
    const address = addressFromInput(state, args.address)!;
    if (customer.addresses.some((a) => sameAddress(a, address))) {
      return { address: null, userErrors: [{ field: ["address"], message: "Address already exists" }] };
    }
    customer.addresses.push(address);
    if (args.setAsDefault === true || customer.defaultAddressId === null) customer.defaultAddressId = address.id;
    touch(state, customer);
    return { address: addressView(address, displayName(customer)), userErrors: [] };
  },
  customerAddressUpdate: (args, { state }) => {
    const customer = customerOf(state, args.customerId);
    if (!customer) return { address: null, userErrors: noCustomer(["customerId"]) };
    const existing = addressOf(customer, args.addressId);
    if (!existing) return { address: null, userErrors: noAddress };
    const input = asInput(args.address) ?? {};
    const fields = ["firstName", "lastName", "company", "address1", "address2", "city", "zip", "phone"] as const;
    for (const k of fields) if (input[k] !== undefined) existing[k] = str(input[k]);
    if (input.provinceCode !== undefined) existing.provinceCode = existing.province = str(input.provinceCode);
    if (input.countryCode !== undefined) existing.countryCode = existing.country = str(input.countryCode);
    if (args.setAsDefault === true) customer.defaultAddressId = existing.id;
    touch(state, customer);
    return { address: addressView(existing, displayName(customer)), userErrors: [] };
  },
  customerAddressDelete: (args, { state }) => {
    const customer = customerOf(state, args.customerId);
    if (!customer) return { deletedAddressId: null, userErrors: noCustomer(["customerId"]) };
    const existing = addressOf(customer, args.addressId);
    if (!existing) return { deletedAddressId: null, userErrors: noAddress };
    if (existing.id === customer.defaultAddressId && customer.addresses.length > 1) {
      return {
        deletedAddressId: null,
        userErrors: [{ field: ["addressId"], message: "Cannot delete the customer's default address" }],
      };
    }
    customer.addresses = customer.addresses.filter((a) => a.id !== existing.id);
    if (customer.defaultAddressId === existing.id) customer.defaultAddressId = null;
    touch(state, customer);
    return { deletedAddressId: gid("MailingAddress", `${existing.id}?model_name=CustomerAddress`), userErrors: [] };
  },
  customerUpdateDefaultAddress: (args, { state }) => {
    const customer = customerOf(state, args.customerId);
    if (!customer) return { customer: null, userErrors: noCustomer(["customerId"]) };
    const existing = addressOf(customer, args.addressId);
    if (!existing) return { customer: null, userErrors: noAddress };
    customer.defaultAddressId = existing.id;
    touch(state, customer);
    return { customer: customerView(state, customer), userErrors: [] };
  },
  customerDelete: (args, { state }) => {
    const customer = customerOf(state, asInput(args.input)?.id);
    const shop = shopView(state);
    if (!customer) return { deletedCustomerId: null, shop, userErrors: noCustomer(["id"]) };
    if ([...state.orders.values()].some((o) => o.customerId === customer.id)) {
      return {
        deletedCustomerId: null,
        shop,
        userErrors: [{ field: ["id"], message: "Customer can’t be deleted because they have associated orders" }],
      };
    }
    // The sandbox's guess: a customer who buys for a company is removed from it first, in admin too.
    if ([...state.companyContacts.values()].some((c) => c.customerId === customer.id)) {
      return {
        deletedCustomerId: null,
        shop,
        userErrors: [{ field: ["id"], message: "Customer can’t be deleted because they are a company contact" }],
      };
    }
    stamp(state);
    state.customers.delete(customer.id);
    emit(state, "customers/delete", customerDeletePayload(customer));
    return { deletedCustomerId: gid("Customer", customer.id), shop, userErrors: [] };
  },
};
