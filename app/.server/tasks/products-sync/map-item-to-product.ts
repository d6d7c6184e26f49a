import type { ShopSettings } from "../../domain/settings-schema.ts";
import { contentHash } from "../../mapping/canonical-hash.ts";
import { barcodeOf, type CatalogItem } from "../../mapping/catalog-item.ts";
import { skuFor } from "../../mapping/sku.ts";

/** Shopify's limits on product fields (ProductInput reference); longer values are refused, never cut. */
export const SHOPIFY_LIMITS = {
  title: 255,
  vendor: 255,
  productType: 255,
  sku: 255,
  barcode: 255,
  optionValue: 255,
  variants: 2048,
};

/** The option an ERP item's variants are told apart by in Shopify. */
export const VARIANT_OPTION = "Variant";
/** Shopify's own name for the single variant of a product without options. */
export const DEFAULT_OPTION_VALUE = "Default Title";

/** A variant's prices as the ERP sets them for the shop (the port's `pricesFor`, as plain data). */
export interface VariantPrice {
  price: string;
  /** null: the ERP sets none (never "clear it"). */
  compareAtPrice: string | null;
  /** null: the shop does not send costs. */
  unitCost: string | null;
}

const TO_KG = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 } as const;

export interface PlannedVariant {
  /** "" for an item without variants. */
  variantCode: string;
  optionValue: string;
  sku: string;
  barcode: string | null;
  weightKg: number | null;
  price: VariantPrice;
  /** What the product sync owns of the variant; prices are "Sync prices"' (their own shadow). */
  hash: string;
}

export interface PlannedProduct {
  itemNumber: string;
  erpItemId: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  /**
   * The product fields the ERP itself sets. An update sends only these: a vendor, type or
   * description the ERP leaves empty (a create's fallback) never overwrites what a merchant has.
   */
  fromErp: { descriptionHtml: boolean; vendor: boolean; productType: boolean };
  /** The status a blocked item's product is given; null when the item is not blocked. */
  blockedStatus: "DRAFT" | "ARCHIVED" | null;
  /** Blocked and the action is "nothing": the product is left as it is. */
  leaveAlone: boolean;
  /** Why it counts as blocked: "deleted" when the item is gone from the ERP (BC: removed products). */
  blockedBy: "blocked" | "deleted" | null;
  /** Variants gone from the ERP: their Shopify variants are deleted when the ERP may update products. */
  deletedVariantCodes: string[];
  /** The option name, or null for a product with one default variant. */
  optionName: string | null;
  variants: PlannedVariant[];
  /** Hash of the product-level fields (title, description, vendor, type, blocked status). */
  hash: string;
}

export type ProductMapping = { kind: "product"; product: PlannedProduct } | { kind: "skip"; reason: string };

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Shopify shows option values to buyers: the variant's description when it tells the variants apart, else its code. */
function optionValues(variants: CatalogItem["variants"]): string[] {
  const descriptions = variants.map((v) => v.description.trim());
  const distinct = new Set(descriptions).size === descriptions.length && descriptions.every((d) => d !== "");
  return distinct ? descriptions : variants.map((v) => v.code);
}

/**
 * An ERP item as the Shopify product the shop's settings make of it (BC: Shpfy Product Export):
 * its variants (or one default variant), SKUs by the SKU mapping, barcodes, weight and prices.
 * Data Shopify would refuse (a title over 255 characters, a SKU the mapping cannot tell apart) is
 * a skip with the reason, so one bad item never fails the run.
 */
