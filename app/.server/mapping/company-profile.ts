/** A company location's billing or shipping address as Shopify's CompanyAddress has it. */
export interface CompanyAddress {
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  province: string | null;
  /** The province's code (Shopify: zoneCode). */
  zoneCode: string | null;
  countryCode: string | null;
  phone: string | null;
  recipient: string | null;
}

export interface CompanyLocationProfile {
  id: string;
  name: string;
  phone: string | null;
  billingAddress: CompanyAddress | null;
  shippingAddress: CompanyAddress | null;
  taxRegistrationId: string | null;
  taxExempt: boolean;
  /** The location's payment terms template (e.g. "Net 30"); null = none. */
  paymentTerms: string | null;
}

/**
 * A Shopify B2B company as "Sync companies" sees it: its name, its main contact (what it is
 * matched by), and its locations, oldest first (the first one is the company's own address, as
 * BC's Shpfy Company takes it).
 */
export interface CompanyProfile {
  id: string;
  name: string;
  updatedAt: string;
  mainContact: {
    id: string;
    customerId: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  locations: CompanyLocationProfile[];
}

/** The location the company's own ERP customer takes its address, tax id and terms from. */
export function mainLocation(company: CompanyProfile): CompanyLocationProfile | null {
  return company.locations[0] ?? null;
}
