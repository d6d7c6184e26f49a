import { getDb } from "../db.ts";
import { type ShopSettings, shopSettingsSchema } from "../domain/settings-schema.ts";
import { getShopSettings, saveShopSettings } from "../queries/shops.ts";

/**
 * The settings the form offers, each read by the code of a task (tests/unit/settings.test.ts
 * checks that every one has a reader). A setting no task reads yet would look as if it worked, so
 * it is listed in `hiddenSettingsFields` instead: kept in the schema, so stored settings still
 * parse and keep their value, but neither shown nor accepted from a form post.
 */
export const settingsFormFields = [
  "allowBackgroundSyncs",
  "allowOutgoingWrites",
  "logging",
  "orders.importEnabled",
  "orders.importSince",
  "orders.autoProcess",
  "orders.documentType",
  "orders.useOrderNameAsDocumentNo",
  "orders.currency",
  "orders.writeBackDocumentNo",
  "orders.filters.onlyPaid",
  "orders.filters.excludeHighRisk",
  "orders.filters.channels",
  "orders.filters.tags",
  "orders.shippingChargesAccount",
  "orders.tipAccount",
  "orders.giftCardAccount",
  "orders.shippingMethods",
  "orders.locations",
  "customers.mapping",
  "customers.defaultCustomerNo",
  "customers.defaultCustomerByCountry",
  "customers.createUnknownInErp",
  "customers.templateCustomerNo",
  "customers.templateCustomerByCountry",
  "customers.import",
  "customers.shopifyCanUpdateErp",
  "customers.canUpdateShopify",
  "customers.nameSource",
  "customers.name2Source",
  "customers.contactSource",
  "customers.countySource",
  "companies.import",
  "companies.mapping",
  "companies.taxIdField",
  "companies.defaultCompanyNo",
  "companies.createUnknownInErp",
  "companies.templateCustomerNo",
  "companies.locationCustomers",
  "companies.paymentTerms",
  "companies.shopifyCanUpdateErp",
  "companies.canUpdateShopify",
  "companies.defaultContactPermission",
  "products.direction",
  "products.mapping",
  "products.skuSeparator",
  "products.findByBarcode",
  "products.createUnknownInErp",
  "products.itemTemplateNo",
  "products.canUpdateShopify",
  "products.shopifyCanUpdateItems",
  "products.statusForCreated",
  "products.blockedAction",
  "products.inventoryTracked",
  "products.inventoryPolicy",
  "products.defaultVendor",
  "prices.customerPriceGroup",
  "prices.pricesIncludeTax",
  "prices.syncUnitCost",
  "images.direction",
  "inventory.enabled",
  "shipments.notifyCustomer",
  "shipments.carriers",
  "shipments.fulfillmentServiceHandle",
  "payments.process",
  "payments.methods",
  "payments.defaultMethod",
  "payments.journal",
  "payments.payouts",
  "payments.payoutJournal",
  "payments.bankAccount",
  "payments.clearingAccount",
  "payments.feeAccount",
  "refunds.process",
  "refunds.refundAccount",
  "refunds.nonRestockAccount",
  "refunds.returnLocationPriority",
  "refunds.defaultReturnLocation",
  "posting.onlyFulfilled",
  "posting.onlyPaid",
  "posting.olderThanHours",
  "posting.batchSize",
  "posting.closeShopifyOrders",
  "runs.keepDays",
] as const;
export type SettingsFormField = (typeof settingsFormFields)[number];

/** In the schema, but no task reads them yet: hidden (none at the moment). */
export const hiddenSettingsFields = [] as const satisfies readonly string[];

const offered = new Set<string>(settingsFormFields);