export function mapItemToProduct(
  catalog: CatalogItem,
  input: {
    settings: ShopSettings;
    shopName: string;
    /** By variant code ("" = the item itself); a variant without one cannot be created. */
    prices: ReadonlyMap<string, VariantPrice>;
  },
): ProductMapping {
  const { item } = catalog;
  const products = input.settings.products;
  const title = item.displayName.trim() || item.number;
  if (title.length > SHOPIFY_LIMITS.title) {
    return {
      kind: "skip",
      reason: `the item's name is ${title.length} characters; Shopify allows ${SHOPIFY_LIMITS.title}`,
    };
  }
  if (item.type === "service") return { kind: "skip", reason: "a service item is not sold as a product" };
  if (catalog.variants.length + 1 > SHOPIFY_LIMITS.variants) {
    return { kind: "skip", reason: `${catalog.variants.length} variants; Shopify allows ${SHOPIFY_LIMITS.variants}` };
  }
  const vendor = (item.vendor ?? "").trim() || products.defaultVendor || input.shopName;
  const productType = item.itemCategoryCode;
  if (vendor.length > SHOPIFY_LIMITS.vendor || productType.length > SHOPIFY_LIMITS.productType) {
    return { kind: "skip", reason: "the vendor or product type is over Shopify's 255 characters" };
  }

  const rows = catalog.variants.length === 0 ? [{ code: "", value: DEFAULT_OPTION_VALUE }] : [];
  const values = optionValues(catalog.variants);
  catalog.variants.forEach((v, i) => rows.push({ code: v.code, value: values[i] ?? v.code }));
  const variants: PlannedVariant[] = [];
  const skus = new Map<string, string>();
  for (const row of rows) {
    const barcode = barcodeOf(catalog, row.code);
    const sku = skuFor({ itemNumber: item.number, variantCode: row.code, barcode }, products);
    if (sku === null) {
      return { kind: "skip", reason: `variant ${row.code || "(item)"} has no barcode for the barcode SKU mapping` };
    }
    if (sku.length > SHOPIFY_LIMITS.sku) {
      return { kind: "skip", reason: `SKU ${sku.slice(0, 40)}… is over Shopify's 255 characters` };
    }
    const twin = skus.get(sku);
    if (twin !== undefined) {
      return {
        kind: "skip",
        reason: `the SKU mapping gives variants ${twin || "(item)"} and ${row.code} the same SKU ${sku}: choose a mapping that tells them apart`,
      };
    }
    skus.set(sku, row.code);
    if (row.value.length > SHOPIFY_LIMITS.optionValue) {
      return { kind: "skip", reason: `variant ${row.code}'s name is over Shopify's 255 characters` };
    }
    const price = input.prices.get(row.code);
    if (!price) {
      return { kind: "skip", reason: `variant ${row.code || "(item)"} has no price in the shop's price context` };
    }
    const weightKg =
      item.weight && item.weight.value > 0
        ? Math.round(item.weight.value * TO_KG[item.weight.unit] * 1000) / 1000
        : null;
    const owned = { optionValue: row.value, sku, barcode, weightKg };
    variants.push({ variantCode: row.code, ...owned, price, hash: contentHash(owned) });
  }

  // BC's one setting for both: "Action for Removed Products and Blocked Items".
  const blockedBy = catalog.deleted ? "deleted" : item.blocked || item.salesBlocked === true ? "blocked" : null;
  const blocked = blockedBy !== null;
  const blockedStatus: PlannedProduct["blockedStatus"] =
    !blocked || products.blockedAction === "nothing" ? null : products.blockedAction === "draft" ? "DRAFT" : "ARCHIVED";
  const descriptionHtml = item.displayName2 ? `<p>${escapeHtml(item.displayName2)}</p>` : "";
  const fields = { title, descriptionHtml, vendor, productType, blockedStatus };
  return {
    kind: "product",
    product: {
      itemNumber: item.number,
      erpItemId: catalog.erpId,
      ...fields,
      fromErp: {
        descriptionHtml: descriptionHtml !== "",
        vendor: (item.vendor ?? "").trim() !== "",
        productType: productType !== "",
      },
      leaveAlone: blocked && products.blockedAction === "nothing",
      blockedBy,
      deletedVariantCodes: catalog.deletedVariantCodes,
      optionName: catalog.variants.length === 0 ? null : VARIANT_OPTION,
      variants,
      hash: contentHash(fields),
    },
  };
}
