import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";

import { variantLinks } from "../../../db/schema/links.ts";
import { productLinks, type ProductLinkState } from "../../../db/schema/product-links.ts";
import type { DbOrTx } from "../db.ts";

export interface ProductLinkRow {
  id: number;
  erpItemNumber: string | null;
  shopifyProductId: string | null;
  handle: string | null;
  state: ProductLinkState;
  lastWrittenHash: string | null;
  blockedStatusWritten: "DRAFT" | "ARCHIVED" | null;
  pictureVersion: string | null;
  pictureHash: string | null;
  shopifyMediaId: string | null;
  /** Since when the item waits for Shopify's daily variant limit; null when it does not. */
  variantWaitSince: Date | null;
  /** Shopify → ERP: the product image the item's picture came from (echo suppression). */
  shopifyImageId: string | null;
}

const linkColumns = {
  id: productLinks.id,
  erpItemNumber: productLinks.erpItemNumber,
  shopifyProductId: productLinks.shopifyProductId,
  handle: productLinks.handle,
  state: productLinks.state,
  lastWrittenHash: productLinks.lastWrittenHash,
  blockedStatusWritten: productLinks.blockedStatusWritten,
  pictureVersion: productLinks.pictureVersion,
  pictureHash: productLinks.pictureHash,
  shopifyMediaId: productLinks.shopifyMediaId,
  variantWaitSince: productLinks.variantWaitSince,
  shopifyImageId: productLinks.shopifyImageId,
};

/** What every outcome other than "waits for the daily variant limit" sets: the item no longer waits. */
const noVariantWait = { variantWaitSince: null, variantsWaiting: null };

/** The product links of these items, by item number. */
export async function productLinksOfItems(
  db: DbOrTx,
  input: { shopId: number; itemNumbers: readonly string[] },
): Promise<Map<string, ProductLinkRow>> {
  if (input.itemNumbers.length === 0) return new Map();
  const rows = await db
    .select(linkColumns)
    .from(productLinks)
    .where(and(eq(productLinks.shopId, input.shopId), inArray(productLinks.erpItemNumber, [...input.itemNumbers])));
  return new Map(rows.map((r) => [r.erpItemNumber ?? "", r]));
}

/** The link a Shopify product already has, if any (another item's, or one the merchant unlinked or ignored). */
export async function productLinkOfShopifyProduct(
  db: DbOrTx,
  input: { shopId: number; shopifyProductId: string },
): Promise<ProductLinkRow | null> {
  const [row] = await db
    .select(linkColumns)
    .from(productLinks)
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.shopifyProductId, input.shopifyProductId)));
  return row ?? null;
}

export interface VariantLinkRow {
  variantCode: string;
  shopifyVariantId: string;
  lastWrittenHash: string | null;
  price: string | null;
  compareAtPrice: string | null;
  unitCost: string | null;
  shopifyProductId: string | null;
}

/** Every Shopify variant linked to these items, by item number. */
export async function variantLinksOfItems(
  db: DbOrTx,
  input: { shopId: number; itemNumbers: readonly string[] },
): Promise<Map<string, VariantLinkRow[]>> {
  const byItem = new Map<string, VariantLinkRow[]>();
  if (input.itemNumbers.length === 0) return byItem;
  const rows = await db
    .select({
      itemNumber: variantLinks.erpItemNumber,
      variantCode: variantLinks.erpVariantCode,
      shopifyVariantId: variantLinks.shopifyVariantId,
      lastWrittenHash: variantLinks.lastWrittenHash,
      price: variantLinks.price,
      compareAtPrice: variantLinks.compareAtPrice,
      unitCost: variantLinks.unitCost,
      shopifyProductId: variantLinks.shopifyProductId,
    })
    .from(variantLinks)
    .where(and(eq(variantLinks.shopId, input.shopId), inArray(variantLinks.erpItemNumber, [...input.itemNumbers])));
  for (const { itemNumber, ...row } of rows) {
    const list = byItem.get(itemNumber) ?? [];
    list.push(row);
    byItem.set(itemNumber, list);
  }
  return byItem;
}

/**
 * Records a create about to be sent, with the handle it will be upserted by: if the answer is
 * lost, the next run sends the same productSet by handle and gets the same product back.
 * Returns the link's id.
 */
