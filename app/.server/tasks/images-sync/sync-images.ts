import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { catalogItem } from "../../mapping/catalog-item.ts";
import { changedItemNumbers, mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import { productLinksOfItems, savePictureState } from "../../queries/product-links.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { planPicture, planUpload } from "./plan-picture.ts";
import { pictureHash, removePicture, writePicture } from "./write-picture.ts";

export const IMAGE_FEED_STREAM = "images:erp-changes";
const PAGE = 100;
const MAX_ITEMS_PER_RUN = 500;
const MAX_PULL_PAGES = 40;

export interface ImageSyncResult {
  compared: number;
  uploaded: number;
  continued: boolean;
}

/**
 * "Sync images", ERP → Shopify (BC report 30107): an item's picture becomes its product's image.
 * The picture's version decides without a download whether anything changed; a changed version
 * is downloaded and its bytes compared with what was uploaded last, so re-saving the same picture
 * uploads nothing. A replaced picture replaces the app's media; the merchant's own images stay.
 */
export async function syncImagesFromErp(ctx: RunContext): Promise<ImageSyncResult> {
  const adapter = await ctx.erp();
  const pulled = await pullEntitiesIntoMirror(ctx, adapter, ["items"], MAX_PULL_PAGES);
  const admin = await ctx.shopify();
  const feed = ctx.cursor(IMAGE_FEED_STREAM);
  let seq = Number((await feed.read()) ?? 0);
  const result: ImageSyncResult = { compared: 0, uploaded: 0, continued: false };
  let handled = 0;
  let holdFeed = false;
  while (handled < MAX_ITEMS_PER_RUN) {
    const page = await changedItemNumbers(ctx.db, {
      shopId: ctx.shopId,
      entities: ["items"],
      afterSeq: seq,
      limit: PAGE,
    });
    if (page.itemNumbers.length === 0) break;
    const [records, links] = await Promise.all([
      mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
      productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
    ]);
    for (const itemNumber of page.itemNumbers) {
      const assembled = catalogItem(records.get(itemNumber) ?? []);
      const link = links.get(itemNumber);
      // Not in Shopify yet: the product sync creates it, and its mirror row then comes again.
      if (assembled.kind !== "item" || !link || link.state !== "linked" || !link.shopifyProductId) continue;
      // Gone from the ERP: its picture can no longer be read; the product keeps its image.
      if (assembled.catalogItem.deleted) continue;
      handled += 1;
      result.compared += 1;
      ctx.progress({ done: handled });
      const { item } = assembled.catalogItem;
      const record = { type: "product", key: link.id, label: item.displayName || itemNumber };
      const state = { version: link.pictureVersion, hash: link.pictureHash, mediaId: link.shopifyMediaId };
      const first = planPicture(item.picture?.version ?? null, state);
      if (first.kind === "unchanged") continue;
      if (ctx.dryRun) {
        ctx.record({
          ...record,
          outcome: "planned",
          reason:
            first.kind === "remove"
              ? "would remove the item's old picture"
              : "would compare and upload the item's picture",
        });
        continue;
      }
      if (!ctx.writesAllowed) {
        holdFeed = true;
        ctx.record({ ...record, outcome: "skipped", reason: "outgoing writes are off in Settings" });
        continue;
      }
      try {
        if (first.kind === "remove") {
          const refused = await removePicture(admin, first.mediaId);
          if (refused) {
            ctx.record({ ...record, outcome: "failed", reason: refused });
            continue;
          }
          await savePictureState(ctx.db, {
            shopId: ctx.shopId,
            linkId: link.id,
            version: null,
            hash: null,
            mediaId: null,
          });
          ctx.record({
            ...record,
            outcome: "updated",
            reason: "the picture was removed in the ERP: its image is gone",
          });
          continue;
        }
        const picture = await adapter.readItemPicture(assembled.catalogItem.erpId);
        if (!picture) continue;
        const hash = pictureHash(picture.bytes);
        const upload = planUpload(hash, state);
        if (upload.kind === "unchanged") {
          await savePictureState(ctx.db, {
            shopId: ctx.shopId,
            linkId: link.id,
            version: picture.version,
            hash,
            mediaId: state.mediaId,
          });
          continue;
        }
        const written = await writePicture(admin, {
          productId: link.shopifyProductId,
          picture,
          itemNumber,
          alt: item.displayName,
          replaces: upload.replaces,
        });
        if (!written.ok) {
          ctx.record({ ...record, outcome: "failed", reason: written.reason });
          continue;
        }
        await savePictureState(ctx.db, {
          shopId: ctx.shopId,
          linkId: link.id,
          version: picture.version,
          hash,
          mediaId: written.mediaId,
        });
        result.uploaded += 1;
        ctx.record({
          ...record,
          outcome: state.mediaId ? "updated" : "created",
          reason: state.mediaId ? "picture replaced" : "picture added",
        });
      } catch (error) {
        if (error instanceof ShopifyApiError && error.retryable) throw error;
        ctx.record({ ...record, outcome: "failed", reason: coerceError(error).message });
      }
    }
    seq = page.lastSeq;
    if (!holdFeed) await feed.checkpoint(String(seq));
    if (!page.more) break;
  }
  result.continued = !ctx.dryRun && (pulled.hasMore || handled >= MAX_ITEMS_PER_RUN);
  return result;
}
