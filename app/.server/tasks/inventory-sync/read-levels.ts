import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { readBulkResults, waitForBulkOperation } from "../../adapters/shopify/bulk-mutation.ts";
import {
  BULK_LEVELS_QUERY,
  BULK_QUERY_RUN,
  INVENTORY_OF_VARIANTS_QUERY,
} from "../../adapters/shopify/inventory-queries.ts";
import type { LevelRead } from "../../queries/inventory-levels.ts";

const quantities = z.array(z.object({ name: z.string(), quantity: z.number().int() }));

function quantityOf(list: z.infer<typeof quantities>, name: string): number | null {
  return list.find((q) => q.name === name)?.quantity ?? null;
}

const levelNode = z.object({
  location: z.object({ id: z.string() }),
  quantities,
  updatedAt: z.string().nullable().optional(),
});

/** Variants read per call: about 550 requested points with 20 levels each (INVENTORY_OF_VARIANTS_QUERY). */
export const VARIANTS_PER_READ = 25;

const variantNode = z.object({
  id: z.string(),
  inventoryItem: z.object({
    id: z.string(),
    tracked: z.boolean(),
    inventoryLevels: z.object({ nodes: z.array(levelNode) }),
  }),
});

/** One variant's reads at the synced locations: a level where it is stocked, "not stocked" elsewhere. */
function variantReads(
  variant: { id: string; inventoryItemId: string; tracked: boolean },
  levels: ReadonlyArray<z.infer<typeof levelNode>>,
  locationIds: ReadonlySet<string>,
): LevelRead[] {
  const reads: LevelRead[] = [];
  const seen = new Set<string>();
  for (const level of levels) {
    if (!locationIds.has(level.location.id)) continue;
    seen.add(level.location.id);
    reads.push(levelRead(variant, level));
  }
  for (const locationId of locationIds) {
    if (!seen.has(locationId)) reads.push(notStocked(variant, locationId));
  }
  return reads;
}

function levelRead(
  variant: { id: string; inventoryItemId: string; tracked: boolean },
  level: z.infer<typeof levelNode>,
): LevelRead {
  return {
    inventoryItemId: variant.inventoryItemId,
    locationId: level.location.id,
    variantId: variant.id,
    tracked: variant.tracked,
    stocked: true,
    available: quantityOf(level.quantities, "available"),
    onHand: quantityOf(level.quantities, "on_hand"),
    shopifyUpdatedAt: level.updatedAt ? new Date(level.updatedAt) : null,
  };
}

function notStocked(variant: { id: string; inventoryItemId: string; tracked: boolean }, locationId: string): LevelRead {
  return {
    inventoryItemId: variant.inventoryItemId,
    locationId,
    variantId: variant.id,
    tracked: variant.tracked,
    stocked: false,
    available: null,
    onHand: null,
    shopifyUpdatedAt: null,
  };
}

/**
 * The levels of these variants at the synced locations, VARIANTS_PER_READ a call. A variant Shopify
 * no longer has is left out (its link is the product sync's business).
 */
export async function readVariantLevels(
  admin: ShopifyAdmin,
  input: { variantIds: readonly string[]; locationIds: ReadonlySet<string> },
): Promise<LevelRead[]> {
  const reads: LevelRead[] = [];
  for (let i = 0; i < input.variantIds.length; i += VARIANTS_PER_READ) {
    const ids = input.variantIds.slice(i, i + VARIANTS_PER_READ);
    const data = await runOperation(admin, INVENTORY_OF_VARIANTS_QUERY, { ids: [...ids] });
    for (const node of data.nodes) {
      const parsed = variantNode.safeParse(node);
      if (!parsed.success) continue;
      const v = parsed.data;
      reads.push(
        ...variantReads(
          { id: v.id, inventoryItemId: v.inventoryItem.id, tracked: v.inventoryItem.tracked },
          v.inventoryItem.inventoryLevels.nodes,
          input.locationIds,
        ),
      );
    }
  }
  return reads;
}

