import { type MirroredEntity, pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { shopToday } from "../../catalog/shop-today.ts";
import { sweepMirror } from "../../catalog/sweep-mirror.ts";
import { changedItemNumbers } from "../../queries/erp-records.ts";
import { itemsWaitingForVariants, variantsWaitingTotal } from "../../queries/product-links.ts";
import { getShopDisplay } from "../../queries/shop-display.ts";
import { getShopName } from "../../queries/shops.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { type ExportEnv, exportItems, type ExportTally } from "./export-items.ts";
import { OWN_VARIANT_CREATIONS_STREAM, variantBudget } from "./variant-allowance.ts";

/** The change feed of the mirror this task reads, and how far it got. */
export const PRODUCT_FEED_STREAM = "products:erp-changes";
/** ERP pages per entity per run, and items per run: a first sync of a big catalog spreads over runs. */
const MAX_PULL_PAGES = 40;
const MAX_ITEMS_PER_RUN = 1_000;
/** Mirror rows per feed page (an item with five variants is six rows). */
const FEED_PAGE = 1_000;
/** Key pages (5,000 ids each) a run's deletion sweep reads at most. */
const MAX_SWEEP_PAGES = 20;
/** Items waiting for Shopify's daily variant limit planned again per run, oldest first. */
const WAITING_PER_RUN = 250;

export interface ProductSyncResult {
  pulled: number;
  changedInErp: number;
  handled: number;
  continued: boolean;
  /** New variants of items waiting for Shopify's daily variant limit, after the run. */
  variantsWaiting: number;
}

/**
 * "Sync products", ERP → Shopify (BC report 30108, To Shopify). Two phases, like Acumatica's
 * prepare/process: pull the ERP's changed items, variants, barcodes and prices into the mirror
 * (the adapter's cursors, with their overlap), then plan and write each item whose mirrored
 * records changed since this task last got to them. An item whose plan matches what was last
 * written sends nothing. Kill switch: items are recorded as skipped and the feed is not moved,
 * so they go out once writes are allowed again. Stores over 50,000 variants get 1,000 new ones a
 * day (not Plus): creates beyond the day's allowance are skipped and wait on their product link,
 * planned again first on later runs (ADR 019); the feed goes on without them.
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
  // Once a day: records gone from the ERP come up on the feed (removed-item action, deleted variants).
  const sweep = await sweepMirror(ctx, adapter, { entities, today, maxPages: MAX_SWEEP_PAGES });
  const writeCtx = { db: ctx.db, admin, settings: ctx.settings, shopId: ctx.shopId, now: () => ctx.clock.now() };
  const env: ExportEnv = {
    ctx,
    adapter,
    admin,
    writeCtx,
    shopName: shopName ?? display.domain,
    today,
    budget: variantBudget({
      admin,
      cursor: ctx.cursor(OWN_VARIANT_CREATIONS_STREAM),
      now: () => ctx.clock.now(),
      timeZone: display.timeZone,
    }),
  };
  const tally: ExportTally = { handled: 0, feedUnfinished: false, seen: new Set() };
  // Items waiting for Shopify's daily variant limit go first, oldest first, when the day has room:
  // they are apart from the feed, which moved on past them, so they never hold it.
  if (!ctx.dryRun && ctx.writesAllowed) {
    const waiting = await itemsWaitingForVariants(ctx.db, { shopId: ctx.shopId, limit: WAITING_PER_RUN });
    if (waiting.length > 0 && (await env.budget.hasRoom())) {
      await exportItems(env, waiting, tally);
      await env.budget.save();
    }
  }
  tally.feedUnfinished = false;
  const feed = ctx.cursor(PRODUCT_FEED_STREAM);
  let seq = Number((await feed.read()) ?? 0);
  while (tally.handled < MAX_ITEMS_PER_RUN) {
    const page = await changedItemNumbers(ctx.db, { shopId: ctx.shopId, entities, afterSeq: seq, limit: FEED_PAGE });
    if (page.itemNumbers.length === 0) break;
    await exportItems(env, page.itemNumbers, tally);
    await env.budget.save();
    seq = page.lastSeq;
    if (!tally.feedUnfinished) await feed.checkpoint(String(seq));
    if (!page.more) break;
  }
  const handled = tally.handled;
  const waiting = ctx.dryRun ? { items: 0, variants: 0 } : await variantsWaitingTotal(ctx.db, ctx.shopId);
  const moreItems = handled >= MAX_ITEMS_PER_RUN;
  return {
    pulled,
    changedInErp,
    handled,
    continued: !ctx.dryRun && (pullUnfinished || moreItems || sweep.hasMore),
    variantsWaiting: waiting.variants,
  };
}
