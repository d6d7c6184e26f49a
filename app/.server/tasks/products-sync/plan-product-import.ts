import type { ShopSettings } from "../../domain/settings-schema.ts";
import type { ErpItemRef } from "../../mapping/resolve-lines.ts";
import { splitSku } from "../../mapping/sku.ts";
import {
  type NewItemLimits,
  type NewItemShape,
  newItemShape,
  type NewItemVariant,
  type ShopifyProductForImport,
} from "./map-shopify-product.ts";

/** What the app already knows of a Shopify product (its product_links row). */
export interface ExistingImportLink {
  state: "pending" | "linked" | "error" | "skipped" | "unmapped" | "ignored";
  erpItemNumber: string | null;
  reason: string | null;
  lastSeenShopifyHash: string | null;
}

/** The reason the Products page's Unlink leaves (products-page/product-actions.ts). */
export const UNLINKED_BY_MERCHANT = "unlinked by the merchant";

/** The ERP's answers for one variant: a stored link, or what its lookups found. */
export interface VariantFacts {
  /** The variant's variant_links row, when it has one. */
  linked: ErpItemRef | null;
  /** Distinct items the SKU's readings found; empty when none did. */
  bySku: ErpItemRef[];
  /** What the barcode found when the SKU found nothing (null: not asked, or nothing). */
  byBarcode: ErpItemRef | null;
}

export interface PlannedVariantLink {
  shopifyVariantId: string;
  sku: string | null;
  item: ErpItemRef;
  /** How it was found; "linked" ones are already stored. */
  via: "linked" | "sku" | "barcode";
}

export type ImportPlan =
  | { kind: "unchanged"; reason: string }
  | { kind: "skip"; reason: string }
  /** Mapped to one ERP item: store the links; variants nothing maps to go on the unmapped list. */
  | {
      kind: "link";
      itemNumber: string;
      variants: PlannedVariantLink[];
      unmatched: Array<{ shopifyVariantId: string; label: string }>;
      /** The item's fields from the product, when the shop lets Shopify update items (BC: Shopify Can Update Items). */
      update: { displayName: string } | null;
      /** New Shopify variants whose SKUs name the item and a variant it lacks, when the shop creates unknown products. */
      createVariants: NewItemVariant[];
    }
  /** Unknown to the ERP, and the shop creates unknown products: the item from the template, its variants and barcodes. */
  | { kind: "create"; item: Extract<NewItemShape, { kind: "item" }>; templateNumber: string }
  /** Unknown to the ERP: listed as an unmapped product, with map / create / ignore. */
  | { kind: "unmapped"; reason: string; variants: Array<{ shopifyVariantId: string; label: string }> };

const ref = (item: ErpItemRef) =>
  item.variantCode ? `${item.itemNumber} variant ${item.variantCode}` : `item ${item.itemNumber}`;

function variantLabel(product: ShopifyProductForImport, variant: ShopifyProductForImport["variants"][number]): string {
  const title =
    variant.title && variant.title !== "Default Title" ? `${product.title} – ${variant.title}` : product.title;
  return variant.sku ? `${title} (SKU ${variant.sku})` : title;
}

/**
 * What one changed Shopify product needs in the ERP (BC: Shpfy Product Import, "From Shopify"):
 * nothing when it hashes as last seen; one ERP item when its variants map to it by the SKU
 * mapping (barcode fallback); an ambiguous match (a SKU naming two items, or variants naming
 * different items of a product that is one item) stops with both named; an unknown product is
 * created from the item template when the shop allows it, else it waits on the unmapped list.
 * A mapped item takes the product's title only when the shop lets Shopify update items.
 */
