import { isErpError } from "../../adapters/erp/errors.ts";
import type { ErpAdapter } from "../../adapters/erp/port.ts";
import { downloadImage } from "../../adapters/shopify/download-image.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import {
  forgetImageCheck,
  type ImageImportLinkRow,
  imageLinksOfShopifyProducts,
  markImageChecked,
  productsAwaitingImageCheck,
  saveShopifyImageState,
} from "../../queries/picture-links.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { readUpdatedSinceCursor } from "../../shopify/updated-since-cursor.ts";
import { type ImageImportState, planImageImport, planPictureWrite } from "./plan-image-import.ts";
import {
  PRODUCT_IMAGES_STREAM,
  type ProductImage,
  readChangedProductImages,
  readProductImagesById,
} from "./read-product-images.ts";
import { pictureHash } from "./write-picture.ts";

/** Pages of 50 products per run; a first pass over a big catalog spreads over runs. */
const MAX_PAGES = 20;
const MAX_PULL_PAGES = 40;
/** Linked products whose image was never looked at, read by id per run. */
const MAX_CHECKS = 250;

export interface ImageImportResult {
  read: number;
  compared: number;
  written: number;
  continued: boolean;
}

/**
 * The link's ERP item id. A link to an item that already existed may not have it: the mirror
 * does, brought up to date once per run when an item is missing from it.
 */
async function erpItemIdOf(ctx: RunContext, run: Run, link: ImageImportLinkRow): Promise<string | null> {
  if (link.erpItemId) return link.erpItemId;
  const itemNumber = link.erpItemNumber;
  if (!itemNumber) return null;
  const lookUp = async () => {
    const records = await mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: [itemNumber] });
    return (records.get(itemNumber) ?? []).find((r) => r.entity === "items")?.erpId ?? null;
  };
  const found = await lookUp();
  if (found || run.mirrorPulled) return found;
  run.mirrorPulled = true;
  await pullEntitiesIntoMirror(ctx, run.adapter, ["items"], MAX_PULL_PAGES);
  return lookUp();
}

interface Run {
  adapter: ErpAdapter;
  mirrorPulled: boolean;
  /** A write the kill switch refused, or an image still processing: the cursor must stay. */
  held: boolean;
  result: ImageImportResult;
}

async function importImage(ctx: RunContext, run: Run, product: ProductImage, link: ImageImportLinkRow) {
  const record = { type: "product", key: link.id, label: product.title };
  const state: ImageImportState = {
    imageId: link.shopifyImageId,
    imageVersion: link.shopifyImageVersion,
    pictureHash: link.pictureHash,
    appMediaId: link.shopifyMediaId,
  };
  const first = planImageImport(product.image, state);
  if (first.kind === "unchanged") {
    // Looked at once: a product linked after the cursor passed it is not read by id again.
    if (!ctx.dryRun && link.shopifyImageVersion === null) {
      await markImageChecked(ctx.db, {
        shopId: ctx.shopId,
        linkId: link.id,
        version: product.image?.version ?? "none",
      });
    }
    return;
  }
  run.result.compared += 1;
  if (first.kind === "wait") {
    run.held = true;
    ctx.record({ ...record, outcome: "skipped", reason: first.reason });
    return;
  }
  const image = product.image!;
  if (ctx.dryRun) {
    ctx.record({ ...record, outcome: "planned", reason: "would compare the product's image with the item's picture" });
    return;
  }
  if (!ctx.writesAllowed) {
    run.held = true;
    ctx.record({ ...record, outcome: "skipped", reason: "outgoing writes are off in Settings" });
    return;
  }
  try {
    const itemId = await erpItemIdOf(ctx, run, link);
    if (!itemId) {
      ctx.record({ ...record, outcome: "failed", reason: `ERP item ${link.erpItemNumber ?? ""} was not found` });
      return;
    }
    const downloaded = await downloadImage(first.url);
    const hash = pictureHash(downloaded.bytes);
    const base = { shopId: ctx.shopId, linkId: link.id, imageId: image.mediaId, imageVersion: image.version };
    const idKept = link.erpItemId ? {} : { erpItemId: itemId };
    if (planPictureWrite(hash, state).kind === "unchanged") {
      await saveShopifyImageState(ctx.db, { ...base, ...idKept });
      return;
    }
    const { version } = await run.adapter.writeItemPicture(itemId, downloaded);
    // The version BC now shows is ours: the ERP → Shopify side sees it as unchanged.
    await saveShopifyImageState(ctx.db, { ...base, ...idKept, picture: { version, hash } });
    run.result.written += 1;
    ctx.record({
      ...record,
      outcome: state.imageId ? "updated" : "created",
      reason: state.imageId
        ? "the item's picture was replaced by the product's image"
        : "the product's image became the item's picture",
    });
  } catch (error) {
    if (error instanceof ShopifyApiError && error.retryable) throw error;
    if (isErpError(error) && error.retryable) throw error;
    ctx.record({ ...record, outcome: "failed", reason: coerceError(error).message });
  }
}

