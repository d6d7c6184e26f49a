import { getDb } from "../../db.ts";
import { listDrift } from "../../queries/inventory-drift.ts";
import { markLevelsForRecompute } from "../../queries/inventory-levels.ts";
import { enqueueRun } from "../../runs/enqueue-run.ts";
import { inventorySyncTask } from "../inventory-sync/task.ts";

export type DriftFix = "all" | { inventoryItemId: string; locationId: string };

/**
 * "Fix now" on the drift report: the level (or every drifted one) is planned again by a stock sync
 * queued at once, which sends the ERP's figure with a compare-and-set against what the report read.
 * Returns how many levels were marked (0: nothing of that kind is drifting any more).
 */
export async function fixDrift(shopId: number, fix: DriftFix): Promise<number> {
  return getDb().transaction(async (tx) => {
    const marked = await markLevelsForRecompute(tx, { shopId, levels: fix === "all" ? "drifted" : [fix] });
    if (marked > 0) await enqueueRun(tx, inventorySyncTask, { shopId, trigger: "manual" });
    return marked;
  });
}

/** The drift report's rows for its page. */
export function loadDriftReport(shopId: number, page: { limit: number; offset: number }) {
  return listDrift(getDb(), { shopId, ...page });
}