export function planProductImport(input: {
  product: ShopifyProductForImport;
  hash: string;
  link: ExistingImportLink | null;
  facts: ReadonlyMap<string, VariantFacts>;
  /** The Shopify product each found item is already linked to (null: the item's link has none). */
  itemLinks: ReadonlyMap<string, string | null>;
  settings: Pick<ShopSettings, "products">;
  limits: NewItemLimits;
}): ImportPlan {
  const { product, link } = input;
  if (link?.state === "ignored") return { kind: "unchanged", reason: "ignored by the merchant" };
  // Matching it again by SKU would undo the merchant's decision: it waits for Map on its page.
  if (link?.state === "unmapped" && link.erpItemNumber === null && link.reason === UNLINKED_BY_MERCHANT) {
    return { kind: "unchanged", reason: "unlinked by the merchant: map it on its product page" };
  }
  if (link !== null && link.lastSeenShopifyHash === input.hash && link.state !== "error") {
    return { kind: "unchanged", reason: "nothing the import maps changed since it was last read" };
  }
  if (product.variantsTruncated) {
    return {
      kind: "skip",
      reason:
        "the product has more than 2,048 variants, more than Shopify allows; the import maps none rather than some",
    };
  }

  const variants: PlannedVariantLink[] = [];
  const unmatched: Array<{ shopifyVariantId: string; label: string }> = [];
  for (const variant of product.variants) {
    const facts = input.facts.get(variant.id) ?? { linked: null, bySku: [], byBarcode: null };
    if (facts.linked) {
      variants.push({ shopifyVariantId: variant.id, sku: variant.sku, item: facts.linked, via: "linked" });
      continue;
    }
    if (facts.bySku.length > 1) {
      return {
        kind: "skip",
        reason: `ambiguous: SKU ${variant.sku ?? ""} names ${facts.bySku.map(ref).join(" and ")}; map it by hand`,
      };
    }
    const hit = facts.bySku[0] ?? facts.byBarcode;
    if (hit) {
      variants.push({
        shopifyVariantId: variant.id,
        sku: variant.sku,
        item: hit,
        via: facts.bySku[0] ? "sku" : "barcode",
      });
    } else {
      unmatched.push({ shopifyVariantId: variant.id, label: variantLabel(product, variant) });
    }
  }

  const items = [
    ...new Set([...(link?.erpItemNumber ? [link.erpItemNumber] : []), ...variants.map((v) => v.item.itemNumber)]),
  ];
  if (items.length > 1) {
    const named = items.map((n) => {
      const skus = variants.filter((v) => v.item.itemNumber === n).map((v) => v.sku ?? "");
      return skus.length > 0 ? `item ${n} (SKU ${skus.join(", ")})` : `item ${n} (linked)`;
    });
    return {
      kind: "skip",
      reason: `ambiguous: the product's variants map to ${named.join(" and ")}; one product is one item`,
    };
  }
  const itemNumber = items[0];
  if (itemNumber !== undefined) {
    const owner = input.itemLinks.get(itemNumber);
    if (owner && owner !== product.id) {
      return { kind: "skip", reason: `item ${itemNumber} is already linked to Shopify product ${owner}` };
    }
    const update = input.settings.products.shopifyCanUpdateItems
      ? { displayName: product.title.slice(0, input.limits.displayNameMaxLength) }
      : null;
    const { createVariants, rest } = newVariantsOf(input, itemNumber, unmatched);
    const fresh = variants.some((v) => v.via !== "linked");
    const nothingNew = !fresh && rest.length === 0 && createVariants.length === 0;
    if (link?.state === "linked" && link.erpItemNumber === itemNumber && nothingNew && update === null) {
      return { kind: "unchanged", reason: "changed in Shopify, but the shop does not let Shopify update ERP items" };
    }
    return { kind: "link", itemNumber, variants, unmatched: rest, update, createVariants };
  }

  if (input.settings.products.createUnknownInErp) {
    const shape = newItemShape(product, input.settings, input.limits);
    if (shape.kind === "item") {
      return { kind: "create", item: shape, templateNumber: input.settings.products.itemTemplateNo };
    }
    return {
      kind: "unmapped",
      reason: `no ERP item matches, and it cannot be created: ${shape.reason}`,
      variants: unmatched,
    };
  }
  return {
    kind: "unmapped",
    reason: "no ERP item matches its SKUs or barcodes; map it, create it, or ignore it",
    variants: unmatched,
  };
}

/**
 * A variant added in Shopify to a mapped product becomes a variant of its item (BC: the item
 * variant made on import) when the shop creates unknown products and the SKU names the item and
 * a new variant code; the others wait on the unmapped list.
 */
function newVariantsOf(
  input: Parameters<typeof planProductImport>[0],
  itemNumber: string,
  unmatched: Array<{ shopifyVariantId: string; label: string }>,
): { createVariants: NewItemVariant[]; rest: Array<{ shopifyVariantId: string; label: string }> } {
  const { products } = input.settings;
  if (!products.createUnknownInErp || products.mapping !== "item_no_and_variant_code") {
    return { createVariants: [], rest: unmatched };
  }
  const createVariants: NewItemVariant[] = [];
  const rest: Array<{ shopifyVariantId: string; label: string }> = [];
  for (const entry of unmatched) {
    const variant = input.product.variants.find((v) => v.id === entry.shopifyVariantId);
    const sku = variant?.sku?.trim() ?? "";
    const split = sku ? splitSku(sku, products.skuSeparator) : null;
    if (
      variant &&
      !variant.requiresComponents &&
      split &&
      split.itemNumber === itemNumber &&
      split.variantCode.length <= input.limits.variantCodeMaxLength
    ) {
      createVariants.push({
        shopifyVariantId: variant.id,
        variantCode: split.variantCode.toUpperCase(),
        description: variant.title.slice(0, input.limits.displayNameMaxLength),
        sku,
        barcode: variant.barcode?.trim() || null,
      });
    } else {
      rest.push(entry);
    }
  }
  return { createVariants, rest };
}
