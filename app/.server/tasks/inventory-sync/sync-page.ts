import type { InventoryLevelRow } from "../../../../db/schema/inventory-levels.ts";
import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { levelKey } from "../../domain/stock-levels.ts";
import { mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import { saveDriftFindings } from "../../queries/inventory-drift.ts";
import {
  clearRecompute,
  levelsOfVariants,
  markVariantsForRecompute,
  saveLevelReads,
  saveLevelTargets,
  saveLevelWrites,
} from "../../queries/inventory-levels.ts";
import { productLinksOfItems, variantLinksOfItems } from "../../queries/product-links.ts";
import { unitsNotYetInErp, unitsShippedNotFulfilled } from "../../queries/stock-corrections.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { describeLevel, type ItemFacts, planItems, type PlannedLevel } from "./plan-items.ts";
import { planLevel } from "./plan-level.ts";
import { readVariantLevels } from "./read-levels.ts";
import type { StockLocation } from "./stock-figures.ts";
import { type LevelWriteResult, writeLevels } from "./write-levels.ts";

export interface PageCounts {
  levels: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Levels read from Shopify one variant batch at a time (not in the shadow yet, or stale). */
  read: number;
}

export const emptyCounts = (): PageCounts => ({ levels: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, read: 0 });

interface PageInput {
  ctx: RunContext;
  admin: ShopifyAdmin;
  locations: readonly StockLocation[];
  itemNumbers: readonly string[];
  counts: PageCounts;
  /** The drift report: plan and note differences, write nothing. */
  mode: "sync" | "drift";
  /** When the run started pulling the ERP's stock (see unitsNotYetInErp). */
  asOf: Date;
  /** Start of the last shipments sync that succeeded (see PageFacts.shipmentsPulledSince). */
  shipmentsPulledSince: Date | null;
}

/** Does the shadow lack what this level's plan compares with? Then the variant is read first. */
function needsRead(row: InventoryLevelRow | undefined, location: StockLocation): boolean {
  if (!row) return true;
  if (!row.tracked || !row.stocked) return false;
  return (location.calculation.feeds === "available" ? row.available : row.onHand) === null;
}

async function readInto(input: PageInput, variantIds: readonly string[]): Promise<void> {
  if (variantIds.length === 0) return;
  const reads = await readVariantLevels(input.admin, {
    variantIds,
    locationIds: new Set(input.locations.map((l) => l.shopifyLocationId)),
  });
  input.counts.read += reads.length;
  await saveLevelReads(input.ctx.db, input.ctx.shopId, reads);
}

async function shadowOf(input: PageInput, variantIds: readonly string[]): Promise<Map<string, InventoryLevelRow>> {
  const rows = await levelsOfVariants(input.ctx.db, { shopId: input.ctx.shopId, variantIds });
  return new Map(rows.map((r) => [levelKey(r.variantId, r.locationId), r]));
}

/**
 * One page of linked items: their levels planned from the mirror and the shadow (levels the shadow
 * lacks read first), then written (sync) or compared (drift), and recorded per item.
 */
export async function syncPage(input: PageInput): Promise<void> {
  const { ctx } = input;
  const { shopId, db } = ctx;
  const [records, productLinks, variantLinks] = await Promise.all([
    mirrorRecordsOfItems(db, { shopId, itemNumbers: input.itemNumbers }),
    productLinksOfItems(db, { shopId, itemNumbers: input.itemNumbers }),
    variantLinksOfItems(db, { shopId, itemNumbers: input.itemNumbers }),
  ]);
  const items: ItemFacts[] = input.itemNumbers.flatMap((itemNumber) => {
    const variants = (variantLinks.get(itemNumber) ?? []).map((v) => ({
      variantCode: v.variantCode,
      shopifyVariantId: v.shopifyVariantId,
    }));
    if (variants.length === 0) return [];
    return [
      {
        itemNumber,
        recordKey: productLinks.get(itemNumber)?.id ?? itemNumber,
        records: records.get(itemNumber) ?? [],
        variants,
      },
    ];
  });
  const variantIds = items.flatMap((i) => i.variants.map((v) => v.shopifyVariantId));
  let levels = await shadowOf(input, variantIds);
  const unread = variantIds.filter((id) =>
    input.locations.some((l) => needsRead(levels.get(levelKey(id, l.shopifyLocationId)), l)),
  );
  if (unread.length > 0) {
    await readInto(input, unread);
    levels = await shadowOf(input, variantIds);
  }
  const [notYetInErp, shippedNotFulfilled] = await Promise.all([
    unitsNotYetInErp(db, { shopId, variantIds, asOf: input.asOf }),
    unitsShippedNotFulfilled(db, { shopId, variantIds }),
  ]);
  const plan = planItems({
    locations: input.locations,
    items,
    levels,
    notYetInErp,
    shippedNotFulfilled,
    shipmentsPulledSince: input.shipmentsPulledSince,
    now: ctx.clock.now(),
  });
  const notes = new Map<string | number, { label: string; updated: string[]; skipped: string[]; failed: string[] }>();
  const note = (level: { recordKey: string | number; label: string }) => {
    const entry = notes.get(level.recordKey) ?? { label: level.label, updated: [], skipped: [], failed: [] };
    notes.set(level.recordKey, entry);
    return entry;
  };
  for (const skipped of plan.skippedItems) note(skipped).skipped.push(skipped.reason);
  input.counts.levels += plan.levels.length;

  const toWrite: PlannedLevel[] = [];
  const inStep: PlannedLevel[] = [];
  for (const level of plan.levels) {
    const p = level.plan;
    if (p.kind === "unchanged") inStep.push(level);
    else if (p.kind === "skip") note(level).skipped.push(`${level.label} at ${level.location.name}: ${p.reason}`);
    else if (p.kind === "read") {
      note(level).skipped.push(`${level.label} at ${level.location.name}: the variant is not in Shopify any more`);
    } else toWrite.push(level);
  }
  input.counts.skipped += plan.levels.filter((l) => l.plan.kind === "skip" || l.plan.kind === "read").length;
  const waiting = plan.levels.filter((l) => l.plan.kind === "skip" && l.plan.later).map((l) => l.variantId);
  input.counts.unchanged += inStep.length;

  if (input.mode === "drift") {
    await saveDrift(ctx, inStep, toWrite);
    return;
  }
  // A preview leaves the shadow's plans as they are: the real run must still find what is marked.
  if (!ctx.dryRun) {
    await saveLevelTargets(db, shopId, inStep.flatMap(targetOf));
    await clearRecompute(db, { shopId, variantIds });
    await markVariantsForRecompute(db, { shopId, variantIds: waiting });
  }

  if (ctx.dryRun) {
    for (const level of toWrite) note(level).updated.push(describePlan(level));
  } else if (!ctx.writesAllowed) {
    for (const level of toWrite) {
      note(level).skipped.push(`${describePlan(level)}: outgoing writes are off in Settings`);
    }
    input.counts.skipped += toWrite.length;
    // Planned again once writes are back on, whatever the feed says by then.
    await markVariantsForRecompute(db, { shopId, variantIds: toWrite.map((l) => l.variantId) });
  } else {
    const results = await writeLevels({
      admin: input.admin,
      referenceDocumentUri: `gid://shopify-erp-connector/SyncRun/${ctx.runId}`,
      levels: toWrite,
      replan: (stale) => replan(input, stale),
    });
    await recordWrites(input, results, note);
  }

  for (const [key, entry] of notes) {
    const record = { type: "product", key, label: entry.label };
    if (entry.failed.length > 0) ctx.record({ ...record, outcome: "failed", reason: entry.failed.join("; ") });
    if (entry.updated.length > 0) {
      ctx.record({
        ...record,
        outcome: ctx.dryRun ? "planned" : "updated",
        reason: `${ctx.dryRun ? "would set " : ""}${entry.updated.join(", ")}`,
      });
    }
    if (entry.skipped.length > 0) ctx.record({ ...record, outcome: "skipped", reason: entry.skipped.join("; ") });
  }
}

function describePlan(level: PlannedLevel): string {
  const p = level.plan;
  if (p.kind === "set") return `${level.label}: ${describeLevel(level, p.changeFrom, p.quantity)}`;
  if (p.kind === "activate") return `${level.label}: stock at ${level.location.name} with ${p.name} ${p.quantity}`;
  return level.label;
}

function targetOf(level: PlannedLevel) {
  const p = level.plan;
  if (level.inventoryItemId === null || (p.kind !== "unchanged" && p.kind !== "set" && p.kind !== "activate")) {
    return [];
  }
  return [
    {
      inventoryItemId: level.inventoryItemId,
      locationId: level.location.shopifyLocationId,
      target: p.quantity,
      name: p.name,
    },
  ];
}

async function recordWrites(
  input: PageInput,
  results: readonly LevelWriteResult[],
  note: (level: PlannedLevel) => { updated: string[]; skipped: string[]; failed: string[] },
): Promise<void> {
  const { ctx } = input;
  await saveLevelWrites(
    ctx.db,
    ctx.shopId,
    results.flatMap((r) => (r.kind === "updated" ? [r.write] : [])),
  );
  const retry: string[] = [];
  for (const r of results) {
    if (r.kind === "updated" && r.from === r.to) {
      input.counts.unchanged++;
    } else if (r.kind === "updated") {
      input.counts.updated++;
      note(r.level).updated.push(`${r.level.label}: ${describeLevel(r.level, r.from, r.to)}`);
    } else {
      if (r.kind === "failed") input.counts.failed++;
      else input.counts.skipped++;
      (r.kind === "failed" ? note(r.level).failed : note(r.level).skipped).push(
        `${r.level.label} at ${r.level.location.name}: ${r.reason}`,
      );
      retry.push(r.level.variantId);
    }
  }
  // Failed and unfinished levels are planned again on the next run, not only when the ERP changes.
  await markVariantsForRecompute(ctx.db, { shopId: ctx.shopId, variantIds: retry });
}

/** After a stale compare: the variants read again, their levels planned again from the same figures. */
async function replan(input: PageInput, stale: readonly PlannedLevel[]): Promise<PlannedLevel[]> {
  const variantIds = [...new Set(stale.map((l) => l.variantId))];
  await readInto(input, variantIds);
  const levels = await shadowOf(input, variantIds);
  return stale.map((level) => {
    const row = levels.get(levelKey(level.variantId, level.location.shopifyLocationId));
    const facts = {
      ...level.facts,
      tracked: row ? row.tracked : null,
      stocked: row?.stocked ?? false,
      shadow: { available: row?.available ?? null, onHand: row?.onHand ?? null },
    };
    return { ...level, inventoryItemId: row?.inventoryItemId ?? level.inventoryItemId, facts, plan: planLevel(facts) };
  });
}

/** The drift report: levels off target keep both figures; levels in step lose theirs. */
async function saveDrift(
  ctx: RunContext,
  inStep: readonly PlannedLevel[],
  off: readonly PlannedLevel[],
): Promise<void> {
  await saveDriftFindings(ctx.db, {
    shopId: ctx.shopId,
    now: ctx.clock.now(),
    inStep: inStep.flatMap((l) =>
      l.inventoryItemId ? [{ inventoryItemId: l.inventoryItemId, locationId: l.location.shopifyLocationId }] : [],
    ),
    drifted: off.flatMap((l) => {
      const p = l.plan;
      if (!l.inventoryItemId || (p.kind !== "set" && p.kind !== "activate")) return [];
      return [
        {
          inventoryItemId: l.inventoryItemId,
          locationId: l.location.shopifyLocationId,
          shopify: p.kind === "set" ? p.changeFrom : null,
          target: p.quantity,
        },
      ];
    }),
  });
}
