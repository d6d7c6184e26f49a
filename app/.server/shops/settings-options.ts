import {
  type blockedItemActions,
  type companyLocationCustomers,
  type companyMappings,
  type companyTaxIdFields,
  type contactPermissions,
  type countySources,
  type createdProductStatuses,
  type customerImports,
  type customerMappings,
  type inventoryPolicies,
  type loggingLevels,
  type nameSources,
  type orderDocumentTypes,
  type paymentProcesses,
  type productMappings,
  type refundProcesses,
  type returnLocationPriorities,
  type syncDirections,
} from "../domain/settings-schema.ts";

/** Human labels for the settings' choices, in the schema's order. */
type Labels<T extends readonly string[]> = { [K in T[number]]: string };

const customerMappingLabels: Labels<typeof customerMappings> = {
  by_email_or_phone: "By e-mail or phone",
  by_bill_to_address: "By bill-to address",
  default_customer: "Always the default customer",
};
const customerImportLabels: Labels<typeof customerImports> = {
  none: "None: every order goes to the default customer",
  with_order: "With their first order",
  all: "All customers (Job queue → Sync customers)",
};
const companyMappingLabels: Labels<typeof companyMappings> = {
  by_email_or_phone: "By the main contact's e-mail or phone",
  by_tax_id: "By tax id",
  default_company: "Always the default company",
};
const companyImportLabels: Labels<typeof customerImports> = {
  none: "None",
  with_order: "With their first order",
  all: "All companies (Job queue → Sync companies)",
};
const companyTaxIdFieldLabels: Labels<typeof companyTaxIdFields> = {
  vat_registration_number: "VAT registration no.",
  registration_number: "Registration no. (needs the companion extension)",
};
const companyLocationCustomerLabels: Labels<typeof companyLocationCustomers> = {
  company: "One ERP customer per company: every location orders as the company",
  per_location: "One ERP customer per location (the first location is the company's)",
};
const contactPermissionLabels: Labels<typeof contactPermissions> = {
  none: "No permission",
  ordering_only: "Ordering only",
  location_admin: "Location admin",
};
const nameSourceLabels: Labels<typeof nameSources> = {
  company_name: "Company name",
  first_and_last_name: "First and last name",
  last_and_first_name: "Last and first name",
  none: "Nothing",
};
const countySourceLabels: Labels<typeof countySources> = {
  code: "Province code (e.g. BY)",
  name: "Province name (e.g. Bavaria)",
};
const productMappingLabels: Labels<typeof productMappings> = {
  item_no: "SKU is the item number",
  variant_code: "SKU is the variant code",
  item_no_and_variant_code: "SKU is item number + separator + variant code",
  barcode: "SKU is the barcode",
};
const documentTypeLabels: Labels<typeof orderDocumentTypes> = {
  sales_order: "Sales order",
  invoice_when_fulfilled: "Sales invoice when the order is already fulfilled",
};
const loggingLabels: Labels<typeof loggingLevels> = {
  errors: "Errors only",
  all: "All requests",
};

// Off first, then the usual way (ERP → Shopify): the choices show in this order.
const syncDirectionLabels: Labels<typeof syncDirections> = {
  off: "Off",
  erp_to_shopify: "ERP → Shopify",
  shopify_to_erp: "Shopify → ERP",
};
const createdProductStatusLabels: Labels<typeof createdProductStatuses> = {
  active: "Active (on sale at once)",
  draft: "Draft (you publish it)",
  unlisted: "Unlisted (reachable by its link only)",
};
const blockedItemActionLabels: Labels<typeof blockedItemActions> = {
  nothing: "Leave the product as it is",
  draft: "Set the product to draft",
  archived: "Archive the product",
};
const inventoryPolicyLabels: Labels<typeof inventoryPolicies> = {
  deny: "Stop selling at zero stock",
  continue: "Keep selling when out of stock",
};

const refundProcessLabels: Labels<typeof refundProcesses> = {
  off: "Off",
  import_only: "Import only (shown on the order, no ERP document)",
  credit_memo: "Create an ERP credit memo for each refund",
  return_order: "Create an ERP return order for each refund (received and credited in the ERP)",
};
const paymentProcessLabels: Labels<typeof paymentProcesses> = {
  off: "Off",
  import_only: "Import only (shown on the order, nothing in the ERP)",
  record: "Record each payment in the ERP, applied to the order's invoice",
};
const payoutProcessLabels: Labels<typeof paymentProcesses> = {
  off: "Off",
  import_only: "Import only (the Payouts page, nothing in the ERP)",
  record: "Record each paid payout in the ERP: net to the bank, fees, the gross out of the clearing account",
};
const returnLocationPriorityLabels: Labels<typeof returnLocationPriorities> = {
  default: "Default return location, else where Shopify restocked",
  original: "The order line's own location, else the default return location",
};

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

const currencyLabels = {
  shop: "Shop currency",
  presentment: "The customer's (presentment) currency",
} as const;

export const settingsOptions = {
  currencies: options(currencyLabels),
  customerMappings: options(customerMappingLabels),
  customerImports: options(customerImportLabels),
  companyMappings: options(companyMappingLabels),
  companyImports: options(companyImportLabels),
  companyTaxIdFields: options(companyTaxIdFieldLabels),
  companyLocationCustomers: options(companyLocationCustomerLabels),
  contactPermissions: options(contactPermissionLabels),
  nameSources: options(nameSourceLabels),
  countySources: options(countySourceLabels),
  productMappings: options(productMappingLabels),
  syncDirections: options(syncDirectionLabels),
  createdProductStatuses: options(createdProductStatusLabels),
  blockedItemActions: options(blockedItemActionLabels),
  inventoryPolicies: options(inventoryPolicyLabels),
  documentTypes: options(documentTypeLabels),
  logging: options(loggingLabels),
  paymentProcesses: options(paymentProcessLabels),
  payoutProcesses: options(payoutProcessLabels),
  refundProcesses: options(refundProcessLabels),
  returnLocationPriorities: options(returnLocationPriorityLabels),
};
