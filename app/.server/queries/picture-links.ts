import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";

import { variantLinks } from "../../../db/schema/links.ts";
import { productLinks, type ProductLinkState } from "../../../db/schema/product-links.ts";
import type { DbOrTx } from "../db.ts";

/** What "Sync images" keeps per variant link: the variant's own picture as last put on it. */
export interface VariantPictureLinkRow {
  variantCode: string;
  shopifyVariantId: string;
  pictureVersion: string | null;
  pictureHash: string | null;
  shopifyMediaId: string | null;
}

/** The Shopify variants linked to these items with their picture state, by item number. */
export async function variantPictureLinksOfItems(
  db: DbOrTx,
  input: { shopId: number; itemNumbers: readonly string[] },
): Promise<Map<string, VariantPictureLinkRow[]>> {
  const byItem = new Map<string, VariantPictureLinkRow[]>();
  if (input.itemNumbers.length === 0) return byItem;
  const rows = await db
    .select({
      itemNumber: variantLinks.erpItemNumber,
      variantCode: variantLinks.erpVariantCode,
      shopifyVariantId: variantLinks.shopifyVariantId,
      pictureVersion: variantLinks.pictureVersion,
      pictureHash: variantLinks.pictureHash,
      shopifyMediaId: variantLinks.shopifyMediaId,
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

/** The picture written to a variant: its ERP version, content hash and the media the app made (null: none). */
export async function saveVariantPictureState(
  db: DbOrTx,
  input: {
    shopId: number;
    shopifyVariantId: string;
    version: string | null;
    hash: string | null;
    mediaId: string | null;
  },
): Promise<void> {
  await db
    .update(variantLinks)
    .set({ pictureVersion: input.version, pictureHash: input.hash, shopifyMediaId: input.mediaId })
    .where(and(eq(variantLinks.shopId, input.shopId), eq(variantLinks.shopifyVariantId, input.shopifyVariantId)));
}

/** Shopify → ERP: what a product link knows of the image it last wrote to its item. */
export interface ImageImportLinkRow {
  id: number;
  shopifyProductId: string;
  erpItemNumber: string | null;
  erpItemId: string | null;
  state: ProductLinkState;
  /** The ERP picture's version and bytes' hash as last synced (either way). */
  pictureVersion: string | null;
  pictureHash: string | null;
  /** The media the app itself put on the product from the ERP picture (ERP → Shopify). */
  shopifyMediaId: string | null;
  shopifyImageId: string | null;
  shopifyImageVersion: string | null;
}

/** The links of these Shopify products with their image state, by Shopify product id. */
export async function imageLinksOfShopifyProducts(
  db: DbOrTx,
  input: { shopId: number; shopifyProductIds: readonly string[] },
): Promise<Map<string, ImageImportLinkRow>> {
  if (input.shopifyProductIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: productLinks.id,
      shopifyProductId: productLinks.shopifyProductId,
      erpItemNumber: productLinks.erpItemNumber,
      erpItemId: productLinks.erpItemId,
      state: productLinks.state,
      pictureVersion: productLinks.pictureVersion,
      pictureHash: productLinks.pictureHash,
      shopifyMediaId: productLinks.shopifyMediaId,
      shopifyImageId: productLinks.shopifyImageId,
      shopifyImageVersion: productLinks.shopifyImageVersion,
    })
    .from(productLinks)
    .where(
      and(eq(productLinks.shopId, input.shopId), inArray(productLinks.shopifyProductId, [...input.shopifyProductIds])),
    );
  return new Map(rows.map((r) => [r.shopifyProductId ?? "", { ...r, shopifyProductId: r.shopifyProductId ?? "" }]));
}

/**
 * The Shopify image now known for the product. With `picture`, it was written to the item: the
 * version writeItemPicture returned and the bytes' hash, so the ERP → Shopify side sees its own
 * picture and does not send it back. The app's own media (ERP → Shopify) is kept.
 */
export async function saveShopifyImageState(
  db: DbOrTx,
  input: {
    shopId: number;
    linkId: number;
    imageId: string;
    imageVersion: string;
    picture?: { version: string; hash: string };
    /** The ERP item id, when the link did not have it yet. */
    erpItemId?: string;
  },
): Promise<void> {
  await db
    .update(productLinks)
    .set({
      shopifyImageId: input.imageId,
      shopifyImageVersion: input.imageVersion,
      ...(input.picture ? { pictureVersion: input.picture.version, pictureHash: input.picture.hash } : {}),
      ...(input.erpItemId ? { erpItemId: input.erpItemId } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.linkId)));
}

/**
 * Linked products whose image was never looked at (linked after the image cursor passed them):
 * the Shopify → ERP run reads them by id. Oldest link first.
 */
export async function productsAwaitingImageCheck(
  db: DbOrTx,
  input: { shopId: number; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ shopifyProductId: productLinks.shopifyProductId })
    .from(productLinks)
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        eq(productLinks.state, "linked"),
        isNotNull(productLinks.shopifyProductId),
        isNotNull(productLinks.erpItemNumber),
        isNull(productLinks.shopifyImageVersion),
      ),
    )
    .orderBy(asc(productLinks.id))
    .limit(input.limit);
  return rows.flatMap((r) => (r.shopifyProductId ? [r.shopifyProductId] : []));
}

/** The product's image was looked at and needs nothing (none, the app's own, unusable): not read by id again. */
export async function markImageChecked(
  db: DbOrTx,
  input: { shopId: number; linkId: number; version: string },
): Promise<void> {
  await db
    .update(productLinks)
    .set({ shopifyImageVersion: input.version })
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        eq(productLinks.id, input.linkId),
        isNull(productLinks.shopifyImageVersion),
      ),
    );
}

/** Seen changed while not linked: once linked again, the run reads its image by id. */
export async function forgetImageCheck(db: DbOrTx, input: { shopId: number; linkId: number }): Promise<void> {
  await db
    .update(productLinks)
    .set({ shopifyImageVersion: null })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.linkId)));
}
