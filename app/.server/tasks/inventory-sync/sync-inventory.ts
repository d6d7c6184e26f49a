import type { ErpStockCalculation } from "../../adapters/erp/types.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { isBulkBusy } from "../../adapters/shopify/bulk-mutation.ts";
import { pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { refreshShopLocations } from "../../locations/refresh-locations.ts";
import { changedItemNumbers, mirrorHead } from "../../queries/erp-records.ts";
import {
  itemsToRecompute,
  itemsWithoutLevels,
  saveLevelReads,
  stockItemNumbers,
} from "../../queries/inventory-levels.ts";
import { syncedLocations } from "../../queries/shop-locations.ts";
import { lastSucceededRunStart } from "../../queries/task-runs.ts";
import { type RunContext, RunFailure } from "../../runs/define-task.ts";
import { shipmentsSyncTask } from "../shipments-sync/task.ts";
import { INVENTORY_STREAM, type InventoryCursor, readInventoryCursor } from "./inventory-cursor.ts";
import { readLevelsBulkResult, startLevelsBulkQuery } from "./read-levels.ts";
import type { StockLocation } from "./stock-figures.ts";
import { emptyCounts, type PageCounts, syncPage } from "./sync-page.ts";

const PAGE = 200;
const MAX_ITEMS_PER_RUN = 5_000;
const MAX_PULL_PAGES = 40;
/**
 * How long a run waits for Shopify's bulk read before it hands over to the next run (the sync), or
 * at all (the drift report, which keeps no cursor and starts its read afresh each time).
 */
const BULK_WAIT_MS = { sync: 120_000, drift: 15 * 60_000 } as const;
const BULK_SAVE_BATCH = 2_000;

export interface InventorySyncResult {
  counts: PageCounts;
  locations: number;
  /** Why nothing was planned, when nothing was. */
  waiting: string | null;
  continued: boolean;
  fullPass: boolean;
}

/** The synced locations with their calculations (the adapter's default for none or one it no longer offers). */
export function stockLocations(
  rows: Awaited<ReturnType<typeof syncedLocations>>,
  calculations: readonly ErpStockCalculation[],
): StockLocation[] {
  const fallback = calculations[0];
  if (!fallback) return [];
  return rows.map((row) => ({
    shopifyLocationId: row.shopifyLocationId,
    name: row.name,
    erpLocationCodes: row.erpLocationCodes,
    calculation: calculations.find((c) => c.id === row.stockCalculation) ?? fallback,
  }));
}

interface Pass {
  ctx: RunContext;
  admin: ShopifyAdmin;
  locations: StockLocation[];
  cursor: InventoryCursor;
  result: InventorySyncResult;
  handled: number;
  mode: "sync" | "drift";
  asOf: Date;
  shipmentsPulledSince: Date | null;
}

async function save(p: Pass): Promise<void> {
  if (p.mode === "sync" && !p.ctx.dryRun && p.ctx.writesAllowed) {
    await p.ctx.cursor(INVENTORY_STREAM).checkpoint(JSON.stringify(p.cursor));
  }
}

async function page(p: Pass, itemNumbers: readonly string[]): Promise<void> {
  await syncPage({
    ctx: p.ctx,
    admin: p.admin,
    locations: p.locations,
    itemNumbers,
    counts: p.result.counts,
    mode: p.mode,
    asOf: p.asOf,
    shipmentsPulledSince: p.shipmentsPulledSince,
  });
  p.handled += itemNumbers.length;
  p.ctx.progress({ done: p.handled });
}

/**
 * Reads every level of the store in one bulk query into the shadow (first sync, a newly mapped
 * location): no read per variant. Returns false when the run must hand over (Shopify still runs it).
 */
async function bulkRead(p: Pass, locationIds: readonly string[]): Promise<boolean> {
  if (!p.cursor.bulkId) {
    const started = await startLevelsBulkQuery(p.admin);
    if (!started.ok) {
      if (isBulkBusy(started.reason)) {
        p.result.waiting = "another bulk operation of this shop is running; the stock levels are read after it";
        return false;
      }
      throw new RunFailure(`Shopify did not start the bulk read of stock levels: ${started.reason}`);
    }
    p.cursor.bulkId = started.id;
    await save(p);
  }
  const read = await readLevelsBulkResult(p.admin, {
    operationId: p.cursor.bulkId,
    locationIds: new Set(locationIds),
    waitMs: BULK_WAIT_MS[p.mode],
    batchSize: BULK_SAVE_BATCH,
    save: (reads) => saveLevelReads(p.ctx.db, p.ctx.shopId, reads),
  });
  if (read.state === "running") {
    p.result.waiting = "Shopify is still reading the stock levels in bulk";
    return false;
  }
  p.cursor.bulkId = null;
  if (read.state === "failed") {
    await save(p);
    throw new RunFailure(read.reason);
  }
  p.ctx.stat("levels read in bulk", read.levels);
  p.cursor.readLocations = [...locationIds];
  return true;
}

/** Every linked item, from where a pass stopped, up to `budget` items; true when the pass is through. */
async function fullPass(p: Pass, budget = MAX_ITEMS_PER_RUN): Promise<boolean> {
  p.result.fullPass = true;
  let after = p.cursor.fullAfter || null;
  for (;;) {
    const itemNumbers = await stockItemNumbers(p.ctx.db, { shopId: p.ctx.shopId, after, limit: PAGE });
    if (itemNumbers.length === 0) {
      p.cursor.seq = p.cursor.fullSeq;
      p.cursor.fullAfter = null;
      await save(p);
      return true;
    }
    await page(p, itemNumbers);
    after = itemNumbers.at(-1) ?? null;
    p.cursor.fullAfter = after ?? "";
    await save(p);
    if (p.handled >= budget) return false;
  }
}

/** The ERP's stock and item changes since the cursor, then levels waiting apart from it. */
async function feed(p: Pass): Promise<boolean> {
  const { ctx } = p;
  while (p.handled < MAX_ITEMS_PER_RUN) {
    const changed = await changedItemNumbers(ctx.db, {
      shopId: ctx.shopId,
      entities: ["stockByLocation", "items"],
      afterSeq: p.cursor.seq,
      limit: PAGE,
    });
    if (changed.itemNumbers.length > 0) await page(p, changed.itemNumbers);
    p.cursor.seq = changed.lastSeq || p.cursor.seq;
    await save(p);
    if (!changed.more) break;
  }
  // Levels marked for another look (fix now, a failed write, an order that changed state) and newly
  // linked variants. In a preview nothing is cleared, so one look each is enough.
  for (const next of [itemsToRecompute, itemsWithoutLevels]) {
    if (p.handled >= MAX_ITEMS_PER_RUN) break;
    const itemNumbers = await next(ctx.db, { shopId: ctx.shopId, limit: PAGE });
    if (itemNumbers.length > 0) await page(p, itemNumbers);
  }
  return p.handled < MAX_ITEMS_PER_RUN;
}

/**
 * "Sync inventory" (BC report 30102): the ERP's stock per location onto the Shopify levels of linked
 * variants, sending only levels whose target differs from the shadow (ADR 020). The drift report
 * runs the same planning over every item after a bulk read and notes the differences instead.
 */
export async function syncInventory(ctx: RunContext, mode: "sync" | "drift" = "sync"): Promise<InventorySyncResult> {
  const result: InventorySyncResult = {
    counts: emptyCounts(),
    locations: 0,
    waiting: null,
    continued: false,
    fullPass: false,
  };
  const adapter = await ctx.erp();
  const capabilities = await adapter.capabilities();
  const admin = await ctx.shopify();
  await refreshShopLocations(ctx.db, { admin, shopId: ctx.shopId, now: ctx.clock.now() });
  const locations = stockLocations(await syncedLocations(ctx.db, ctx.shopId), capabilities.stockCalculations);
  result.locations = locations.length;
  if (locations.length === 0) {
    result.waiting = "no Shopify location is mapped to ERP locations (Locations page)";
    return result;
  }
  const asOf = ctx.clock.now();
  const pulled = await pullEntitiesIntoMirror(
    ctx,
    adapter,
    ["items", "itemVariants", "stockByLocation"],
    MAX_PULL_PAGES,
  );
  const stream = ctx.cursor(INVENTORY_STREAM);
  const cursor = readInventoryCursor(await stream.read());
  const shipmentsPulledSince = await lastSucceededRunStart(ctx.db, {
    shopId: ctx.shopId,
    task: shipmentsSyncTask.name,
  });
  const p: Pass = { ctx, admin, locations, cursor, result, handled: 0, mode, asOf, shipmentsPulledSince };
  if (!cursor.stockPulled) {
    if (pulled.hasMore) {
      result.waiting = `the ERP's stock is still being read (${pulled.pulled} records this run)`;
      result.continued = !ctx.dryRun;
      return result;
    }
    cursor.stockPulled = true;
    await save(p);
  }

  if (mode === "drift") {
    if (!ctx.writesAllowed) {
      // Shopify runs a bulk read through a mutation, which the kill switch refuses.
      result.waiting = "outgoing writes are off in Settings, and Shopify runs a bulk read as a mutation";
      return result;
    }
    // Shopify's figures as they are now, then every item compared, with no page budget.
    cursor.bulkId = null;
    if (
      !(await bulkRead(
        p,
        locations.map((l) => l.shopifyLocationId),
      ))
    ) {
      return result;
    }
    cursor.fullAfter = "";
    await fullPass(p, Number.POSITIVE_INFINITY);
    return result;
  }

  const locationIds = locations.map((l) => l.shopifyLocationId);
  const unread = locationIds.filter((id) => !cursor.readLocations.includes(id));
  if (unread.length > 0) {
    // A preview or a run with writes off reads per variant (a bulk query is a mutation, refused then).
    if (!ctx.dryRun && ctx.writesAllowed && !(await bulkRead(p, locationIds))) {
      result.continued = true;
      await save(p);
      return result;
    }
  }
  const mapping = JSON.stringify(locations.map((l) => [l.shopifyLocationId, l.erpLocationCodes, l.calculation.id]));
  if (unread.length > 0 || mapping !== cursor.mapping) {
    // Every item's targets may have moved: one full pass, then the feed from where it started.
    cursor.mapping = mapping;
    if (cursor.fullAfter === null) {
      cursor.fullAfter = "";
      cursor.fullSeq = await mirrorHead(ctx.db, ctx.shopId);
    }
    await save(p);
  }
  if (cursor.fullAfter !== null && !(await fullPass(p))) {
    result.continued = !ctx.dryRun;
    return result;
  }
  const through = await feed(p);
  result.continued = !ctx.dryRun && (!through || pulled.hasMore);
  return result;
}
