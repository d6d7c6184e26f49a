import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { describeUserErrors, ShopifyApiError, type UserError } from "../../adapters/shopify/errors.ts";
import {
  PRODUCT_SET_MUTATION,
  PRODUCT_SET_OPERATION_QUERY,
  PRODUCT_UPDATE_MUTATION,
  VARIANTS_BULK_CREATE_MUTATION,
  VARIANTS_BULK_DELETE_MUTATION,
  VARIANTS_BULK_UPDATE_MUTATION,
} from "../../adapters/shopify/product-queries.ts";
import type { Db } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import {
  deleteVariantLinks,
  saveExportedVariantLinks,
  saveLinkedProduct,
  savePendingProduct,
  saveProductProblem,
} from "../../queries/product-links.ts";
import type { PlannedProduct, PlannedVariant } from "./map-item-to-product.ts";
import {
  createdStatus,
  productSetInput,
  productUpdateInput,
  variantCreateInput,
  variantUpdateInput,
} from "./map-product-input.ts";
import type { ExportPlan } from "./plan-product-export.ts";

/** Above this many variants productSet runs asynchronously (wave-2 notes: the docs disagree on the synchronous limit). */
export const SYNCHRONOUS_VARIANT_LIMIT = 100;
/** How long a run waits for an asynchronous productSet before leaving it for the next run. */
const OPERATION_WAIT_MS = 30_000;

export interface WriteContext {
  db: Db;
  admin: AdminClient;
  settings: ShopSettings;
  shopId: number;
  now: () => Date;
}

export type WriteResult =
  | { outcome: "created"; linkId: number; note?: string }
  /** `variantsWaiting`: Shopify refused the new variants (daily limit); the rest was written. */
  | { outcome: "updated"; linkId: number; note?: string; variantsWaiting?: number }
  | { outcome: "skipped" | "failed"; linkId: number; reason: string }
  /** Shopify refused the create for its daily variant limit; nothing was written. */
  | { outcome: "waiting"; linkId: number };

/** Shopify's daily variant-creation limit (VARIANT_THROTTLE_EXCEEDED): nothing was written, the item waits. */
export function isVariantThrottle(error: unknown): boolean {
  return error instanceof ShopifyApiError && error.code === "VARIANT_THROTTLE_EXCEEDED";
}

function priceShadow(v: PlannedVariant) {
  return { price: v.price.price, compareAtPrice: v.price.compareAtPrice, unitCost: v.price.unitCost };
}

/** Planned variants matched to Shopify's answer by SKU (the answer's order is not promised). */
function bySku(product: PlannedProduct, nodes: ReadonlyArray<{ id: string; sku?: string | null }>) {
  const ids = new Map(nodes.map((n) => [n.sku ?? "", n.id]));
  return product.variants.flatMap((v) => {
    const id = ids.get(v.sku);
    return id ? [{ variant: v, shopifyVariantId: id }] : [];
  });
}

async function problem(
  ctx: WriteContext,
  product: PlannedProduct,
  state: "skipped" | "error",
  reason: string,
  options: { refusedCreate?: boolean } = {},
) {
  const linkId = await saveProductProblem(ctx.db, {
    ...options,
    shopId: ctx.shopId,
    itemNumber: product.itemNumber,
    erpItemId: product.erpItemId,
    title: product.title,
    state,
    reason,
    now: ctx.now(),
  });
  return { outcome: state === "error" ? ("failed" as const) : ("skipped" as const), linkId, reason };
}

