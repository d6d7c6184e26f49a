import type { BaseRow, PostalAddress } from "./row-types.ts";

// Tables around the customer: its contacts and their business relations, payment terms and
// methods, shipment methods, customer templates and ship-to addresses. Field names follow the API
// page (or, for tables without one, the companion page) that shows them.

/** Payment Terms (table 3). Date formulas as BC's API writes them: "14D", "1M", "CM", "" when blank. */
export type PaymentTermRow = BaseRow & {
  code: string;
  displayName: string;
  dueDateCalculation: string;
  discountDateCalculation: string;
  discountPercent: number;
  calculateDiscountOnCreditMemos: boolean;
};

/** Payment Method (table 289) and Shipment Method (table 10): a code and a description. */
export type CodeDescriptionRow = BaseRow & { code: string; displayName: string };

/** BC enum "Contact Type". */
export type ContactType = "Company" | "Person";

/**
 * A Contact (table 5050). `contactBusinessRelation` is kept as BC keeps it (a stored field that
 * UpdateBusinessRelation recomputes from the contact's and its company's business relations).
 */
export type ContactRow = BaseRow &
  PostalAddress & {
    number: string;
    type: ContactType;
    displayName: string;
    jobTitle: string;
    companyNumber: string;
    companyName: string;
    contactBusinessRelation: ContactBusinessRelation;
    phoneNumber: string;
    mobilePhoneNumber: string;
    email: string;
    website: string;
    searchName: string;
    privacyBlocked: boolean;
    taxRegistrationNumber: string;
    lastInteractionDate: string;
  };

/** BC enum "Contact Business Relation" (what a contact's relations add up to). */
export type ContactBusinessRelation =
  " " | "Customer" | "Vendor" | "Bank Account" | "Employee" | "None" | "Other" | "Multiple";

/**
 * A Contact Business Relation (table 5054): contact `contactNumber` is linked to customer `number`
 * under business relation `businessRelationCode` (Marketing Setup's "CUST" for customers). No API page.
 */
export type BusinessRelationRow = BaseRow & {
  contactNumber: string;
  businessRelationCode: string;
  linkToTable: "Customer" | "Vendor" | "Bank Account" | "Employee";
  number: string;
};

/** BC enum "Customer Blocked" as the sandbox spells it (" " for not blocked). */
export type CustomerBlocked = " " | "Ship" | "Invoice" | "All";

/** The Customer Templ. (table 1381) fields the companion page `customerTemplates` shows. */
export type CustomerTemplateRow = BaseRow & {
  code: string;
  description: string;
  contactType: ContactType;
  customerPostingGroup: string;
  genBusPostingGroup: string;
  vatBusPostingGroup: string;
  paymentTermsCode: string;
  paymentMethodCode: string;
  shipmentMethodCode: string;
  currencyCode: string;
  countryRegionCode: string;
  taxAreaCode: string;
  taxLiable: boolean;
  pricesIncludingVat: boolean;
  customerPriceGroup: string;
  customerDiscountGroup: string;
  blocked: CustomerBlocked;
};

/** A Ship-to Address (table 222), keyed (Customer No., Code) in BC; SystemId on the companion page. */
export type ShipToAddressRow = BaseRow &
  PostalAddress & {
    customerNumber: string;
    code: string;
    name: string;
    name2: string;
    phoneNumber: string;
    email: string;
    contact: string;
  };
