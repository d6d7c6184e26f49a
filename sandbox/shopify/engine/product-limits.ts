import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import { toCents } from "./money.ts";

/**
 * Shopify's limits on product data, as its validations answer them (Rails-style "is too long
 * (maximum is 255 characters)" messages): title, handle, vendor, product type, SKU, barcode,
 * option names and values at most 255 characters, at most 3 options, at most 2,048 variants per
 * product (since 2025-10), prices not negative.
 */
export const MAX_TEXT = 255;
export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 2048;
/** The sync-data guide: productSet takes 2,048 variants asynchronously, only 100 synchronously. */
export const MAX_SYNC_PRODUCT_SET_VARIANTS = 100;

const PRODUCT_TEXT: [key: string, label: string][] = [
  ["title", "Title"],
  ["handle", "Handle"],
  ["vendor", "Vendor"],
  ["productType", "Product type"],
];

export function tooLong(label: string): string {
  return `${label} is too long (maximum is ${MAX_TEXT} characters)`;
}

function longer(value: unknown): boolean {
  return typeof value === "string" && [...value].length > MAX_TEXT;
}

/** The product-level fields of a ProductSetInput / ProductCreateInput / ProductUpdateInput. */
export function productTextErrors(input: Input, field: string[], code: string | null): UserError[] {
  const errors: UserError[] = [];
  for (const [key, label] of PRODUCT_TEXT) {
    if (longer(input[key])) errors.push({ field: [...field, key], message: tooLong(label), code });
  }
  return errors;
}

/** Option names and values (productOptions of create/set). */
export function optionErrors(
  options: Input[],
  field: string[],
  codes: { overLimit: string; tooLong: string },
): UserError[] {
  const errors: UserError[] = [];
  if (options.length > MAX_OPTIONS) {
    errors.push({
      field,
      message: `Can only specify a maximum of ${MAX_OPTIONS} options`,
      code: codes.overLimit,
    });
  }
  options.forEach((o, i) => {
    if (longer(o.name)) {
      errors.push({ field: [...field, String(i), "name"], message: tooLong("Option name"), code: codes.tooLong });
    }
    asList(o.values).forEach((v, j) => {
      if (longer(v.name)) {
        errors.push({
          field: [...field, String(i), "values", String(j), "name"],
          message: tooLong("Option value"),
          code: codes.tooLong,
        });
      }
    });
  });
  return errors;
}

/** SKU (also as inventoryItem.sku), barcode, option value names and prices of one variant input. */
export function variantTextErrors(v: Input, field: string[], codes: { tooLong: string; price: string }): UserError[] {
  const errors: UserError[] = [];
  if (longer(v.sku)) errors.push({ field: [...field, "sku"], message: tooLong("SKU"), code: codes.tooLong });
  const item = asInput(v.inventoryItem);
  if (longer(item?.sku)) {
    errors.push({ field: [...field, "inventoryItem", "sku"], message: tooLong("SKU"), code: codes.tooLong });
  }
  if (longer(v.barcode)) {
    errors.push({ field: [...field, "barcode"], message: tooLong("Barcode"), code: codes.tooLong });
  }
  asList(v.optionValues).forEach((o, j) => {
    if (longer(o.name)) {
      errors.push({
        field: [...field, "optionValues", String(j), "name"],
        message: tooLong("Option value"),
        code: codes.tooLong,
      });
    }
  });
  for (const key of ["price", "compareAtPrice"] as const) {
    const raw = v[key];
    if (raw === undefined || raw === null) continue;
    const cents = toCents(raw);
    if (cents === null) errors.push({ field: [...field, key], message: `${label(key)} is invalid`, code: codes.price });
    else if (cents < 0) {
      errors.push({
        field: [...field, key],
        message: `${label(key)} must be greater than or equal to 0`,
        code: codes.price,
      });
    }
  }
  return errors;
}

function label(key: "price" | "compareAtPrice"): string {
  return key === "price" ? "Price" : "Compare at price";
}

export function skuOf(v: Input): string | null | undefined {
  if (v.sku !== undefined) return str(v.sku);
  const item = asInput(v.inventoryItem);
  return item?.sku === undefined ? undefined : str(item.sku);
}
