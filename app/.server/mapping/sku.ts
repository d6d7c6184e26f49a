import type { ShopSettings } from "../domain/settings-schema.ts";

/** Splits "10001-V01" at the last separator (item numbers like "1896-S" hold one themselves). */
export function splitSku(sku: string, separator: string): { itemNumber: string; variantCode: string } | null {
  const at = separator ? sku.lastIndexOf(separator) : -1;
  if (at <= 0 || at + separator.length >= sku.length) return null;
  return { itemNumber: sku.slice(0, at), variantCode: sku.slice(at + separator.length) };
}

/**
 * The SKU an exported variant gets under the shop's SKU mapping (BC: SKU Mapping), so that an
 * order line of it maps back to the same item and variant. null when the mapping cannot name it:
 * a variant code alone for an item without variants is its item number; a barcode mapping needs
 * a barcode.
 */
export function skuFor(
  input: { itemNumber: string; variantCode: string; barcode: string | null },
  products: Pick<ShopSettings["products"], "mapping" | "skuSeparator">,
): string | null {
  switch (products.mapping) {
    case "item_no":
      return input.itemNumber;
    case "variant_code":
      return input.variantCode || input.itemNumber;
    case "item_no_and_variant_code":
      return input.variantCode ? `${input.itemNumber}${products.skuSeparator}${input.variantCode}` : input.itemNumber;
    case "barcode":
      return input.barcode;
  }
}