export async function savePendingProduct(
  db: DbOrTx,
  input: { shopId: number; itemNumber: string; erpItemId: string; handle: string; title: string; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(productLinks)
    .values({
      shopId: input.shopId,
      erpItemNumber: input.itemNumber,
      erpItemId: input.erpItemId,
      handle: input.handle,
      title: input.title,
      state: "pending",
      origin: "erp",
      attemptedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.erpItemNumber],
      targetWhere: sql`${productLinks.erpItemNumber} is not null`,
      set: {
        handle: input.handle,
        state: "pending",
        attemptedAt: input.now,
        updatedAt: input.now,
        reason: null,
        ...noVariantWait,
      },
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for item ${input.itemNumber}`);
  return row.id;
}

/** The product as Shopify confirmed it: linked, with what was written. Returns the link's id. */
export async function saveLinkedProduct(
  db: DbOrTx,
  input: {
    shopId: number;
    itemNumber: string;
    erpItemId: string;
    shopifyProductId: string;
    title: string;
    handle: string | null;
    origin: "erp" | "shopify";
    /** null: keep the hash stored (a link adopted without writing). */
    writtenHash: string | null;
    /** The blocked item's status the write set (null: none); absent when the product's fields were not written. */
    blockedStatusWritten?: "DRAFT" | "ARCHIVED" | null;
    now: Date;
  },
): Promise<number> {
  const written = {
    ...(input.writtenHash === null ? {} : { lastWrittenHash: input.writtenHash, lastWrittenAt: input.now }),
    ...(input.blockedStatusWritten === undefined ? {} : { blockedStatusWritten: input.blockedStatusWritten }),
  };
  const [row] = await db
    .insert(productLinks)
    .values({
      shopId: input.shopId,
      erpItemNumber: input.itemNumber,
      erpItemId: input.erpItemId,
      shopifyProductId: input.shopifyProductId,
      handle: input.handle,
      title: input.title,
      state: "linked",
      origin: input.origin,
      lastSyncedAt: input.now,
      updatedAt: input.now,
      ...written,
    })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.erpItemNumber],
      targetWhere: sql`${productLinks.erpItemNumber} is not null`,
      set: {
        shopifyProductId: input.shopifyProductId,
        erpItemId: input.erpItemId,
        title: input.title,
        ...(input.handle ? { handle: input.handle } : {}),
        state: "linked",
        reason: null,
        lastSyncedAt: input.now,
        updatedAt: input.now,
        ...noVariantWait,
        ...written,
      },
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for item ${input.itemNumber}`);
  return row.id;
}

/**
 * An item that could not be written (skipped with a reason, or failed): the Products page lists it
 * under its state. A linked product keeps its Shopify id and stays usable for orders. Returns the id.
 */
export async function saveProductProblem(
  db: DbOrTx,
  input: {
    shopId: number;
    itemNumber: string;
    erpItemId: string;
    title: string;
    state: "skipped" | "error";
    reason: string;
    now: Date;
    /** Shopify refused the create outright (userErrors): nothing was made, so a pending create ends too. */
    refusedCreate?: boolean;
  },
): Promise<number> {
  const [row] = await db
    .insert(productLinks)
    .values({
      shopId: input.shopId,
      erpItemNumber: input.itemNumber,
      erpItemId: input.erpItemId,
      title: input.title,
      state: input.state,
      origin: "erp",
      reason: input.reason,
      lastSyncedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.erpItemNumber],
      targetWhere: sql`${productLinks.erpItemNumber} is not null`,
      set: {
        // A pending create stays pending (its handle is what the retry upserts by), unless Shopify refused it.
        state: input.refusedCreate
          ? input.state
          : sql`case when ${productLinks.state} = 'pending' then 'pending' else ${input.state} end`,
        reason: input.reason,
        lastSyncedAt: input.now,
        updatedAt: input.now,
        ...noVariantWait,
      },
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for item ${input.itemNumber}`);
  return row.id;
}

/**
 * An item whose new variants wait for Shopify's daily variant limit: the reason for the Products
 * page, and since when it waits (kept when it already waited, so waiting items go out oldest
 * first). A linked or pending product keeps its state (it stays usable; a pending create keeps the
 * handle its retry upserts by); anything else is skipped. Returns the link's id.
 */
export async function saveVariantsWaiting(
  db: DbOrTx,
  input: {
    shopId: number;
    itemNumber: string;
    erpItemId: string;
    title: string;
    reason: string;
    variants: number;
    /** Since when it waits: the stored time when it already waited, else now. */
    since: Date;
    now: Date;
  },
): Promise<number> {
  const [row] = await db
    .insert(productLinks)
    .values({
      shopId: input.shopId,
      erpItemNumber: input.itemNumber,
      erpItemId: input.erpItemId,
      title: input.title,
      state: "skipped",
      origin: "erp",
      reason: input.reason,
      variantWaitSince: input.since,
      variantsWaiting: input.variants,
      lastSyncedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.erpItemNumber],
      targetWhere: sql`${productLinks.erpItemNumber} is not null`,
      set: {
        state: sql`case when ${productLinks.state} in ('linked', 'pending') then ${productLinks.state} else 'skipped' end`,
        reason: input.reason,
        variantWaitSince: sql`coalesce(${productLinks.variantWaitSince}, ${input.since.toISOString()}::timestamptz)`,
        variantsWaiting: input.variants,
        lastSyncedAt: input.now,
        updatedAt: input.now,
      },
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for item ${input.itemNumber}`);
  return row.id;
}

/** The item needs no new variants any more (unchanged, ignored, not allowed to update): it stops waiting. */
export async function clearVariantWait(db: DbOrTx, input: { shopId: number; itemNumber: string }): Promise<void> {
  await db
    .update(productLinks)
    .set(noVariantWait)
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.erpItemNumber, input.itemNumber)));
}