export type SettingsSaveResult =
  | { ok: true; settings: ShopSettings; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * How settings travel through the form: every field is a string named by its dotted path.
 * Booleans are "true"/"false", lists are comma-separated, maps are one "key = value" per line.
 */
const booleanFields = new Set([
  "allowBackgroundSyncs",
  "allowOutgoingWrites",
  "orders.importEnabled",
  "orders.autoProcess",
  "orders.useOrderNameAsDocumentNo",
  "orders.writeBackDocumentNo",
  "orders.filters.onlyPaid",
  "orders.filters.excludeHighRisk",
  "customers.createUnknownInErp",
  "customers.shopifyCanUpdateErp",
  "customers.canUpdateShopify",
  "companies.createUnknownInErp",
  "companies.shopifyCanUpdateErp",
  "companies.canUpdateShopify",
  "products.createUnknownInErp",
  "products.findByBarcode",
  "products.canUpdateShopify",
  "products.shopifyCanUpdateItems",
  "products.inventoryTracked",
  "prices.pricesIncludeTax",
  "prices.syncUnitCost",
  "inventory.enabled",
  "shipments.notifyCustomer",
  "posting.onlyFulfilled",
  "posting.onlyPaid",
  "posting.closeShopifyOrders",
]);
const listFields = new Set(["orders.filters.channels", "orders.filters.tags"]);
const mapFields = new Set([
  "orders.shippingMethods",
  "orders.locations",
  "customers.defaultCustomerByCountry",
  "customers.templateCustomerByCountry",
  "companies.paymentTerms",
  "payments.methods",
  "shipments.carriers",
]);

/** Dotted form field names (`orders.importSince`) → the nested object the schema expects. */
export function settingsInputFromForm(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string" || name.startsWith("_") || name === "intent") continue;
    setPath(input, name, fieldValue(name, raw));
  }
  return input;
}

/**
 * The stored settings with the form's offered fields laid over them. Fields the form does not
 * offer keep their stored value (a post cannot set them, and saving cannot reset them).
 */
export function mergeFormIntoSettings(stored: ShopSettings, form: FormData): Record<string, unknown> {
  const input = structuredClone(stored) as unknown as Record<string, unknown>;
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string" || !offered.has(name)) continue;
    setPath(input, name, fieldValue(name, raw));
  }
  return input;
}

function fieldValue(name: string, raw: string): unknown {
  if (booleanFields.has(name)) return raw === "true" ? true : raw === "false" ? false : raw;
  if (listFields.has(name)) {
    return raw
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }
  if (mapFields.has(name)) {
    const entries = raw
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .map((line) => {
        const at = line.lastIndexOf("=");
        return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      });
    return Object.fromEntries(entries);
  }
  if (name === "orders.importSince" && raw === "") return null;
  return raw;
}

function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  const path = name.split(".");
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === "object" && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? name] = value;
}

/** The inverse: settings → the form's string fields. */
export function settingsToFormValues(settings: ShopSettings): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (listFields.has(prefix) && Array.isArray(value)) values[prefix] = value.join(", ");
    else if (mapFields.has(prefix) && typeof value === "object" && value !== null) {
      values[prefix] = Object.entries(value)
        .map(([key, v]) => `${key} = ${String(v)}`)
        .join("\n");
    } else if (typeof value === "object" && value !== null) {
      for (const [key, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${key}` : key);
    } else values[prefix] = value === null || value === undefined ? "" : String(value);
  };
  walk(settings, "");
  return values;
}

/** The offered fields' values only: what the settings page shows. */
export function offeredFormValues(settings: ShopSettings): Record<string, string> {
  const values = settingsToFormValues(settings);
  return Object.fromEntries(settingsFormFields.map((name) => [name, values[name] ?? ""]));
}

export async function loadSettingsForm(shopId: number): Promise<Record<string, string>> {
  return offeredFormValues(await getShopSettings(getDb(), shopId));
}

export function loadSettings(shopId: number): Promise<ShopSettings> {
  return getShopSettings(getDb(), shopId);
}

/** Validate and save; on any error nothing is saved and every bad field is named. */
export async function saveSettingsForm(shopId: number, form: FormData): Promise<SettingsSaveResult> {
  const db = getDb();
  const parsed = shopSettingsSchema.safeParse(mergeFormIntoSettings(await getShopSettings(db, shopId), form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      // Errors inside a list or map belong to the field that holds it.
      const field = fieldNameFor(issue.path.map(String));
      fieldErrors[field] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  await saveShopSettings(db, shopId, parsed.data);
  return { ok: true, settings: parsed.data, values: offeredFormValues(parsed.data) };
}

function fieldNameFor(path: string[]): string {
  for (let length = path.length; length > 0; length--) {
    const candidate = path.slice(0, length).join(".");
    if (listFields.has(candidate) || mapFields.has(candidate)) return candidate;
  }
  return path.join(".");
}