const bulkVariantLine = z.object({
  id: z.string(),
  inventoryItem: z.object({ id: z.string(), tracked: z.boolean() }).nullable(),
});
const bulkLevelLine = levelNode.extend({ item: z.object({ id: z.string() }), __parentId: z.string().optional() });

export type BulkLevelsResult =
  | { state: "done"; variants: number; levels: number }
  | { state: "running"; operationId: string }
  | { state: "failed"; reason: string };

/**
 * Starts the bulk query of every variant's levels, or picks up the one `operationId` names (a run
 * that stopped while Shopify was still running it). One bulk query runs at a time per shop.
 */
export async function startLevelsBulkQuery(
  admin: ShopifyAdmin,
): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
  const { bulkOperationRunQuery } = await runOperation(admin, BULK_QUERY_RUN, { query: BULK_LEVELS_QUERY });
  const refused = bulkOperationRunQuery?.userErrors ?? [];
  if (refused.length > 0 || !bulkOperationRunQuery?.bulkOperation) {
    return { ok: false, reason: refused.map((e) => e.message).join("; ") || "no bulk operation started" };
  }
  return { ok: true, id: bulkOperationRunQuery.bulkOperation.id };
}

/**
 * Waits for the bulk query and streams its JSONL into `save`, `batchSize` reads at a time, holding
 * only the variant being read (its levels follow it in the file): memory stays flat whatever the
 * catalog's size. A level Shopify lists apart from its variant is still saved (it names its item,
 * and its `__parentId` the variant).
 */
export async function readLevelsBulkResult(
  admin: ShopifyAdmin,
  input: {
    operationId: string;
    locationIds: ReadonlySet<string>;
    waitMs: number;
    batchSize: number;
    save: (reads: LevelRead[]) => Promise<void>;
  },
): Promise<BulkLevelsResult> {
  const state = await waitForBulkOperation(admin, input.operationId, { timeoutMs: input.waitMs });
  if (state === null) return { state: "running", operationId: input.operationId };
  if (state.status !== "COMPLETED") {
    return {
      state: "failed",
      reason: `the bulk read of stock levels ended ${state.status}${state.errorCode ? ` (${state.errorCode})` : ""}`,
    };
  }
  let variants = 0;
  let levels = 0;
  let batch: LevelRead[] = [];
  let current: { id: string; inventoryItemId: string; tracked: boolean; seen: Set<string> } | null = null;
  const closeVariant = () => {
    if (!current) return;
    for (const locationId of input.locationIds) {
      if (!current.seen.has(locationId)) batch.push(notStocked(current, locationId));
    }
    current = null;
  };
  const flush = async (force: boolean) => {
    if (batch.length === 0 || (!force && batch.length < input.batchSize)) return;
    const out = batch;
    batch = [];
    await input.save(out);
  };
  // An empty store has no result file.
  if (state.url) {
    for await (const line of readBulkResults(state.url)) {
      if (typeof line.__parentId !== "string") {
        const variant = bulkVariantLine.safeParse(line);
        if (!variant.success || !variant.data.inventoryItem) continue;
        closeVariant();
        variants++;
        current = {
          id: variant.data.id,
          inventoryItemId: variant.data.inventoryItem.id,
          tracked: variant.data.inventoryItem.tracked,
          seen: new Set(),
        };
      } else {
        const level = bulkLevelLine.safeParse(line);
        if (!level.success || !input.locationIds.has(level.data.location.id)) continue;
        levels++;
        const parentId = level.data.__parentId ?? "";
        const parent =
          current &&
          (current.id === parentId ||
            current.inventoryItemId === parentId ||
            current.inventoryItemId === level.data.item.id)
            ? current
            : null;
        if (parent) parent.seen.add(level.data.location.id);
        else if (!parentId.startsWith("gid://shopify/ProductVariant/")) continue;
        batch.push(
          levelRead(
            { id: parent?.id ?? parentId, inventoryItemId: level.data.item.id, tracked: parent?.tracked ?? true },
            level.data,
          ),
        );
      }
      await flush(false);
    }
  }
  closeVariant();
  await flush(true);
  return { state: "done", variants, levels };
}
