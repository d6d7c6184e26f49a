import { z } from "zod";

import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { type MirroredEntity, pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { shopToday } from "../../catalog/shop-today.ts";
import { variantPrices } from "../../catalog/variant-prices.ts";
import { catalogItem } from "../../mapping/catalog-item.ts";
import { changedItemNumbers, mirrorHead, mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import {
  linkedItemNumbers,
  productLinksOfItems,
  savePriceShadows,
  variantLinksOfItems,
} from "../../queries/product-links.ts";
import { getShopDisplay } from "../../queries/shop-display.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { planPriceUpdates, type PriceUpdate } from "./plan-price-updates.ts";
import { type ProductPriceUpdate, sendPriceUpdates } from "./send-price-updates.ts";

export const PRICE_FEED_STREAM = "prices:erp-changes";
const PAGE = 200;
const MAX_ITEMS_PER_RUN = 2_000;
const MAX_PULL_PAGES = 40;

/**
 * Where the task got to: the mirror's change feed, and the day prices were last computed for. A new
 * day re-prices every linked item once (price list lines start and end on days, with no change to
 * their records), paging by item number through `fullAfter`.
 */
const cursorSchema = z.object({
  seq: z.number().int().nonnegative(),
  day: z.string().nullable(),
  fullAfter: z.string().nullable(),
});
type PriceCursor = z.infer<typeof cursorSchema>;

function readCursor(raw: string | undefined): PriceCursor {
  try {
    const parsed = cursorSchema.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable cursor starts over: a full pass, which changes only what differs.
  }
  return { seq: 0, day: null, fullAfter: null };
}

export interface PriceSyncResult {
  compared: number;
  changed: number;
  mutations: number;
  continued: boolean;
}

interface PriceContext {
  /** Writes are off, or a bulk update did not reach every product: the feed stays where it was. */
  holdFeed: boolean;
  ctx: RunContext;
  adapter: ErpAdapter;
  admin: AdminClient;
  today: string;
  result: PriceSyncResult;
}

/** One page of items: the ERP's prices against the shadows, the changes sent (per product, or in bulk). */
async function priceItems(p: PriceContext, itemNumbers: readonly string[]): Promise<void> {
  const { ctx } = p;
  const [records, links, shadows] = await Promise.all([
    mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers }),
    productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers }),
    variantLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers }),
  ]);
  const items = itemNumbers.flatMap((n) => {
    const assembled = catalogItem(records.get(n) ?? []);
    // An item gone from the ERP has no prices to read: its product keeps what it was last sent.
    return assembled.kind === "item" && !assembled.catalogItem.deleted && links.get(n)?.state === "linked"
      ? [assembled.catalogItem]
      : [];
  });
  const prices = await variantPrices(p.adapter, ctx.settings, p.today, items);
  const batch: Array<
    ProductPriceUpdate & { record: { type: string; key: string | number; label: string }; what: string }
  > = [];
  for (const item of items) {
    const link = links.get(item.item.number);
    const byProduct = new Map<string, PriceUpdate[]>();
    const itemShadows = (shadows.get(item.item.number) ?? []).filter((s) => s.shopifyProductId !== null);
    p.result.compared += itemShadows.length;
    for (const update of planPriceUpdates(itemShadows, prices.get(item.item.number) ?? new Map())) {
      const productId = itemShadows.find((s) => s.shopifyVariantId === update.shopifyVariantId)?.shopifyProductId ?? "";
      byProduct.set(productId, [...(byProduct.get(productId) ?? []), update]);
    }
    for (const [productId, updates] of byProduct) {
      p.result.changed += updates.length;
      const record = { type: "product", key: link?.id ?? item.item.number, label: item.item.displayName };
      const what = `${updates.length} variant price(s): ${updates.map((u) => `${u.variantCode || "item"} ${u.next.price}`).join(", ")}`;
      if (ctx.dryRun) ctx.record({ ...record, outcome: "planned", reason: `would update ${what}` });
      else if (!ctx.writesAllowed) {
        p.holdFeed = true;
        ctx.record({ ...record, outcome: "skipped", reason: "outgoing writes are off in Settings" });
      } else batch.push({ productId, updates, record, what });
    }
  }
  if (batch.length === 0) return;
  const sent = await sendPriceUpdates(p.admin, batch);
  p.result.mutations += sent.mutations;
  for (const [i, entry] of batch.entries()) {
    const result = sent.results[i]!;
    if (!result.ok) {
      // Not reached by an unfinished bulk operation: the next run compares again and sends what is left.
      if (result.retryLater) p.holdFeed = true;
      ctx.record({ ...entry.record, outcome: result.retryLater ? "skipped" : "failed", reason: result.reason });
      continue;
    }
    await savePriceShadows(ctx.db, {
      shopId: ctx.shopId,
      variants: entry.updates.map((u) => ({ shopifyVariantId: u.shopifyVariantId, ...u.next })),
      now: ctx.clock.now(),
    });
    ctx.record({ ...entry.record, outcome: "updated", reason: entry.what });
  }
}

