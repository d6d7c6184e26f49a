import type { PlannedProduct } from "./map-item-to-product.ts";

export interface ExistingProductLink {
  state: "pending" | "linked" | "error" | "skipped" | "unmapped" | "ignored";
  shopifyProductId: string | null;
  handle: string | null;
  lastWrittenHash: string | null;
  /** The status the app set because the item was blocked; null when it set none. */
  blockedStatusWritten: "DRAFT" | "ARCHIVED" | null;
}

export interface ExistingVariantLink {
  variantCode: string;
  shopifyVariantId: string;
  lastWrittenHash: string | null;
}

/** What Shopify holds under the planned SKUs, for an item not linked yet (found by a SKU search). */
export type ShopifySkuMatch =
  | { kind: "none" }
  | { kind: "product"; productId: string; variants: Array<{ id: string; sku: string }> }
  | { kind: "ambiguous"; productIds: string[] }
  /** The product carrying the SKUs is another item's, or one the merchant unlinked or ignored. */
  | { kind: "taken"; productId: string; why: string };

export type ExportPlan =
  | { kind: "skip"; reason: string }
  | { kind: "unchanged"; reason: string }
  /** productSet by handle: a new product, or the retry of a create whose answer was lost. */
  | { kind: "create"; handle: string; resumed: boolean }
  | {
      kind: "update";
      productId: string;
      /** Links to store first: variants found in Shopify by SKU (an adopted product). */
      adopt: Array<{ variantCode: string; shopifyVariantId: string }>;
      /** Send productUpdate (title, description, vendor, type, blocked status). */
      productFields: boolean;
      /** The item was unblocked: give the product back the shop's status for created products. */
      restoreStatus: boolean;
      variantUpdates: Array<{ variantCode: string; shopifyVariantId: string }>;
      variantCreates: string[];
      /** Variants gone from the ERP whose Shopify variants the app made or linked. */
      variantDeletes: Array<{ variantCode: string; shopifyVariantId: string }>;
    };

const gone = (product: PlannedProduct) => (product.blockedBy === "deleted" ? "deleted" : "blocked");

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The handle of a product made from an item: readable, and with the item number so two items never share one. */
export function handleFor(product: Pick<PlannedProduct, "title" | "itemNumber">): string {
  const number = slug(product.itemNumber) || "item";
  const title = slug(product.title).slice(0, 200);
  return title ? `${title}-${number}` : number;
}

/**
 * What one item needs in Shopify (BC: Shpfy Product Export), from its plan and what the app knows
 * of the product: nothing when every hash matches what was last written (so an unchanged catalog
 * sends no mutation, and our own write is no change); a create for an item Shopify lacks (unless
 * a product already carries its SKUs: then that product is adopted, never duplicated; two
 * products carrying them is ambiguous and stops with both named); otherwise only the parts that
 * changed, when the shop lets the ERP update Shopify products.
 */
export function planProductExport(input: {
  product: PlannedProduct;
  link: ExistingProductLink | null;
  variantLinks: readonly ExistingVariantLink[];
  match: ShopifySkuMatch;
  canUpdateShopify: boolean;
}): ExportPlan {
  const { product, link } = input;
  if (link?.state === "ignored") return { kind: "unchanged", reason: "ignored by the merchant" };
  if (link?.state === "pending" && link.handle) return { kind: "create", handle: link.handle, resumed: true };

  const productId = link?.shopifyProductId ?? null;
  if (productId === null) {
    if (product.blockedStatus !== null || product.leaveAlone) {
      return { kind: "skip", reason: `${gone(product)} in the ERP: not created in Shopify` };
    }
    switch (input.match.kind) {
      case "ambiguous":
        return {
          kind: "skip",
          reason: `ambiguous: the item's SKUs are on ${input.match.productIds.length} Shopify products (${input.match.productIds.join(", ")}); link one by hand`,
        };
      case "taken":
        return {
          kind: "skip",
          reason: `the Shopify product with the item's SKUs (${input.match.productId}) ${input.match.why}`,
        };
      case "none":
        return { kind: "create", handle: handleFor(product), resumed: false };
      case "product": {
        const bySku = new Map(input.match.variants.map((v) => [v.sku, v.id]));
        const adopt = product.variants.flatMap((v) => {
          const id = bySku.get(v.sku);
          return id ? [{ variantCode: v.variantCode, shopifyVariantId: id }] : [];
        });
        return updatePlan(input, input.match.productId, adopt, null);
      }
    }
  }
  return updatePlan(input, productId, [], link?.lastWrittenHash ?? null);
}

/** Store the links of variants found by SKU; write nothing. */
function linkOnly(productId: string, adopt: Array<{ variantCode: string; shopifyVariantId: string }>): ExportPlan {
  return {
    kind: "update",
    productId,
    adopt,
    productFields: false,
    restoreStatus: false,
    variantUpdates: [],
    variantCreates: [],
    variantDeletes: [],
  };
}

function updatePlan(
  input: Parameters<typeof planProductExport>[0],
  productId: string,
  adopt: Array<{ variantCode: string; shopifyVariantId: string }>,
  lastProductHash: string | null,
): ExportPlan {
  const { product } = input;
  if (product.leaveAlone) {
    return {
      kind: "unchanged",
      reason: `${gone(product)} in the ERP; the action for removed and blocked items is to do nothing`,
    };
  }
  const known = new Map(input.variantLinks.map((v) => [v.variantCode, v]));
  for (const a of adopt) known.set(a.variantCode, { ...a, lastWrittenHash: null });
  // Only a status the app itself set for a block is undone; a merchant's own draft stays.
  const restoreStatus = product.blockedStatus === null && (input.link?.blockedStatusWritten ?? null) !== null;
  const productFields = lastProductHash !== product.hash || restoreStatus;
  const variantUpdates: Array<{ variantCode: string; shopifyVariantId: string }> = [];
  const variantCreates: string[] = [];
  // An item gone from the ERP only gets the removed-item status: its last data is not news.
  for (const variant of product.blockedBy === "deleted" ? [] : product.variants) {
    const linked = known.get(variant.variantCode);
    if (!linked) variantCreates.push(variant.variantCode);
    else if (linked.lastWrittenHash !== variant.hash) {
      variantUpdates.push({ variantCode: variant.variantCode, shopifyVariantId: linked.shopifyVariantId });
    }
  }
  const deletedCodes = new Set(product.deletedVariantCodes);
  const variantDeletes = input.variantLinks
    .filter((v) => v.variantCode !== "" && deletedCodes.has(v.variantCode))
    .map((v) => ({ variantCode: v.variantCode, shopifyVariantId: v.shopifyVariantId }));
  const changed = productFields || variantUpdates.length > 0 || variantCreates.length > 0 || variantDeletes.length > 0;
  if (!changed) {
    return adopt.length > 0
      ? linkOnly(productId, adopt)
      : { kind: "unchanged", reason: "nothing changed since the last write" };
  }
  if (!input.canUpdateShopify && input.link?.shopifyProductId) {
    return {
      kind: "unchanged",
      reason: "changed in the ERP, but the shop does not let the ERP update Shopify products",
    };
  }
  if (!input.canUpdateShopify) {
    // An adopted product: link it, write nothing.
    return linkOnly(productId, adopt);
  }
  return {
    kind: "update",
    productId,
    adopt,
    productFields,
    restoreStatus,
    variantUpdates,
    variantCreates,
    variantDeletes,
  };
}
