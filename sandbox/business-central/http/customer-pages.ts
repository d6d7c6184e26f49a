import { customerOfPerson, firstNameOf, lastNameOf } from "../store/customer-contacts.ts";
import { EMPTY_GUID } from "../store/row-types.ts";
import type { ApiPage } from "./api-pages.ts";

/**
 * API v2.0 pages around the customer, their `field(...)` controls in page order (microsoft/BCApps
 * src/Apps/W1/APIV2/app/src/pages), and the companion extension's pages over tables API v2.0
 * does not show (ours: api/shopifyErpConnector/connector/v1.0).
 */
export const CUSTOMER_API_PAGES = {
  // APIV2PaymentTerms.Page.al
  paymentTerm: {
    fields: [
      "id",
      "code",
      "displayName",
      "dueDateCalculation",
      "discountDateCalculation",
      "discountPercent",
      "calculateDiscountOnCreditMemos",
      "lastModifiedDateTime",
    ],
  },
  // APIV2PaymentMethods.Page.al and APIV2ShipmentMethods.Page.al
  codeDescription: { fields: ["id", "code", "displayName", "lastModifiedDateTime"] },
  // APIV2Contacts.Page.al (lastInteractionDate: Date of Last Interaction, no interactions are logged here)
  contact: {
    fields: [
      "id",
      "number",
      "type",
      "displayName",
      "jobTitle",
      "companyNumber",
      "companyName",
      "contactBusinessRelation",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "country",
      "postalCode",
      "phoneNumber",
      "mobilePhoneNumber",
      "email",
      "website",
      "searchName",
      "privacyBlocked",
      "taxRegistrationNumber",
      "lastInteractionDate",
      "lastModifiedDateTime",
    ],
  },
  // APIV2CustContacts.Page.al (the page's controls have no captions; the names are the API's)
  customerContact: {
    fields: [
      "id",
      "email",
      "firstName",
      "lastName",
      "professionalTitle",
      "customerId",
      "customerName",
      "primaryPhoneNumber",
    ],
    computed: {
      firstName: firstNameOf,
      lastName: lastNameOf,
      professionalTitle: (row) => row.jobTitle,
      customerId: (row, data) => customerOfPerson(data, row)?.id ?? EMPTY_GUID,
      customerName: (row, data) => customerOfPerson(data, row)?.displayName ?? "",
      primaryPhoneNumber: (row) => row.phoneNumber,
    },
  },
  // APIV2ContactsInformation.Page.al: ODataKeyFields = "Contact Id", no id and no lastModifiedDateTime.
  contactInformation: {
    fields: ["contactId", "contactNumber", "contactName", "contactType", "relatedId", "relatedType"],
  },
} satisfies Record<string, ApiPage>;

/** The companion extension's projections over the Customer table. */
export const CUSTOMER_CUSTOM_PAGES = {
  /**
   * Over the Customer table (ODataKeyFields = SystemId): Name 2, Contact, Mobile Phone No.,
   * Registration Number, price and discount groups, Prices Including VAT, posting groups, Tax
   * Area Code, the terms and methods codes, and the primary contact. Same record as `customers`,
   * so the same etag and lastModifiedDateTime.
   */
  customerDetails: {
    fields: [
      "id",
      "number",
      "name2",
      "contact",
      "mobilePhoneNumber",
      "registrationNumber",
      "customerPriceGroup",
      "customerDiscountGroup",
      "pricesIncludingVat",
      "customerPostingGroup",
      "genBusPostingGroup",
      "vatBusPostingGroup",
      "taxAreaCode",
      "paymentTermsCode",
      "shipmentMethodCode",
      "paymentMethodCode",
      "primaryContactNumber",
      "lastModifiedDateTime",
    ],
  },
} satisfies Record<string, ApiPage>;
