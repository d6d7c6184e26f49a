import { z } from "zod";

// Request bodies of the entity sets around the customer. Strict objects, as in body-schemas.ts.

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "not a GUID");
const contactType = z.enum(["Company", "Person"]);
const blocked = z.enum([" ", "Ship", "Invoice", "All"]);
const address = {
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
  postalCode: z.string().optional(),
};

export const customerInputSchema = z.strictObject({
  id: guid.optional(),
  number: z.string().optional(),
  displayName: z.string().optional(),
  type: contactType.optional(),
  ...address,
  phoneNumber: z.string().optional(),
  email: z.string().optional(),
  website: z.string().optional(),
  salespersonCode: z.string().optional(),
  creditLimit: z.number().optional(),
  taxLiable: z.boolean().optional(),
  // Accepted as BC does; tax areas are not modelled, so it reads back as the empty GUID.
  taxAreaId: guid.optional(),
  taxRegistrationNumber: z.string().optional(),
  // Currencies are not modelled: only the empty GUID (local currency) is a currency here.
  currencyId: guid.optional(),
  currencyCode: z.string().optional(),
  paymentTermsId: guid.optional(),
  shipmentMethodId: guid.optional(),
  paymentMethodId: guid.optional(),
  blocked: blocked.optional(),
});
export type CustomerInput = z.infer<typeof customerInputSchema>;

/** The companion page `customerDetails` (over the Customer table): fields API v2.0 leaves out. */
export const customerDetailsInputSchema = z.strictObject({
  name2: z.string().optional(),
  contact: z.string().optional(),
  mobilePhoneNumber: z.string().optional(),
  registrationNumber: z.string().optional(),
  customerPriceGroup: z.string().optional(),
  customerDiscountGroup: z.string().optional(),
  pricesIncludingVat: z.boolean().optional(),
  customerPostingGroup: z.string().optional(),
  genBusPostingGroup: z.string().optional(),
  vatBusPostingGroup: z.string().optional(),
  taxAreaCode: z.string().optional(),
  paymentTermsCode: z.string().optional(),
  shipmentMethodCode: z.string().optional(),
  paymentMethodCode: z.string().optional(),
});
export type CustomerDetailsInput = z.infer<typeof customerDetailsInputSchema>;

export const paymentTermInputSchema = z.strictObject({
  id: guid.optional(),
  code: z.string().optional(),
  displayName: z.string().optional(),
  dueDateCalculation: z.string().optional(),
  discountDateCalculation: z.string().optional(),
  discountPercent: z.number().min(0).max(100).optional(),
  calculateDiscountOnCreditMemos: z.boolean().optional(),
});
export type PaymentTermInput = z.infer<typeof paymentTermInputSchema>;

export const codeDescriptionInputSchema = z.strictObject({
  id: guid.optional(),
  code: z.string().optional(),
  displayName: z.string().optional(),
});
export type CodeDescriptionInput = z.infer<typeof codeDescriptionInputSchema>;

export const contactInputSchema = z.strictObject({
  id: guid.optional(),
  number: z.string().optional(),
  type: contactType.optional(),
  displayName: z.string().optional(),
  jobTitle: z.string().optional(),
  companyNumber: z.string().optional(),
  companyName: z.string().optional(),
  // On the page without Editable = false, but the table field is not editable: BC recomputes it
  // from the business relations, so a value sent is ignored (a guess at BC's exact reaction).
  contactBusinessRelation: z.string().optional(),
  ...address,
  phoneNumber: z.string().optional(),
  mobilePhoneNumber: z.string().optional(),
  email: z.string().optional(),
  website: z.string().optional(),
  searchName: z.string().optional(),
  privacyBlocked: z.boolean().optional(),
  taxRegistrationNumber: z.string().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

/** PATCH customerContacts (APIV2 - CustContacts; InsertAllowed = false). */
export const customerContactInputSchema = z.strictObject({
  id: guid.optional(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  professionalTitle: z.string().optional(),
  customerId: guid.optional(),
  primaryPhoneNumber: z.string().optional(),
});

export const customerTemplateInputSchema = z.strictObject({
  id: guid.optional(),
  code: z.string().optional(),
  description: z.string().optional(),
  contactType: contactType.optional(),
  customerPostingGroup: z.string().optional(),
  genBusPostingGroup: z.string().optional(),
  vatBusPostingGroup: z.string().optional(),
  paymentTermsCode: z.string().optional(),
  paymentMethodCode: z.string().optional(),
  shipmentMethodCode: z.string().optional(),
  currencyCode: z.string().optional(),
  countryRegionCode: z.string().optional(),
  taxAreaCode: z.string().optional(),
  taxLiable: z.boolean().optional(),
  pricesIncludingVat: z.boolean().optional(),
  customerPriceGroup: z.string().optional(),
  customerDiscountGroup: z.string().optional(),
  blocked: blocked.optional(),
});
export type CustomerTemplateInput = z.infer<typeof customerTemplateInputSchema>;

/** Body of customerTemplates({id})/Microsoft.NAV.applyToCustomer. */
export const applyTemplateInputSchema = z.strictObject({
  customerNumber: z.string().min(1),
  /** Customer Templ. Mgt.'s UpdateExistingValues: false (default) fills only blank customer fields. */
  updateExistingValues: z.boolean().optional(),
});
export type ApplyTemplateInput = z.infer<typeof applyTemplateInputSchema>;

export const shipToAddressInputSchema = z.strictObject({
  id: guid.optional(),
  customerNumber: z.string().optional(),
  code: z.string().optional(),
  name: z.string().optional(),
  name2: z.string().optional(),
  ...address,
  phoneNumber: z.string().optional(),
  email: z.string().optional(),
  contact: z.string().optional(),
});
export type ShipToAddressInput = z.infer<typeof shipToAddressInputSchema>;
