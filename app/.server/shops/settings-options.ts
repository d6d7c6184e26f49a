import {
  type customerMappings,
  type loggingLevels,
  type orderDocumentTypes,
  type productMappings,
} from "../domain/settings-schema.ts";

/**
 * Human labels for the settings' choices, in the schema's order. Sync directions have none: no
 * task syncs customers or products yet, so the form does not offer them (settings-form.ts).
 */
type Labels<T extends readonly string[]> = { [K in T[number]]: string };

const customerMappingLabels: Labels<typeof customerMappings> = {
  by_email_or_phone: "By e-mail or phone",
  by_bill_to_address: "By bill-to address",
  default_customer: "Always the default customer",
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

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

const currencyLabels = {
  shop: "Shop currency",
  presentment: "The customer's (presentment) currency",
} as const;

export const settingsOptions = {
  currencies: options(currencyLabels),
  customerMappings: options(customerMappingLabels),
  productMappings: options(productMappingLabels),
  documentTypes: options(documentTypeLabels),
  logging: options(loggingLabels),
};