/**
 * "Sync prices" (part of BC report 30108): the ERP's prices for the shop's price context onto the
 * linked Shopify variants, sending only what differs from what was last written. Items whose
 * price-relevant records changed come from the mirror's feed; once a day every linked item is
 * priced again, since a price list line can start or end without changing.
 */
export async function syncPrices(ctx: RunContext): Promise<PriceSyncResult> {
  const adapter = await ctx.erp();
  const capabilities = await adapter.capabilities();
  const entities: MirroredEntity[] = ["items"];
  if (capabilities.priceLists) entities.push("prices");
  const pullUnfinished = (await pullEntitiesIntoMirror(ctx, adapter, entities, MAX_PULL_PAGES)).hasMore;
  const display = await getShopDisplay(ctx.db, ctx.shopId);
  const today = shopToday(ctx.clock.now(), display.timeZone);
  const p: PriceContext = {
    ctx,
    adapter,
    admin: await ctx.shopify(),
    today,
    holdFeed: false,
    result: { compared: 0, changed: 0, mutations: 0, continued: false },
  };
  const stream = ctx.cursor(PRICE_FEED_STREAM);
  const cursor = readCursor(await stream.read());
  const save = async (next: PriceCursor) => {
    if (ctx.writesAllowed && !p.holdFeed) await stream.checkpoint(JSON.stringify(next));
  };
  let handled = 0;

  // A new day: every linked item once, from where the last run stopped.
  if (cursor.day !== today || cursor.fullAfter !== null) {
    const restart = cursor.day !== today;
    let after = restart ? null : cursor.fullAfter;
    // The feed up to the pass's start is covered by the pass (a resumed pass keeps its start).
    const seqAtStart = restart ? await mirrorHead(ctx.db, ctx.shopId) : cursor.seq;
    for (;;) {
      const itemNumbers = await linkedItemNumbers(ctx.db, { shopId: ctx.shopId, after, limit: PAGE });
      if (itemNumbers.length === 0) {
        await save({ seq: seqAtStart, day: today, fullAfter: null });
        cursor.seq = seqAtStart;
        break;
      }
      await priceItems(p, itemNumbers);
      handled += itemNumbers.length;
      after = itemNumbers.at(-1) ?? null;
      ctx.progress({ done: handled });
      await save({ seq: seqAtStart, day: today, fullAfter: after });
      if (handled >= MAX_ITEMS_PER_RUN) {
        p.result.continued = !ctx.dryRun;
        return p.result;
      }
    }
  }

  // The feed: items whose ERP price data changed since the last run.
  let seq = cursor.seq;
  while (handled < MAX_ITEMS_PER_RUN) {
    const page = await changedItemNumbers(ctx.db, { shopId: ctx.shopId, entities, afterSeq: seq, limit: PAGE });
    if (page.itemNumbers.length === 0) break;
    await priceItems(p, page.itemNumbers);
    handled += page.itemNumbers.length;
    ctx.progress({ done: handled });
    seq = page.lastSeq;
    await save({ seq, day: today, fullAfter: null });
    if (!page.more) break;
  }
  p.result.continued = !ctx.dryRun && (pullUnfinished || handled >= MAX_ITEMS_PER_RUN);
  return p.result;
}
