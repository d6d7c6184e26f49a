import type { ShopSettings } from "../domain/settings-schema.ts";
import { contentHash } from "./canonical-hash.ts";
import { type CustomerProfile, erpNames, shopifyNames } from "./customer-profile.ts";
import type { ErpLimits } from "./erp-limits.ts";

/** An ERP customer's fields as the customer sync writes and compares them (ERP-neutral). */
export interface ErpCustomerFields {
  displayName: string;
  /** BC: Name 2 and Contact; written where the adapter has a field for them. */
  name2: string;
  contact: string;
  email: string;
  phoneNumber: string;
  address: { line1: string; line2: string; city: string; state: string; postalCode: string; countryCode: string };
  /**
   * Shopify's tax exemption. Only an exempt customer is written as not tax liable: a customer that
   * is not exempt keeps what its template says (in a VAT country BC's Tax Liable is off for all).
   */
  taxExempt: boolean;
}

export type CustomerFieldSettings = Pick<
  ShopSettings["customers"],
  "nameSource" | "name2Source" | "contactSource" | "countySource"
>;

const clean = (value: string | null | undefined) => (value ?? "").trim();
const cut = (value: string, max: number) => value.slice(0, max);

/**
 * The ERP customer a Shopify buyer is, field by field (BC: Shpfy Create Customer / Update
 * Customer). Names and address parts are cut to the ERP's sizes: they are shown, never matched on
 * (the e-mail is the key, and is never cut; `customerFieldProblem` refuses one too long).
 */
export function erpCustomerFields(
  profile: CustomerProfile,
  settings: CustomerFieldSettings,
  limits: ErpLimits,
): ErpCustomerFields {
  const names = erpNames(profile, settings);
  const a = profile.address;
  const county =
    settings.countySource === "name" ? clean(a?.province) || clean(a?.provinceCode) : clean(a?.provinceCode);
  const max = limits.address;
  return {
    displayName: cut(names.name, max.name),
    name2: cut(names.name2, 50),
    contact: cut(names.contact, 100),
    email: clean(profile.email),
    phoneNumber: clean(profile.phone) || clean(a?.phone),
    address: {
      line1: cut(clean(a?.address1), max.line1),
      line2: cut(clean(a?.address2), max.line2),
      city: cut(clean(a?.city), max.city),
      state: cut(county, max.state),
      postalCode: cut(clean(a?.zip), max.postalCode),
      countryCode: clean(a?.countryCode).toUpperCase(),
    },
    taxExempt: profile.taxExempt,
  };
}

/** Why the customer cannot be written to the ERP as it is; null when it can. */
export function customerFieldProblem(fields: ErpCustomerFields): string | null {
  if (!fields.displayName) return "the customer has no name, e-mail or phone to name an ERP customer by";
  // BC's E-Mail is Text[80]: a cut address would be another person's.
  if (fields.email.length > 80) {
    return `the e-mail address is ${fields.email.length} characters; the ERP keeps at most 80`;
  }
  if (fields.phoneNumber.length > 30) {
    return `the phone number is ${fields.phoneNumber.length} characters; the ERP keeps at most 30`;
  }
  return null;
}

/**
 * The fields an ERP customer is compared on: what every adapter reads back. Not Name 2 and Contact
 * (API v2.0 has neither), nor tax liability (the template's in VAT countries, see `taxExempt`).
 */
export type ComparedCustomerFields = Pick<ErpCustomerFields, "displayName" | "email" | "phoneNumber" | "address">;

export function comparedFields(fields: ComparedCustomerFields): ComparedCustomerFields {
  const { displayName, email, phoneNumber, address } = fields;
  return { displayName, email, phoneNumber, address: { ...address } };
}

/** E-mails compare case-insensitively, and a phone by its digits: the ERP may store either as typed. */
export function comparedHash(fields: ComparedCustomerFields): string {
  const c = comparedFields(fields);
  return contentHash({ ...c, email: c.email.toLowerCase(), phoneNumber: c.phoneNumber.replace(/\D/g, "") });
}

/** The hash of what a Shopify customer maps to: unchanged ⇒ nothing to write (our own write coming back included). */
export function shopifySideHash(fields: ErpCustomerFields): string {
  return contentHash(fields);
}

/** The Shopify customer input an ERP customer's fields give ("Can update Shopify customers", "Add to Shopify"). */
export interface ShopifyCustomerFields {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: {
    firstName: string;
    lastName: string;
    company: string;
    address1: string;
    address2: string;
    city: string;
    zip: string;
    provinceCode: string;
    countryCode: string;
    phone: string;
  } | null;
}

/**
 * The reverse mapping; tax exemption is not mapped back (an ERP customer not tax liable is the
 * norm in VAT countries, not an exemption). The e-mail is the first of a list ("a@x.com; b@x.com" in one ERP field, as
 * BC allows); the province is sent as a code only when the ERP county holds codes.
 */
export function shopifyCustomerFields(
  erp: ComparedCustomerFields & { contact?: string },
  settings: CustomerFieldSettings,
): ShopifyCustomerFields {
  const names = shopifyNames({ name: erp.displayName, contact: erp.contact ?? "" }, settings);
  const email = erp.email.split(/[;,]/)[0]?.trim() ?? "";
  const a = erp.address;
  const hasAddress = Boolean(a.line1 || a.city || a.postalCode || a.countryCode);
  return {
    firstName: names.firstName,
    lastName: names.lastName,
    email,
    phone: erp.phoneNumber,
    address: hasAddress
      ? {
          firstName: names.firstName,
          lastName: names.lastName,
          company: names.company,
          address1: a.line1,
          address2: a.line2,
          city: a.city,
          zip: a.postalCode,
          provinceCode: settings.countySource === "code" ? a.state : "",
          countryCode: a.countryCode,
          phone: erp.phoneNumber,
        }
      : null,
  };
}
