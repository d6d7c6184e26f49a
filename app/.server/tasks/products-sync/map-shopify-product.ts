import type { ShopSettings } from "../../domain/settings-schema.ts";
import { contentHash } from "../../mapping/canonical-hash.ts";
import type { ItemLookup } from "../../mapping/resolve-lines.ts";
import { splitSku } from "../../mapping/sku.ts";

/** A Shopify product as the import reads it (product-read-queries.ts), as plain data. */
export interface ShopifyProductForImport {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: string;
  updatedAt: string;
  /** Shopify has more variants than the read took: the product is refused, never half mapped. */
  variantsTruncated: boolean;
  variants: ShopifyVariantForImport[];
}

export interface ShopifyVariantForImport {
  id: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  /** A bundle's parent (Shopify Bundles or a bundle app): it sells as its components and has no stock of its own. */
  requiresComponents: boolean;
}

/** Shopify's own name for the single variant of a product without options. */
const DEFAULT_VARIANT_TITLE = "Default Title";

/**
 * The hash of what the import maps of a product: a product read again with the same hash (an
 * overlap window, a webhook for a change to a field we do not read, our own write coming back)
 * is no change and sends nothing to the ERP.
 */
export function importHash(product: ShopifyProductForImport, settings: Pick<ShopSettings, "products">): string {
  return contentHash({
    title: product.title,
    vendor: product.vendor,
    productType: product.productType,
    variants: product.variants.map((v) => ({
      id: v.id,
      title: v.title,
      sku: v.sku ?? "",
      barcode: v.barcode ?? "",
      price: v.price,
      bundle: v.requiresComponents,
    })),
    // A changed SKU mapping (or what the import may do) reads the same product differently: map it again.
    mapping: [
      settings.products.mapping,
      settings.products.skuSeparator,
      settings.products.findByBarcode,
      settings.products.createUnknownInErp,
      settings.products.shopifyCanUpdateItems,
    ],
  });
}

/**
 * What the ERP is asked for one variant: every reading of its SKU under the shop's mapping (all
 * are asked, so a SKU that names two items is seen as ambiguous rather than matched to the first),
 * then the barcode when the SKU finds nothing (BC: Find Mapping by Barcode).
 */
export function variantLookups(
  variant: Pick<ShopifyVariantForImport, "sku" | "barcode">,
  settings: Pick<ShopSettings, "products">,
): { bySku: ItemLookup[]; byBarcode: ItemLookup | null } {
  const sku = variant.sku?.trim() ?? "";
  const bySku: ItemLookup[] = [];
  if (sku) {
    switch (settings.products.mapping) {
      case "item_no":
        bySku.push({ number: sku });
        break;
      case "variant_code":
        bySku.push({ variantCode: sku });
        break;
      case "item_no_and_variant_code": {
        // "1896-S" is item 1896's variant S, or an item numbered 1896-S: both are asked.
        const split = splitSku(sku, settings.products.skuSeparator);
        if (split) bySku.push({ number: split.itemNumber, variantCode: split.variantCode });
        bySku.push({ number: sku });
        break;
      }
      case "barcode":
        bySku.push({ barcode: sku });
        break;
    }
  }
  const barcode = settings.products.findByBarcode ? (variant.barcode?.trim() ?? "") : "";
  const byBarcode = barcode && !(settings.products.mapping === "barcode" && barcode === sku) ? { barcode } : null;
  return { bySku, byBarcode };
}

/** The ERP item (and variant) a new product would become, when the SKU mapping can name it. */
export interface NewItemVariant {
  shopifyVariantId: string;
  /** "" for the item itself (a product with one default variant). */
  variantCode: string;
  description: string;
  sku: string;
  barcode: string | null;
}

export type NewItemShape =
  | { kind: "item"; itemNumber: string; displayName: string; unitPrice: string; variants: NewItemVariant[] }
  | { kind: "cannot"; reason: string };

/** Limits the new item must respect; the import never cuts an identifier. */
export interface NewItemLimits {
  itemNumberMaxLength: number;
  /** BC: Code[10]. */
  variantCodeMaxLength: number;
  /** BC: Text[100]. */
  displayNameMaxLength: number;
}

/**
 * How an unknown product would be created in the ERP (BC: Shpfy Create Item): the item number
 * and variant codes come from the SKUs, read by the shop's mapping, and every variant must name
 * the same item. A mapping that cannot name an item number (variant code, barcode) cannot create.
 */
export function newItemShape(
  product: ShopifyProductForImport,
  settings: Pick<ShopSettings, "products">,
  limits: NewItemLimits,
): NewItemShape {
  const { mapping, skuSeparator } = settings.products;
  if (mapping !== "item_no" && mapping !== "item_no_and_variant_code") {
    return { kind: "cannot", reason: `the SKU mapping (${mapping}) cannot name a new item number` };
  }
  const bundles = product.variants.filter((v) => v.requiresComponents);
  if (bundles.length > 0) {
    // BCApps#8396: a bundle taken for a plain item breaks stock sync (Shopify refuses stock on a bundle).
    return {
      kind: "cannot",
      reason: `it is a bundle (${bundles.map((v) => v.title).join(", ")} ${bundles.length === 1 ? "sells" : "sell"} as components): create it in the ERP as an assembly item and map it, or ignore it`,
    };
  }
  const single = product.variants.length === 1 && product.variants[0]!.title === DEFAULT_VARIANT_TITLE;
  const parts = product.variants.map((v) => {
    const sku = v.sku?.trim() ?? "";
    if (!sku) return null;
    if (mapping === "item_no" || single) return { itemNumber: sku, variantCode: "", sku, v };
    const split = splitSku(sku, skuSeparator);
    return split ? { ...split, sku, v } : null;
  });
  const missing = product.variants.filter((_, i) => parts[i] === null);
  if (missing.length > 0 || parts.length === 0) {
    const which = missing.map((v) => v.title).join(", ");
    return { kind: "cannot", reason: `variant(s) ${which || "(none)"} have no SKU that names an item and variant` };
  }
  const numbers = [...new Set(parts.map((p) => p!.itemNumber))];
  if (numbers.length > 1) {
    return {
      kind: "cannot",
      reason: `the variants' SKUs name ${numbers.length} items (${numbers.join(", ")}); one product is one item`,
    };
  }
  const itemNumber = numbers[0]!;
  if (itemNumber.length > limits.itemNumberMaxLength) {
    return {
      kind: "cannot",
      reason: `item number ${itemNumber} is longer than the ERP's ${limits.itemNumberMaxLength} characters`,
    };
  }
  const long = parts.find((p) => p!.variantCode.length > limits.variantCodeMaxLength);
  if (long) {
    return {
      kind: "cannot",
      reason: `variant code ${long.variantCode} is longer than the ERP's ${limits.variantCodeMaxLength} characters`,
    };
  }
  if (!single && mapping === "item_no") {
    return { kind: "cannot", reason: "the SKU mapping (item_no) gives the variants no variant codes" };
  }
  return {
    kind: "item",
    itemNumber,
    displayName: product.title.slice(0, limits.displayNameMaxLength),
    unitPrice: product.variants[0]!.price,
    variants: parts.map((p) => ({
      shopifyVariantId: p!.v.id,
      variantCode: p!.variantCode.toUpperCase(),
      description: (p!.v.title === DEFAULT_VARIANT_TITLE ? product.title : p!.v.title).slice(
        0,
        limits.displayNameMaxLength,
      ),
      sku: p!.sku,
      barcode: p!.v.barcode?.trim() || null,
    })),
  };
}
