import type { ShopSettings } from "../domain/settings-schema.ts";
import type { CompanyAddress, CompanyLocationProfile, CompanyProfile } from "./company-profile.ts";
import type { ErpCustomerFields } from "./customer-fields.ts";
import type { ErpLimits } from "./erp-limits.ts";

/** An ERP customer of type company as "Sync companies" writes it: a customer's fields plus B2B terms. */
export interface ErpCompanyFields extends ErpCustomerFields {
  /** The location's tax registration id, written to the ERP field the shop chose. */
  taxId: string;
  /** The ERP payment terms the location's Shopify terms map to; "" = the template's. */
  paymentTermsCode: string;
}

export type CompanyFieldSettings = Pick<ShopSettings["companies"], "paymentTerms"> &
  Pick<ShopSettings["customers"], "countySource">;

const clean = (value: string | null | undefined) => (value ?? "").trim();
const cut = (value: string, max: number) => value.slice(0, max);

/**
 * The ERP customer a company (its main location), or one of its locations of its own, is: named
 * by the company (a location customer by company and location, so the two are told apart in the
 * ERP), addressed by the location's billing address (else its shipping address), reached through
 * the main contact. BC: Shpfy Company Mapping → Create Customer.
 */
export function erpCompanyFields(
  company: CompanyProfile,
  location: CompanyLocationProfile | null,
  settings: CompanyFieldSettings,
  limits: ErpLimits,
  options: { asLocation: boolean },
): ErpCompanyFields {
  const max = limits.address;
  const a: CompanyAddress | null = location?.billingAddress ?? location?.shippingAddress ?? null;
  const contact = company.mainContact;
  const county = settings.countySource === "name" ? clean(a?.province) || clean(a?.zoneCode) : clean(a?.zoneCode);
  const name =
    options.asLocation && location ? `${clean(company.name)} – ${clean(location.name)}` : clean(company.name);
  const terms = location?.paymentTerms ? (settings.paymentTerms[location.paymentTerms] ?? "") : "";
  return {
    displayName: cut(name, max.name),
    name2: "",
    contact: cut([clean(contact?.firstName), clean(contact?.lastName)].filter(Boolean).join(" "), 100),
    email: clean(contact?.email),
    phoneNumber: clean(contact?.phone) || clean(location?.phone) || clean(a?.phone),
    address: {
      line1: cut(clean(a?.address1), max.line1),
      line2: cut(clean(a?.address2), max.line2),
      city: cut(clean(a?.city), max.city),
      state: cut(county, max.state),
      postalCode: cut(clean(a?.zip), max.postalCode),
      countryCode: clean(a?.countryCode).toUpperCase(),
    },
    taxExempt: location?.taxExempt ?? false,
    taxId: clean(location?.taxRegistrationId),
    paymentTermsCode: terms,
  };
}

/** Why the company cannot be written to the ERP as it is; null when it can. */
export function companyFieldProblem(fields: ErpCompanyFields): string | null {
  if (!fields.displayName) return "the company has no name";
  if (fields.email.length > 80) {
    return `the main contact's e-mail is ${fields.email.length} characters; the ERP keeps at most 80`;
  }
  if (fields.phoneNumber.length > 30) {
    return `the phone number is ${fields.phoneNumber.length} characters; the ERP keeps at most 30`;
  }
  // BC: VAT Registration No. is Text[20].
  if (fields.taxId.length > 20) return `the tax id is ${fields.taxId.length} characters; the ERP keeps at most 20`;
  return null;
}

/** The Shopify company a linked ERP customer's fields give ("Can update Shopify companies"). */
export interface ShopifyCompanyFields {
  name: string;
  address: {
    address1: string;
    address2: string;
    city: string;
    zip: string;
    zoneCode: string;
    countryCode: string;
    phone: string;
    recipient: string;
  } | null;
}

/** The reverse mapping: the company's name and its main location's billing address. */
export function shopifyCompanyFields(
  erp: Pick<ErpCustomerFields, "displayName" | "phoneNumber" | "address">,
  settings: Pick<ShopSettings["customers"], "countySource">,
): ShopifyCompanyFields {
  const a = erp.address;
  const hasAddress = Boolean(a.line1 && a.city && a.countryCode);
  return {
    name: erp.displayName.trim(),
    address: hasAddress
      ? {
          address1: a.line1,
          address2: a.line2,
          city: a.city,
          zip: a.postalCode,
          zoneCode: settings.countySource === "code" ? a.state : "",
          countryCode: a.countryCode,
          phone: erp.phoneNumber,
          recipient: "",
        }
      : null,
  };
}
