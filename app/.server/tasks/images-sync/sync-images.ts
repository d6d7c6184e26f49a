import { z } from "zod";

import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { VARIANTS_MEDIA_QUERY } from "../../adapters/shopify/media-queries.ts";
import { type MirroredEntity, pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { type CatalogItem, catalogItem } from "../../mapping/catalog-item.ts";
import { changedItemNumbers, mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import {
  saveVariantPictureState,
  type VariantPictureLinkRow,
  variantPictureLinksOfItems,
} from "../../queries/picture-links.ts";
import { type ProductLinkRow, productLinksOfItems, savePictureState } from "../../queries/product-links.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { type PictureOutcome, type PictureTarget, syncOnePicture } from "./sync-one-picture.ts";

export const IMAGE_FEED_STREAM = "images:erp-changes";
const PAGE = 100;
const MAX_ITEMS_PER_RUN = 500;
const MAX_PULL_PAGES = 40;

export interface ImageSyncResult {
  compared: number;
  uploaded: number;
  continued: boolean;
}

// The trust boundary: which media each variant shows now.
const variantsMediaSchema = z.object({
  nodes: z.array(
    z
      .object({
        id: z.string().optional(),
        media: z.object({ nodes: z.array(z.object({ id: z.string() })) }).optional(),
      })
      .nullable(),
  ),
});

/** The media a variant shows now, read once per item and only when one of its variants uploads. */
function shownMedia(admin: AdminClient, variantIds: readonly string[]) {
  let read: Promise<Map<string, string | null>> | null = null;
  return async (variantId: string): Promise<string | null> => {
    read ??= runOperation(admin, VARIANTS_MEDIA_QUERY, { ids: [...variantIds] }).then((data) => {
      const shown = new Map<string, string | null>();
      for (const node of variantsMediaSchema.parse(data).nodes) {
        if (node?.id) shown.set(node.id, node.media?.nodes[0]?.id ?? null);
      }
      return shown;
    });
    return (await read).get(variantId) ?? null;
  };
}

/** The item's own picture onto its product, then each linked variant's own picture onto that variant. */
function pictureTargets(
  ctx: RunContext,
  input: {
    admin: AdminClient;
    adapter: ErpAdapter;
    catalog: CatalogItem;
    link: ProductLinkRow & { shopifyProductId: string };
    variantLinks: readonly VariantPictureLinkRow[];
    variantPictures: boolean;
  },
): PictureTarget[] {
  const { catalog, link, adapter } = input;
  const { item } = catalog;
  const label = item.displayName || item.number;
  const targets: PictureTarget[] = [
    {
      record: { type: "product", key: link.id, label },
      erpVersion: item.picture?.version ?? null,
      state: {
        version: link.pictureVersion,
        hash: link.pictureHash,
        mediaId: link.shopifyMediaId,
        sourceImageId: link.shopifyImageId,
      },
      productId: link.shopifyProductId,
      name: item.number,
      alt: item.displayName,
      read: () => adapter.readItemPicture(catalog.erpId),
      save: (state) => savePictureState(ctx.db, { shopId: ctx.shopId, linkId: link.id, ...state }),
    },
  ];
  if (!input.variantPictures) return targets;
  const byCode = new Map(input.variantLinks.map((v) => [v.variantCode, v]));
  const variants = catalog.variants.flatMap((variant) => {
    const variantLink = byCode.get(variant.code);
    // A variant only the item's own record names (no record of its own yet) carries no picture to compare.
    return variant.code !== "" && variantLink && variant.erpId ? [{ variant, variantLink, erpId: variant.erpId }] : [];
  });
  const shown = shownMedia(
    input.admin,
    variants.map((v) => v.variantLink.shopifyVariantId),
  );
  for (const { variant, variantLink, erpId } of variants) {
    const variantId = variantLink.shopifyVariantId;
    targets.push({
      record: { type: "product", key: link.id, label: `${label} / ${variant.code}` },
      erpVersion: variant.picture?.version ?? null,
      state: {
        version: variantLink.pictureVersion,
        hash: variantLink.pictureHash,
        mediaId: variantLink.shopifyMediaId,
      },
      productId: link.shopifyProductId,
      variantId,
      name: `${item.number}-${variant.code}`,
      alt: variant.description || label,
      read: () => adapter.readItemPicture(catalog.erpId, erpId),
      save: (state) => saveVariantPictureState(ctx.db, { shopId: ctx.shopId, shopifyVariantId: variantId, ...state }),
      shownMediaId: () => shown(variantId),
    });
  }
  return targets;
}

/**
 * "Sync images", ERP → Shopify (BC report 30107): an item's picture becomes its product's image,
 * and, where the ERP has them (`variantPictures`), a variant's own picture becomes that variant's
 * image. The picture's version decides without a download whether anything changed; a changed
 * version is downloaded and its bytes compared with what was uploaded last, so re-saving the same
 * picture uploads nothing. A replaced picture replaces the app's media; the merchant's own stay.
 */
export async function syncImagesFromErp(ctx: RunContext): Promise<ImageSyncResult> {
  const adapter = await ctx.erp();
  const { variantPictures } = await adapter.capabilities();
  // A variant's picture changes its own record (BC modifies the variant), not the item's.
  const entities: MirroredEntity[] = variantPictures ? ["items", "itemVariants"] : ["items"];
  const pulled = await pullEntitiesIntoMirror(ctx, adapter, entities, MAX_PULL_PAGES);
  const admin = await ctx.shopify();
  const feed = ctx.cursor(IMAGE_FEED_STREAM);
  let seq = Number((await feed.read()) ?? 0);
  const result: ImageSyncResult = { compared: 0, uploaded: 0, continued: false };
  let handled = 0;
  let holdFeed = false;
  while (handled < MAX_ITEMS_PER_RUN) {
    const page = await changedItemNumbers(ctx.db, { shopId: ctx.shopId, entities, afterSeq: seq, limit: PAGE });
    if (page.itemNumbers.length === 0) break;
    const [records, links, variantLinks] = await Promise.all([
      mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
      productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
      variantPictures
        ? variantPictureLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers })
        : new Map<string, VariantPictureLinkRow[]>(),
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
      const targets = pictureTargets(ctx, {
        admin,
        adapter,
        catalog: assembled.catalogItem,
        link: { ...link, shopifyProductId: link.shopifyProductId },
        variantLinks: variantLinks.get(itemNumber) ?? [],
        variantPictures,
      });
      for (const target of targets) {
        const outcome: PictureOutcome = await syncOnePicture(ctx, admin, target);
        if (outcome === "uploaded") result.uploaded += 1;
        if (outcome === "held") holdFeed = true;
      }
    }
    seq = page.lastSeq;
    if (!holdFeed) await feed.checkpoint(String(seq));
    if (!page.more) break;
  }
  result.continued = !ctx.dryRun && (pulled.hasMore || handled >= MAX_ITEMS_PER_RUN);
  return result;
}