/** Items waiting for Shopify's daily variant limit, the longest-waiting first. */
export async function itemsWaitingForVariants(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ itemNumber: productLinks.erpItemNumber })
    .from(productLinks)
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        isNotNull(productLinks.variantWaitSince),
        isNotNull(productLinks.erpItemNumber),
      ),
    )
    .orderBy(productLinks.variantWaitSince, productLinks.id)
    .limit(input.limit);
  return rows.flatMap((r) => (r.itemNumber === null ? [] : [r.itemNumber]));
}

/** How many waiting items there are and how many new variants they need, for the run summary. */
export async function variantsWaitingTotal(db: DbOrTx, shopId: number): Promise<{ items: number; variants: number }> {
  const [row] = await db
    .select({
      items: sql<number>`count(*)::int`,
      variants: sql<number>`coalesce(sum(${productLinks.variantsWaiting}), 0)::int`,
    })
    .from(productLinks)
    .where(and(eq(productLinks.shopId, shopId), isNotNull(productLinks.variantWaitSince)));
  return { items: row?.items ?? 0, variants: row?.variants ?? 0 };
}

/** Links of a product's variants as written (product sync), keeping the price shadow "Sync prices" owns. */
export async function saveExportedVariantLinks(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyProductId: string;
    itemNumber: string;
    variants: ReadonlyArray<{
      variantCode: string;
      shopifyVariantId: string;
      sku: string;
      /** null: linked without writing (adopted); the next run compares and writes. */
      writtenHash: string | null;
      /** Prices sent with a create; absent when the write did not carry prices. */
      prices?: { price: string; compareAtPrice: string | null; unitCost: string | null };
    }>;
    now: Date;
  },
): Promise<void> {
  for (const v of input.variants) {
    const prices = v.prices
      ? {
          price: v.prices.price,
          compareAtPrice: v.prices.compareAtPrice,
          unitCost: v.prices.unitCost,
          pricesWrittenAt: input.now,
        }
      : {};
    await db
      .insert(variantLinks)
      .values({
        shopId: input.shopId,
        shopifyVariantId: v.shopifyVariantId,
        erpItemNumber: input.itemNumber,
        erpVariantCode: v.variantCode,
        source: "exported",
        shopifyProductId: input.shopifyProductId,
        sku: v.sku,
        lastWrittenHash: v.writtenHash,
        linkedAt: input.now,
        ...prices,
      })
      .onConflictDoUpdate({
        target: [variantLinks.shopId, variantLinks.shopifyVariantId],
        set: {
          erpItemNumber: input.itemNumber,
          erpVariantCode: v.variantCode,
          shopifyProductId: input.shopifyProductId,
          sku: v.sku,
          ...(v.writtenHash !== null ? { lastWrittenHash: v.writtenHash } : {}),
          ...prices,
        },
      });
  }
}

