import type { NameSource } from "../domain/settings-schema.ts";

/** An address as both a Shopify customer and an order carry it. */
export interface ProfileAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  provinceCode: string | null;
  /** The province's name; orders carry only the code. */
  province: string | null;
  countryCode: string | null;
  phone: string | null;
}

/**
 * A Shopify buyer as the customer mapping sees it, whether it comes from "Sync customers" (the
 * Shopify customer and its default address) or from an order (its customer and billing address):
 * one shape, so both paths build the ERP customer the same way.
 */
export interface CustomerProfile {
  /** null for a guest checkout. */
  shopifyCustomerId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  address: ProfileAddress | null;
  taxExempt: boolean;
}

export interface NameSettings {
  nameSource: NameSource;
  name2Source: NameSource;
  contactSource: NameSource;
}

const clean = (value: string | null | undefined) => (value ?? "").trim();

/** One ERP name field built from Shopify's names (BC: Shpfy Name Source). */
export function nameFrom(source: NameSource, profile: CustomerProfile): string {
  const first = clean(profile.firstName) || clean(profile.address?.firstName);
  const last = clean(profile.lastName) || clean(profile.address?.lastName);
  switch (source) {
    case "company_name":
      return clean(profile.address?.company);
    case "first_and_last_name":
      return [first, last].filter(Boolean).join(" ");
    case "last_and_first_name":
      return [last, first].filter(Boolean).join(" ");
    case "none":
      return "";
  }
}

/**
 * Name, Name 2 and Contact as BC builds them: each from its source; an empty Name takes Name 2
 * (a consumer without a company is named by their own name), and Name 2 is then dropped, so the
 * same words never appear twice. A customer with no name at all is named by e-mail, then phone.
 */
export function erpNames(
  profile: CustomerProfile,
  settings: NameSettings,
): { name: string; name2: string; contact: string } {
  let name = nameFrom(settings.nameSource, profile);
  let name2 = nameFrom(settings.name2Source, profile);
  if (!name) {
    name = name2;
    name2 = "";
  }
  if (name2 === name) name2 = "";
  if (!name) name = nameFrom("first_and_last_name", profile) || clean(profile.address?.company);
  if (!name) name = clean(profile.email) || clean(profile.phone);
  return { name, name2, contact: nameFrom(settings.contactSource, profile) };
}

/**
 * The reverse, for "Can update Shopify customers" and "Add to Shopify": Shopify's first and last
 * name from the ERP's Name (or Contact, when Name holds the company), split at the first space per
 * the source that built it. A name with no space is the last name, as Shopify shows it.
 */
export function shopifyNames(
  erp: { name: string; contact: string },
  settings: NameSettings,
): { firstName: string; lastName: string; company: string } {
  const personSource =
    settings.nameSource === "first_and_last_name" || settings.nameSource === "last_and_first_name"
      ? { text: erp.name, source: settings.nameSource }
      : { text: erp.contact, source: settings.contactSource };
  const company = settings.nameSource === "company_name" ? erp.name.trim() : "";
  const words = personSource.text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: "", lastName: company ? "" : erp.name.trim(), company };
  if (words.length === 1) return { firstName: "", lastName: words[0]!, company };
  if (personSource.source === "last_and_first_name") {
    return { firstName: words.slice(1).join(" "), lastName: words[0]!, company };
  }
  return { firstName: words[0]!, lastName: words.slice(1).join(" "), company };
}
