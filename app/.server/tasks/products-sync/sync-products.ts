import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { type MirroredEntity, pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { shopToday } from "../../catalog/shop-today.ts";
import { variantPrices } from "../../catalog/variant-prices.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { type CatalogItem, catalogItem } from "../../mapping/catalog-item.ts";
import { changedItemNumbers, mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import {
  productLinkOfShopifyProduct,
  productLinksOfItems,
  saveProductProblem,
  variantLinksOfItems,
} from "../../queries/product-links.ts";
import { getShopDisplay } from "../../queries/shop-display.ts";
import { getShopName } from "../../queries/shops.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { describeExportPlan } from "./describe-export-plan.ts";
import { indexSkus, matchSkus, type SkuIndex, takenHandles } from "./find-by-sku.ts";
import { mapItemToProduct, type PlannedProduct, type VariantPrice } from "./map-item-to-product.ts";
import { planProductExport, type ShopifySkuMatch } from "./plan-product-export.ts";
import { SYNCHRONOUS_VARIANT_LIMIT, type WriteContext, writeProduct, type WriteResult } from "./write-product.ts";
import { BULK_CREATE_THRESHOLD, type BulkCreate, createProductsInBulk } from "./write-products-bulk.ts";

/** The change feed of the mirror this task reads, and how far it got. */
export const PRODUCT_FEED_STREAM = "products:erp-changes";
/** ERP pages per entity per run, and items per run: a first sync of a big catalog spreads over runs. */
const MAX_PULL_PAGES = 40;
const MAX_ITEMS_PER_RUN = 1_000;
/** Mirror rows per feed page (an item with five variants is six rows). */
const FEED_PAGE = 1_000;

/**
 * The Shopify product already carrying an item's SKUs, unless the app knows it as something else:
 * another item's product, or one the merchant unlinked or ignored (adopting it again would undo
 * their decision).
 */
async function matchBySku(ctx: RunContext, index: SkuIndex, product: PlannedProduct): Promise<ShopifySkuMatch> {
  const match = matchSkus(
    index,
    product.variants.map((v) => v.sku),
  );
  if (match.kind !== "product") return match;
  const known = await productLinkOfShopifyProduct(ctx.db, { shopId: ctx.shopId, shopifyProductId: match.productId });
  if (known === null || known.erpItemNumber === product.itemNumber) return match;
  const why =
    known.state === "ignored"
      ? "is ignored on the Products page"
      : known.erpItemNumber === null
        ? "was unlinked by the merchant: map it on its product page"
        : `is item ${known.erpItemNumber}'s`;
  return { kind: "taken", productId: match.productId, why };
}

type PageCreate = BulkCreate & { key: string | number; title: string; resumed: boolean };

/** A page's creates: one bulk mutation from the threshold on, one productSet each below it. */
async function writeCreates(ctx: RunContext, writeCtx: WriteContext, creates: readonly PageCreate[]): Promise<void> {
  const record = (create: PageCreate, result: WriteResult) => {
    const reason = "reason" in result ? result.reason : result.note;
    ctx.record({
      type: "product",
      key: result.linkId,
      label: create.title,
      outcome: result.outcome,
      ...(reason ? { reason } : {}),
    });
  };
  // New products only (a pending one's handle is its own): a handle some other product uses is refused.
  const fresh = creates.filter((c) => !c.resumed).map((c) => c.handle);
  const taken = fresh.length > 0 ? await takenHandles(writeCtx.admin, fresh) : new Set<string>();
  const free = creates.filter((c) => c.resumed || !taken.has(c.handle));
  for (const create of creates.filter((c) => !c.resumed && taken.has(c.handle))) {
    const reason = `a Shopify product without the item's SKUs already uses the handle ${create.handle}: give it the SKUs to link it, or change its handle`;
    const linkId = await saveProductProblem(ctx.db, {
      shopId: ctx.shopId,
      itemNumber: create.product.itemNumber,
      erpItemId: create.product.erpItemId,
      title: create.title,
      state: "skipped",
      reason,
      now: ctx.clock.now(),
    });
    ctx.record({ type: "product", key: linkId, label: create.title, outcome: "skipped", reason });
  }
  await writeFreeCreates(ctx, writeCtx, free, record);
}

async function writeFreeCreates(
  ctx: RunContext,
  writeCtx: WriteContext,
  creates: ReadonlyArray<PageCreate>,
  record: (create: PageCreate, result: WriteResult) => void,
): Promise<void> {
  if (creates.length >= BULK_CREATE_THRESHOLD) {
    const results = await createProductsInBulk(writeCtx, creates);
    creates.forEach((create, i) => record(create, results[i]!));
    ctx.stat("bulk creates", creates.length);
    return;
  }
  for (const create of creates) {
    try {
      const result = await writeProduct(writeCtx, create.product, {
        kind: "create",
        handle: create.handle,
        resumed: create.resumed,
      });
      if (result) record(create, result);
    } catch (error) {
      if (error instanceof ShopifyApiError && error.retryable) throw error;
      ctx.record({
        type: "item",
        key: create.key,
        label: create.title,
        outcome: "failed",
        reason: coerceError(error).message,
      });
    }
  }
}

/** The prices a deleted item's variants were last sent with (any price when never sent: it is not created). */
function lastSentPrices(
  item: CatalogItem,
  links: ReadonlyArray<{
    variantCode: string;
    price: string | null;
    compareAtPrice: string | null;
    unitCost: string | null;
  }>,
): Map<string, VariantPrice> {
  const byCode = new Map(links.map((l) => [l.variantCode, l]));
  const codes = item.variants.length === 0 ? [""] : item.variants.map((v) => v.code);
  return new Map(
    codes.map((code) => {
      const link = byCode.get(code);
      return [
        code,
        { price: link?.price ?? "0", compareAtPrice: link?.compareAtPrice ?? null, unitCost: link?.unitCost ?? null },
      ];
    }),
  );
}

export interface ProductSyncResult {
  pulled: number;
  changedInErp: number;
  handled: number;
  continued: boolean;
}

/**
 * "Sync products", ERP → Shopify (BC report 30108, To Shopify). Two phases, like Acumatica's
 * prepare/process: pull the ERP's changed items, variants, barcodes and prices into the mirror
 * (the adapter's cursors, with their overlap), then plan and write each item whose mirrored
 * records changed since this task last got to them. An item whose plan matches what was last
 * written sends nothing. Kill switch: items are recorded as skipped and the feed is not moved,
 * so they go out once writes are allowed again.
 */
export async function syncProductsFromErp(ctx: RunContext): Promise<ProductSyncResult> {
  const adapter = await ctx.erp();
  const capabilities = await adapter.capabilities();
  const entities: MirroredEntity[] = ["items", "itemVariants"];
  if (capabilities.barcodes) entities.push("barcodes");
  const pull = await pullEntitiesIntoMirror(ctx, adapter, entities, MAX_PULL_PAGES);
  const { pulled, changed: changedInErp } = pull;
  const pullUnfinished = pull.hasMore;

  const admin = await ctx.shopify();
  const [display, shopName] = await Promise.all([getShopDisplay(ctx.db, ctx.shopId), getShopName(ctx.db, ctx.shopId)]);
  const today = shopToday(ctx.clock.now(), display.timeZone);
  const writeCtx = { db: ctx.db, admin, settings: ctx.settings, shopId: ctx.shopId, now: () => ctx.clock.now() };
  const feed = ctx.cursor(PRODUCT_FEED_STREAM);
  let seq = Number((await feed.read()) ?? 0);
  let handled = 0;
  let feedUnfinished = false;
  while (handled < MAX_ITEMS_PER_RUN) {
    const page = await changedItemNumbers(ctx.db, { shopId: ctx.shopId, entities, afterSeq: seq, limit: FEED_PAGE });
    if (page.itemNumbers.length === 0) break;
    const [records, links, variantLinks] = await Promise.all([
      mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
      productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
      variantLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: page.itemNumbers }),
    ]);
    const assembledItems = new Map(page.itemNumbers.map((n) => [n, catalogItem(records.get(n) ?? [])]));
    const assembled = [...assembledItems.values()].flatMap((a) => (a.kind === "item" ? [a.catalogItem] : []));
    const prices = await variantPrices(
      adapter,
      ctx.settings,
      today,
      assembled.filter((item) => !item.deleted),
    );
    // Gone from the ERP, so not priceable there: what was last sent stands (nothing is created from it).
    for (const item of assembled.filter((i) => i.deleted)) {
      prices.set(item.item.number, lastSentPrices(item, variantLinks.get(item.item.number) ?? []));
    }
    const mappings = new Map(
      assembled.map((item) => [
        item.item.number,
        mapItemToProduct(item, {
          settings: ctx.settings,
          shopName: shopName ?? display.domain,
          prices: prices.get(item.item.number) ?? new Map(),
        }),
      ]),
    );
    // One search for the SKUs of every item of the page that has no Shopify product yet.
    const unlinkedSkus = [...mappings].flatMap(([number, mapping]) =>
      mapping.kind === "product" && !links.get(number)?.shopifyProductId
        ? mapping.product.variants.map((v) => v.sku)
        : [],
    );
    const skuIndex = unlinkedSkus.length > 0 ? await indexSkus(admin, unlinkedSkus) : new Map();
    const creates: PageCreate[] = [];
    for (const itemNumber of page.itemNumbers) {
      const assembled = assembledItems.get(itemNumber) ?? { kind: "no-item" as const };
      // Variants or prices whose item has not come yet: the item's own change brings them along.
      if (assembled.kind === "no-item") continue;
      handled += 1;
      ctx.progress({ done: handled });
      const label = itemNumber;
      if (assembled.kind === "invalid") {
        ctx.record({ type: "item", key: itemNumber, label, outcome: "skipped", reason: assembled.reason });
        continue;
      }
      const mapping = mappings.get(itemNumber) ?? { kind: "skip" as const, reason: "the item could not be read" };
      const link = links.get(itemNumber) ?? null;
      const product = mapping.kind === "product" ? mapping.product : null;
      const plan =
        product === null
          ? { kind: "skip" as const, reason: mapping.kind === "skip" ? mapping.reason : "" }
          : planProductExport({
              product,
              link,
              variantLinks: variantLinks.get(itemNumber) ?? [],
              match: link?.shopifyProductId ? { kind: "none" } : await matchBySku(ctx, skuIndex, product),
              canUpdateShopify: ctx.settings.products.canUpdateShopify,
            });
      const title = product?.title ?? assembled.catalogItem.item.displayName;
      const key = link?.id ?? itemNumber;
      if (ctx.dryRun) {
        ctx.record({
          type: link ? "product" : "item",
          key,
          label: title,
          outcome: plan.kind === "unchanged" ? "unchanged" : "planned",
          reason: describeExportPlan(plan),
        });
        continue;
      }
      if (plan.kind === "unchanged") {
        ctx.record({ type: link ? "product" : "item", key, label: title, outcome: "unchanged", reason: plan.reason });
        continue;
      }
      if (!ctx.writesAllowed && plan.kind !== "skip") {
        feedUnfinished = true;
        ctx.record({
          type: link ? "product" : "item",
          key,
          label: title,
          outcome: "skipped",
          reason: "outgoing writes are off in Settings",
        });
        continue;
      }
      if (product === null) {
        // Bad ERP data: recorded on the product list with its reason; the run goes on.
        const linkId = await saveProductProblem(ctx.db, {
          shopId: ctx.shopId,
          itemNumber,
          erpItemId: assembled.catalogItem.erpId,
          title,
          state: "skipped",
          reason: plan.kind === "skip" ? plan.reason : "",
          now: ctx.clock.now(),
        });
        ctx.record({
          type: "product",
          key: linkId,
          label: title,
          outcome: "skipped",
          reason: plan.kind === "skip" ? plan.reason : "",
        });
        continue;
      }
      if (plan.kind === "create" && product.variants.length <= SYNCHRONOUS_VARIANT_LIMIT) {
        // Creates wait for the end of the page: many of them go out as one bulk mutation.
        creates.push({ product, handle: plan.handle, key, title, resumed: plan.resumed });
        continue;
      }
      try {
        const result = await writeProduct(writeCtx, product, plan);
        if (result) {
          const reason = "reason" in result ? result.reason : result.note;
          ctx.record({
            type: "product",
            key: result.linkId,
            label: title,
            outcome: result.outcome,
            ...(reason ? { reason } : {}),
          });
        }
      } catch (error) {
        // Shopify down or throttled past the client's retries: the run fails and retries from this page.
        if (error instanceof ShopifyApiError && error.retryable) throw error;
        ctx.record({
          type: link ? "product" : "item",
          key,
          label: title,
          outcome: "failed",
          reason: coerceError(error).message,
        });
      }
    }
    await writeCreates(ctx, writeCtx, creates);
    seq = page.lastSeq;
    if (!feedUnfinished) await feed.checkpoint(String(seq));
    if (!page.more) break;
  }
  const moreItems = handled >= MAX_ITEMS_PER_RUN;
  return { pulled, changedInErp, handled, continued: !ctx.dryRun && (pullUnfinished || moreItems) };
}