async function waitForOperation(ctx: WriteContext, operationId: string) {
  const deadline = Date.now() + OPERATION_WAIT_MS;
  for (let delay = 250; Date.now() < deadline; delay = Math.min(delay * 2, 4_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const { productOperation } = await runOperation(ctx.admin, PRODUCT_SET_OPERATION_QUERY, { id: operationId });
    if (productOperation?.status === "COMPLETE") return productOperation;
  }
  return null;
}

/**
 * A product Shopify made from an item (one create, or one line of a bulk create): linked with the
 * hashes and prices it was written with, in one transaction. Returns the variants found by SKU.
 */
export async function linkCreatedProduct(
  ctx: WriteContext,
  product: PlannedProduct,
  made: { id: string; handle: string; variants: { nodes: ReadonlyArray<{ id: string; sku?: string | null }> } },
) {
  const matched = bySku(product, made.variants.nodes);
  await ctx.db.transaction(async (tx) => {
    await saveLinkedProduct(tx, {
      shopId: ctx.shopId,
      itemNumber: product.itemNumber,
      erpItemId: product.erpItemId,
      shopifyProductId: made.id,
      title: product.title,
      handle: made.handle,
      origin: "erp",
      writtenHash: product.hash,
      now: ctx.now(),
    });
    await saveExportedVariantLinks(tx, {
      shopId: ctx.shopId,
      shopifyProductId: made.id,
      itemNumber: product.itemNumber,
      variants: matched.map(({ variant, shopifyVariantId }) => ({
        variantCode: variant.variantCode,
        shopifyVariantId,
        sku: variant.sku,
        writtenHash: variant.hash,
        prices: priceShadow(variant),
      })),
      now: ctx.now(),
    });
  });
  return matched;
}

/**
 * A create: stored as pending with its handle first, then `productSet` by that handle, so a
 * retry after a lost answer upserts the same product instead of making a second one. A product
 * Shopify refuses is a failed record with Shopify's own words; the run goes on.
 */
async function create(ctx: WriteContext, product: PlannedProduct, handle: string): Promise<WriteResult> {
  const linkId = await savePendingProduct(ctx.db, {
    shopId: ctx.shopId,
    itemNumber: product.itemNumber,
    erpItemId: product.erpItemId,
    handle,
    title: product.title,
    now: ctx.now(),
  });
  const synchronous = product.variants.length <= SYNCHRONOUS_VARIANT_LIMIT;
  let answer;
  try {
    answer = await runOperation(ctx.admin, PRODUCT_SET_MUTATION, {
      identifier: { handle },
      input: productSetInput(product, ctx.settings, handle),
      synchronous,
    });
  } catch (error) {
    if (isVariantThrottle(error)) return { outcome: "waiting", linkId };
    throw error;
  }
  const { productSet } = answer;
  if (!productSet) return problem(ctx, product, "error", "Shopify answered productSet with nothing");
  if (productSet.userErrors.length > 0) {
    return problem(ctx, product, "error", describeUserErrors(productSet.userErrors), { refusedCreate: true });
  }
  let made = productSet.product ?? null;
  if (!made && productSet.productSetOperation) {
    const done = await waitForOperation(ctx, productSet.productSetOperation.id);
    const refused = (done as { userErrors?: UserError[] } | null)?.userErrors ?? [];
    if (refused.length > 0) return problem(ctx, product, "error", describeUserErrors(refused), { refusedCreate: true });
    made = done?.product ?? null;
    if (!made) {
      return { outcome: "skipped", linkId, reason: "Shopify is still creating the product; the next run finishes it" };
    }
  }
  if (!made) return problem(ctx, product, "error", "Shopify returned no product");
  const matched = await linkCreatedProduct(ctx, product, made);
  const missing = product.variants.length - matched.length;
  return missing > 0
    ? { outcome: "created", linkId, note: `${missing} variant(s) not found in Shopify's answer by SKU` }
    : { outcome: "created", linkId };
}

async function update(
  ctx: WriteContext,
  product: PlannedProduct,
  plan: Extract<ExportPlan, { kind: "update" }>,
): Promise<WriteResult> {
  const variant = (code: string) => product.variants.find((v) => v.variantCode === code);
  const written: Array<{
    variant: PlannedVariant;
    shopifyVariantId: string;
    hash: string | null;
    prices?: ReturnType<typeof priceShadow>;
  }> = [];
  for (const a of plan.adopt) {
    const v = variant(a.variantCode);
    if (v) written.push({ variant: v, shopifyVariantId: a.shopifyVariantId, hash: null });
  }
  if (plan.productFields) {
    const { productUpdate } = await runOperation(ctx.admin, PRODUCT_UPDATE_MUTATION, {
      product: productUpdateInput(product, plan.productId, plan.restoreStatus ? createdStatus(ctx.settings) : null),
    });
    if (productUpdate && productUpdate.userErrors.length > 0) {
      return problem(ctx, product, "error", describeUserErrors(productUpdate.userErrors));
    }
  }
  const updates = plan.variantUpdates.flatMap((u) => {
    const v = variant(u.variantCode);
    return v ? [{ v, id: u.shopifyVariantId }] : [];
  });
  if (updates.length > 0) {
    const { productVariantsBulkUpdate } = await runOperation(ctx.admin, VARIANTS_BULK_UPDATE_MUTATION, {
      productId: plan.productId,
      variants: updates.map(({ v, id }) => variantUpdateInput(v, id)),
    });
    if (productVariantsBulkUpdate && productVariantsBulkUpdate.userErrors.length > 0) {
      return problem(ctx, product, "error", describeUserErrors(productVariantsBulkUpdate.userErrors));
    }
    for (const { v, id } of updates) written.push({ variant: v, shopifyVariantId: id, hash: v.hash });
  }
  let creates = plan.variantCreates.flatMap((code) => variant(code) ?? []);
  let variantsWaiting = 0;
  if (creates.length > 0) {
    const answer = await runOperation(ctx.admin, VARIANTS_BULK_CREATE_MUTATION, {
      productId: plan.productId,
      variants: creates.map((v) => variantCreateInput(product, v, ctx.settings)),
    }).catch((error: unknown) => {
      // The daily variant limit: the new variants wait, what was updated above is still linked below.
      if (isVariantThrottle(error)) return null;
      throw error;
    });
    if (answer === null) {
      variantsWaiting = creates.length;
      creates = [];
    }
    const productVariantsBulkCreate = answer?.productVariantsBulkCreate;
    if (answer !== null && (!productVariantsBulkCreate || productVariantsBulkCreate.userErrors.length > 0)) {
      return problem(ctx, product, "error", describeUserErrors(productVariantsBulkCreate?.userErrors ?? []));
    }
    const made = new Map((productVariantsBulkCreate?.productVariants ?? []).map((n) => [n.sku ?? "", n.id]));
    for (const v of creates) {
      const id = made.get(v.sku);
      if (id) written.push({ variant: v, shopifyVariantId: id, hash: v.hash, prices: priceShadow(v) });
    }
  }
  const deleted = plan.variantDeletes.map((d) => d.shopifyVariantId);
  const refused = await deleteVariants(ctx.admin, plan.productId, deleted);
  if (refused) return problem(ctx, product, "error", refused);
  const adopted = plan.adopt.length > 0;
  const wroteSomething = plan.productFields || updates.length > 0 || creates.length > 0 || deleted.length > 0;
  const linkId = await ctx.db.transaction(async (tx) => {
    const id = await saveLinkedProduct(tx, {
      shopId: ctx.shopId,
      itemNumber: product.itemNumber,
      erpItemId: product.erpItemId,
      shopifyProductId: plan.productId,
      title: product.title,
      handle: null,
      origin: adopted ? "shopify" : "erp",
      writtenHash: plan.productFields ? product.hash : null,
      ...(plan.productFields ? { blockedStatusWritten: product.blockedStatus } : {}),
      now: ctx.now(),
    });
    await saveExportedVariantLinks(tx, {
      shopId: ctx.shopId,
      shopifyProductId: plan.productId,
      itemNumber: product.itemNumber,
      variants: written.map((w) => ({
        variantCode: w.variant.variantCode,
        shopifyVariantId: w.shopifyVariantId,
        sku: w.variant.sku,
        writtenHash: w.hash,
        ...(w.prices ? { prices: w.prices } : {}),
      })),
      now: ctx.now(),
    });
    await deleteVariantLinks(tx, { shopId: ctx.shopId, shopifyVariantIds: deleted });
    return id;
  });
  const note =
    [
      adopted ? "linked to the Shopify product that already had its SKU(s)" : null,
      product.blockedBy === "deleted" && plan.productFields ? "the item is gone from the ERP" : null,
      deleted.length > 0
        ? `variant(s) ${plan.variantDeletes.map((d) => d.variantCode).join(", ")} deleted: gone from the ERP`
        : null,
    ]
      .filter((part) => part !== null)
      .join("; ") || undefined;
  const waiting = variantsWaiting > 0 ? { variantsWaiting } : {};
  if (!wroteSomething) return { outcome: "updated", linkId, note: note ?? "linked", ...waiting };
  return { outcome: "updated", linkId, ...(note ? { note } : {}), ...waiting };
}

const NOT_ON_PRODUCT = "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT";

/**
 * Deletes Shopify variants whose ERP variants are gone. One the merchant already deleted makes
 * Shopify refuse the whole call, so then each goes alone and "already gone" counts as done.
 * Returns Shopify's refusal, or null.
 */
async function deleteVariants(admin: AdminClient, productId: string, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const { productVariantsBulkDelete } = await runOperation(admin, VARIANTS_BULK_DELETE_MUTATION, {
    productId,
    variantsIds: [...ids],
  });
  const errors = productVariantsBulkDelete?.userErrors ?? [];
  if (errors.length === 0) return null;
  if (!errors.every((e) => e.code === NOT_ON_PRODUCT)) return describeUserErrors(errors);
  if (ids.length === 1) return null;
  for (const id of ids) {
    const refused = await deleteVariants(admin, productId, [id]);
    if (refused) return refused;
  }
  return null;
}

/** Carries out one item's plan (not for previews: the caller records those as planned). */
export async function writeProduct(
  ctx: WriteContext,
  product: PlannedProduct,
  plan: ExportPlan,
): Promise<WriteResult | null> {
  switch (plan.kind) {
    case "skip":
      return problem(ctx, product, "skipped", plan.reason);
    case "unchanged":
      return null;
    case "create":
      return create(ctx, product, plan.handle);
    case "update":
      return update(ctx, product, plan);
  }
}