/** Item numbers of linked products after `after`, in order: a full pricing pass pages through them. */
export async function linkedItemNumbers(
  db: DbOrTx,
  input: { shopId: number; after: string | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ itemNumber: productLinks.erpItemNumber })
    .from(productLinks)
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        eq(productLinks.state, "linked"),
        input.after === null
          ? sql`${productLinks.erpItemNumber} is not null`
          : sql`${productLinks.erpItemNumber} > ${input.after}`,
      ),
    )
    .orderBy(productLinks.erpItemNumber)
    .limit(input.limit);
  return rows.flatMap((r) => (r.itemNumber === null ? [] : [r.itemNumber]));
}

/** The prices a write put on Shopify variants: the shadow the next comparison starts from. */
export async function savePriceShadows(
  db: DbOrTx,
  input: {
    shopId: number;
    variants: ReadonlyArray<{
      shopifyVariantId: string;
      price: string;
      compareAtPrice: string | null;
      unitCost: string | null;
    }>;
    now: Date;
  },
): Promise<void> {
  for (const v of input.variants) {
    await db
      .update(variantLinks)
      .set({ price: v.price, compareAtPrice: v.compareAtPrice, unitCost: v.unitCost, pricesWrittenAt: input.now })
      .where(and(eq(variantLinks.shopId, input.shopId), eq(variantLinks.shopifyVariantId, v.shopifyVariantId)));
  }
}

/** The picture written to a product: its ERP version, content hash and the media the app made (null: none). */
export async function savePictureState(
  db: DbOrTx,
  input: { shopId: number; linkId: number; version: string | null; hash: string | null; mediaId: string | null },
): Promise<void> {
  await db
    .update(productLinks)
    .set({
      pictureVersion: input.version,
      pictureHash: input.hash,
      shopifyMediaId: input.mediaId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.linkId)));
}

export interface ImportLinkRow {
  id: number;
  shopifyProductId: string;
  erpItemNumber: string | null;
  state: ProductLinkState;
  reason: string | null;
  lastSeenShopifyHash: string | null;
}

/** The links of these Shopify products (Shopify → ERP), by Shopify product id. */
export async function productLinksOfShopifyProducts(
  db: DbOrTx,
  input: { shopId: number; shopifyProductIds: readonly string[] },
): Promise<Map<string, ImportLinkRow>> {
  if (input.shopifyProductIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: productLinks.id,
      shopifyProductId: productLinks.shopifyProductId,
      erpItemNumber: productLinks.erpItemNumber,
      state: productLinks.state,
      reason: productLinks.reason,
      lastSeenShopifyHash: productLinks.lastSeenShopifyHash,
    })
    .from(productLinks)
    .where(
      and(eq(productLinks.shopId, input.shopId), inArray(productLinks.shopifyProductId, [...input.shopifyProductIds])),
    );
  return new Map(rows.map((r) => [r.shopifyProductId ?? "", { ...r, shopifyProductId: r.shopifyProductId ?? "" }]));
}

/** The ERP item and variant each of these Shopify variants is linked to, by variant id. */
export async function variantLinksOfShopifyVariants(
  db: DbOrTx,
  input: { shopId: number; shopifyVariantIds: readonly string[] },
): Promise<Map<string, { itemNumber: string; variantCode: string }>> {
  if (input.shopifyVariantIds.length === 0) return new Map();
  const rows = await db
    .select({
      shopifyVariantId: variantLinks.shopifyVariantId,
      itemNumber: variantLinks.erpItemNumber,
      variantCode: variantLinks.erpVariantCode,
    })
    .from(variantLinks)
    .where(
      and(eq(variantLinks.shopId, input.shopId), inArray(variantLinks.shopifyVariantId, [...input.shopifyVariantIds])),
    );
  return new Map(rows.map((r) => [r.shopifyVariantId, { itemNumber: r.itemNumber, variantCode: r.variantCode }]));
}

