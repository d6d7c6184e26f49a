import {
  addressFromInput,
  asInput,
  asList,
  type Input,
  normalizeTags,
  str,
  upsertMetafields,
  type UserError,
} from "./input-helpers.ts";
import { customerPayload } from "./payloads-customer.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { CustomerRec, MarketingConsentRec } from "./store-types.ts";

export const NOT_SUBSCRIBED: Readonly<MarketingConsentRec> = {
  state: "NOT_SUBSCRIBED",
  optInLevel: null,
  updatedAt: null,
  collectedFrom: null,
};

/**
 * A CustomerEmailMarketingConsentInput / CustomerSmsMarketingConsentInput as stored. Shopify
 * records SINGLE_OPT_IN when no level is given, and the change time when none is given; SMS
 * consent set through the API counts as collected by "OTHER" (the sandbox's reading of
 * CustomerConsentCollectedFrom for an API write).
 */
export function consentFromInput(input: Input, at: string, sms: boolean): MarketingConsentRec {
  return {
    state: str(input.marketingState) ?? "NOT_SUBSCRIBED",
    optInLevel: str(input.marketingOptInLevel) ?? "SINGLE_OPT_IN",
    updatedAt: str(input.consentUpdatedAt) ?? at,
    collectedFrom: sms ? "OTHER" : null,
  };
}

/** Consent needs the channel it is about: no email, no email consent (likewise phone and SMS). */
export function consentErrors(email: string | null, phone: string | null, input: Input): UserError[] {
  const errors: UserError[] = [];
  if (asInput(input.emailMarketingConsent) && !email) {
    errors.push({
      field: ["emailMarketingConsent"],
      message: "An email address is required to set the email marketing consent state.",
    });
  }
  if (asInput(input.smsMarketingConsent) && !phone) {
    errors.push({
      field: ["smsMarketingConsent"],
      message: "A phone number is required to set the SMS consent state.",
    });
  }
  return errors;
}

function exemptionsOf(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === "string"))] : [];
}

function emailTaken(state: ShopState, email: string | null, exceptId: number | null): boolean {
  if (!email) return false;
  const wanted = email.toLowerCase();
  return [...state.customers.values()].some((c) => c.id !== exceptId && c.email?.toLowerCase() === wanted);
}

/** customerCreate's rules: some contact detail, a unique email. */
export function createCustomer(state: ShopState, input: Input): CustomerRec | UserError {
  const email = str(input.email);
  const phone = str(input.phone);
  if (!email && !phone && !str(input.firstName) && !str(input.lastName)) {
    return { field: null, message: "A name, phone number, or email address must be present" };
  }
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { field: ["email"], message: "Email is invalid" };
  if (emailTaken(state, email, null)) return { field: ["email"], message: "Email has already been taken" };
  const consentError = consentErrors(email, phone, input)[0];
  if (consentError) return consentError;
  const at = stamp(state);
  const emailConsent = asInput(input.emailMarketingConsent);
  const smsConsent = asInput(input.smsMarketingConsent);
  const addresses = asList(input.addresses)
    .map((a) => addressFromInput(state, a))
    .filter((a) => a !== null);
  const rec: CustomerRec = {
    id: nextId(state, "Customer"),
    firstName: str(input.firstName),
    lastName: str(input.lastName),
    email,
    phone,
    note: str(input.note),
    tags: normalizeTags(input.tags),
    taxExempt: input.taxExempt === true,
    taxExemptions: exemptionsOf(input.taxExemptions),
    locale: str(input.locale) ?? "en",
    emailMarketingConsent: emailConsent ? consentFromInput(emailConsent, at, false) : { ...NOT_SUBSCRIBED },
    smsMarketingConsent: smsConsent ? consentFromInput(smsConsent, at, true) : { ...NOT_SUBSCRIBED },
    addresses,
    defaultAddressId: addresses[0]?.id ?? null,
    metafields: [],
    createdAt: at,
    updatedAt: at,
  };
  upsertMetafields(state, rec.metafields, asList(input.metafields), at);
  state.customers.set(rec.id, rec);
  emit(state, "customers/create", customerPayload(state, rec));
  return rec;
}

export function updateCustomer(state: ShopState, rec: CustomerRec, input: Input): CustomerRec | UserError {
  const email = input.email === undefined ? rec.email : str(input.email);
  if (emailTaken(state, email, rec.id)) return { field: ["email"], message: "Email has already been taken" };
  // customerUpdate refuses consent changes and names the mutation that makes them.
  for (const [field, mutation] of [
    ["emailMarketingConsent", "customerEmailMarketingConsentUpdate"],
    ["smsMarketingConsent", "customerSmsMarketingConsentUpdate"],
  ] as const) {
    if (asInput(input[field])) {
      return { field: [field], message: `To update ${field}, please use the ${mutation} Mutation instead` };
    }
  }
  const at = stamp(state);
  rec.email = email;
  if (input.phone !== undefined) rec.phone = str(input.phone);
  if (input.firstName !== undefined) rec.firstName = str(input.firstName);
  if (input.lastName !== undefined) rec.lastName = str(input.lastName);
  if (input.note !== undefined) rec.note = str(input.note);
  if (input.tags !== undefined) rec.tags = normalizeTags(input.tags);
  if (input.taxExempt !== undefined) rec.taxExempt = input.taxExempt === true;
  if (input.taxExemptions !== undefined && input.taxExemptions !== null) {
    rec.taxExemptions = exemptionsOf(input.taxExemptions);
  }
  if (str(input.locale)) rec.locale = str(input.locale)!;
  if (Array.isArray(input.addresses)) {
    rec.addresses = asList(input.addresses)
      .map((a) => addressFromInput(state, a))
      .filter((a) => a !== null);
    rec.defaultAddressId = rec.addresses[0]?.id ?? null;
  }
  upsertMetafields(state, rec.metafields, asList(input.metafields), at);
  rec.updatedAt = at;
  emit(state, "customers/update", customerPayload(state, rec));
  return rec;
}

/** orderCreate's `customer.toUpsert`: match by id or email, else create. */
export function upsertCustomer(state: ShopState, input: Input): CustomerRec | UserError {
  const email = str(input.email)?.toLowerCase();
  const existing = [...state.customers.values()].find((c) => email && c.email?.toLowerCase() === email);
  return existing ? updateCustomer(state, existing, input) : createCustomer(state, input);
}
