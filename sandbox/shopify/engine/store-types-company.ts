/**
 * B2B records (Shopify's companies): a company, its locations (where a buyer orders for, with their
 * own addresses, tax settings and checkout rules), its contacts (customers who buy for it) and which
 * role a contact holds at which location. Kept apart from store-types.ts, which holds the B2C store.
 */

/** CompanyAddress: a location's billing or shipping address (Shopify stores them as their own records). */
export interface CompanyAddressRec {
  id: number;
  address1: string;
  address2: string | null;
  city: string | null;
  countryCode: string;
  /** Province/state code (Shopify's `zoneCode`). */
  zoneCode: string | null;
  zip: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  recipient: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One of the roles every company has (Shopify gives each company "Location admin" and "Ordering only"). */
export interface CompanyContactRoleRec {
  id: number;
  name: string;
  note: string | null;
}

export interface CompanyRec {
  id: number;
  name: string;
  note: string | null;
  externalId: string | null;
  customerSince: string;
  mainContactId: number | null;
  contactRoles: CompanyContactRoleRec[];
  createdAt: string;
  updatedAt: string;
}

export interface BuyerExperienceRec {
  /** A payment terms template id (see payment-terms.ts), or null for none. */
  paymentTermsTemplateId: number | null;
  checkoutToDraft: boolean;
  editableShippingAddress: boolean;
}

export interface CompanyLocationRec {
  id: number;
  companyId: number;
  name: string;
  externalId: string | null;
  phone: string | null;
  locale: string | null;
  note: string | null;
  billingAddress: CompanyAddressRec | null;
  shippingAddress: CompanyAddressRec | null;
  taxRegistrationId: string | null;
  taxExempt: boolean;
  taxExemptions: string[];
  buyerExperience: BuyerExperienceRec | null;
  createdAt: string;
  updatedAt: string;
}

export interface CompanyContactRec {
  id: number;
  companyId: number;
  /** The customer who is this contact; a customer can be a contact of several companies. */
  customerId: number;
  title: string | null;
  locale: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A contact's role at one location (Shopify allows one role per contact and location). */
export interface CompanyRoleAssignmentRec {
  id: number;
  companyId: number;
  contactId: number;
  locationId: number;
  roleId: number;
  createdAt: string;
  updatedAt: string;
}