/** A Shopify product mapped to (or created as) an ERP item: linked, with the hash it was read at. Returns the id. */
export async function saveImportedProduct(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyProductId: string;
    itemNumber: string;
    erpItemId: string | null;
    title: string;
    handle: string;
    seenHash: string;
    now: Date;
  },
): Promise<number> {
  const values = {
    erpItemNumber: input.itemNumber,
    ...(input.erpItemId ? { erpItemId: input.erpItemId } : {}),
    title: input.title,
    handle: input.handle,
    state: "linked" as const,
    reason: null,
    lastSeenShopifyHash: input.seenHash,
    lastSyncedAt: input.now,
    updatedAt: input.now,
  };
  const [row] = await db
    .insert(productLinks)
    .values({ shopId: input.shopId, shopifyProductId: input.shopifyProductId, origin: "shopify", ...values })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.shopifyProductId],
      targetWhere: sql`${productLinks.shopifyProductId} is not null`,
      set: values,
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for Shopify product ${input.shopifyProductId}`);
  return row.id;
}

/**
 * A Shopify product the import could not map (unmapped, skipped with a reason, or failed): the
 * Products page lists it under its state. An existing link keeps its item. Returns the id.
 */
export async function saveImportProblem(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyProductId: string;
    title: string;
    handle: string;
    state: "unmapped" | "skipped" | "error";
    reason: string;
    /** null: read it again next time (a failure). */
    seenHash: string | null;
    now: Date;
  },
): Promise<number> {
  const values = {
    title: input.title,
    handle: input.handle,
    state: input.state,
    reason: input.reason,
    lastSeenShopifyHash: input.seenHash,
    lastSyncedAt: input.now,
    updatedAt: input.now,
  };
  const [row] = await db
    .insert(productLinks)
    .values({ shopId: input.shopId, shopifyProductId: input.shopifyProductId, origin: "shopify", ...values })
    .onConflictDoUpdate({
      target: [productLinks.shopId, productLinks.shopifyProductId],
      targetWhere: sql`${productLinks.shopifyProductId} is not null`,
      set: values,
    })
    .returning({ id: productLinks.id });
  if (!row) throw new Error(`no product link for Shopify product ${input.shopifyProductId}`);
  return row.id;
}

/** Variant links the import found (matched) or made (created in the ERP). */
export async function saveImportedVariantLinks(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyProductId: string;
    source: "matched" | "created";
    variants: ReadonlyArray<{ shopifyVariantId: string; itemNumber: string; variantCode: string; sku: string | null }>;
    now: Date;
  },
): Promise<void> {
  for (const v of input.variants) {
    const values = {
      erpItemNumber: v.itemNumber,
      erpVariantCode: v.variantCode,
      shopifyProductId: input.shopifyProductId,
      sku: v.sku,
    };
    await db
      .insert(variantLinks)
      .values({
        shopId: input.shopId,
        shopifyVariantId: v.shopifyVariantId,
        source: input.source,
        linkedAt: input.now,
        ...values,
      })
      .onConflictDoUpdate({ target: [variantLinks.shopId, variantLinks.shopifyVariantId], set: values });
  }
}

/**
 * Shopify products the import should read again whatever their `updatedAt`: the Products page
 * forgot their hash (Sync now, Map, Stop ignoring) or their last import failed. Oldest first.
 */
export async function productsAwaitingImport(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ shopifyProductId: productLinks.shopifyProductId })
    .from(productLinks)
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        isNotNull(productLinks.shopifyProductId),
        isNull(productLinks.lastSeenShopifyHash),
        inArray(productLinks.state, ["linked", "unmapped", "error", "skipped"]),
      ),
    )
    .orderBy(productLinks.updatedAt)
    .limit(input.limit);
  return rows.flatMap((r) => (r.shopifyProductId ? [r.shopifyProductId] : []));
}

/** The product was read and needs nothing: remember its hash, so it is not read again until it changes. */
export async function saveSeenShopifyHash(
  db: DbOrTx,
  input: { shopId: number; id: number; hash: string },
): Promise<void> {
  await db
    .update(productLinks)
    .set({ lastSeenShopifyHash: input.hash })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.id)));
}

/**
 * Makes the import read the product again by id (productsAwaitingImport): a variant of it was
 * mapped or created from the unmapped list, so its product can be linked now.
 */
export async function forgetSeenShopifyHash(
  db: DbOrTx,
  input: { shopId: number; shopifyProductId: string },
): Promise<void> {
  await db
    .update(productLinks)
    .set({ lastSeenShopifyHash: null, updatedAt: new Date() })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.shopifyProductId, input.shopifyProductId)));
}

/** Forgets the links of Shopify variants the product sync deleted (their ERP variants are gone). */
export async function deleteVariantLinks(
  db: DbOrTx,
  input: { shopId: number; shopifyVariantIds: readonly string[] },
): Promise<void> {
  if (input.shopifyVariantIds.length === 0) return;
  await db
    .delete(variantLinks)
    .where(
      and(eq(variantLinks.shopId, input.shopId), inArray(variantLinks.shopifyVariantId, [...input.shopifyVariantIds])),
    );
}
