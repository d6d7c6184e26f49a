import { z } from "zod";

import type {
  BusinessRelationRow,
  CodeDescriptionRow,
  ContactRow,
  CustomerTemplateRow,
  PaymentTermRow,
  ShipToAddressRow,
} from "./customer-row-types.ts";

// Row schemas of the tables around the customer (see snapshot-schema.ts for how they are used).
// Each `satisfies` its row type, so a field added there without a line here fails the type check.

const str = z.string();
const bool = z.boolean();
const base = z.object({ id: z.guid(), lastModifiedDateTime: z.iso.datetime() });
const contactType = z.enum(["Company", "Person"]);
const blocked = z.enum([" ", "Ship", "Invoice", "All"]);
const address = { addressLine1: str, addressLine2: str, city: str, state: str, country: str, postalCode: str };

export const paymentTermSchema = base.extend({
  code: str,
  displayName: str,
  dueDateCalculation: str,
  discountDateCalculation: str,
  discountPercent: z.number(),
  calculateDiscountOnCreditMemos: bool,
}) satisfies z.ZodType<PaymentTermRow>;

export const codeDescriptionSchema = base.extend({
  code: str,
  displayName: str,
}) satisfies z.ZodType<CodeDescriptionRow>;

export const contactSchema = base.extend({
  ...address,
  number: str,
  type: contactType,
  displayName: str,
  jobTitle: str,
  companyNumber: str,
  companyName: str,
  contactBusinessRelation: z.enum([" ", "Customer", "Vendor", "Bank Account", "Employee", "None", "Other", "Multiple"]),
  phoneNumber: str,
  mobilePhoneNumber: str,
  email: str,
  website: str,
  searchName: str,
  privacyBlocked: bool,
  taxRegistrationNumber: str,
  lastInteractionDate: str,
}) satisfies z.ZodType<ContactRow>;

export const businessRelationSchema = base.extend({
  contactNumber: str,
  businessRelationCode: str,
  linkToTable: z.enum(["Customer", "Vendor", "Bank Account", "Employee"]),
  number: str,
}) satisfies z.ZodType<BusinessRelationRow>;

export const customerTemplateSchema = base.extend({
  code: str,
  description: str,
  contactType,
  customerPostingGroup: str,
  genBusPostingGroup: str,
  vatBusPostingGroup: str,
  paymentTermsCode: str,
  paymentMethodCode: str,
  shipmentMethodCode: str,
  currencyCode: str,
  countryRegionCode: str,
  taxAreaCode: str,
  taxLiable: bool,
  pricesIncludingVat: bool,
  customerPriceGroup: str,
  customerDiscountGroup: str,
  blocked,
}) satisfies z.ZodType<CustomerTemplateRow>;

export const shipToAddressSchema = base.extend({
  ...address,
  customerNumber: str,
  code: str,
  name: str,
  name2: str,
  phoneNumber: str,
  email: str,
  contact: str,
}) satisfies z.ZodType<ShipToAddressRow>;

/**
 * The Customer table fields added with contacts, terms and the companion `customerDetails` page.
 * Defaults: snapshots from before them (those customers had none of these set).
 */
export const customerDetailFields = {
  paymentTermsCode: str.default(""),
  shipmentMethodCode: str.default(""),
  paymentMethodCode: str.default(""),
  name2: str.default(""),
  contact: str.default(""),
  mobilePhoneNumber: str.default(""),
  registrationNumber: str.default(""),
  customerPriceGroup: str.default(""),
  customerDiscountGroup: str.default(""),
  pricesIncludingVat: bool.default(false),
  customerPostingGroup: str.default(""),
  genBusPostingGroup: str.default(""),
  vatBusPostingGroup: str.default(""),
  taxAreaCode: str.default(""),
  primaryContactNumber: str.default(""),
};