/** A page of products (changed, or read by id): each linked one's image to its item, once per run. */
async function importBatch(ctx: RunContext, run: Run, products: readonly ProductImage[], seen: Set<string>) {
  run.result.read += products.length;
  const links = await imageLinksOfShopifyProducts(ctx.db, {
    shopId: ctx.shopId,
    shopifyProductIds: products.map((p) => p.productId),
  });
  for (const product of products) {
    if (seen.has(product.productId)) continue;
    seen.add(product.productId);
    const link = links.get(product.productId);
    // Products not linked to an item are the products sync's to map first; once it has, the
    // image is read by id (the cursor will have passed this change).
    if (!link || link.state !== "linked" || !link.erpItemNumber) {
      if (link && link.shopifyImageVersion !== null && !ctx.dryRun) {
        await forgetImageCheck(ctx.db, { shopId: ctx.shopId, linkId: link.id });
      }
      continue;
    }
    ctx.progress({ done: run.result.read });
    await importImage(ctx, run, product, link);
  }
}

/**
 * "Sync images", Shopify → ERP (BC report 30107, From Shopify): each linked product changed since
 * the cursor gives its first image to its ERP item as the item's picture. The media and its
 * version decide without a download; the bytes' hash before a write, so an image the item
 * already has is not written again. The app's own media (the ERP's picture) never goes back.
 */
export async function syncImagesFromShopify(ctx: RunContext): Promise<ImageImportResult> {
  const run: Run = {
    adapter: await ctx.erp(),
    mirrorPulled: false,
    held: false,
    result: { read: 0, compared: 0, written: 0, continued: false },
  };
  const admin = await ctx.shopify();
  const seen = new Set<string>();

  // Linked since the cursor passed them (the products sync maps them later): read by id once.
  const awaiting = await productsAwaitingImageCheck(ctx.db, { shopId: ctx.shopId, limit: MAX_CHECKS });
  if (awaiting.length > 0) {
    const found = await readProductImagesById(admin, awaiting);
    await importBatch(ctx, run, found, seen);
    if (!ctx.dryRun) {
      const present = new Set(found.map((p) => p.productId));
      const gone = awaiting.filter((id) => !present.has(id));
      const links = await imageLinksOfShopifyProducts(ctx.db, { shopId: ctx.shopId, shopifyProductIds: gone });
      for (const link of links.values()) {
        await markImageChecked(ctx.db, { shopId: ctx.shopId, linkId: link.id, version: "gone" });
      }
    }
  }

  const store = ctx.cursor(PRODUCT_IMAGES_STREAM);
  let more = awaiting.length >= MAX_CHECKS;
  let pages = 0;
  for await (const page of readChangedProductImages(admin, await readUpdatedSinceCursor(store), {
    maxPages: MAX_PAGES,
  })) {
    pages += 1;
    await importBatch(ctx, run, page.products, seen);
    more ||= page.products.length > 0 && pages >= MAX_PAGES;
    if (!run.held && !ctx.dryRun && page.next) await store.checkpoint(JSON.stringify(page.next));
  }
  run.result.continued = !ctx.dryRun && !run.held && more;
  return run.result;
}
