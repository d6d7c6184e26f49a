import { z } from "zod";

import { defineTask, type RunContext } from "../../runs/define-task.ts";
import type { InventorySyncResult } from "./sync-inventory.ts";
import { syncInventory } from "./sync-inventory.ts";

/** Shared by the sync and the drift report: the two read the same settings and capabilities. */
export const inventoryRequirements = {
  erp: ["perLocationStock"],
  setting: {
    path: ["inventory", "enabled"],
    oneOf: ["true"],
    reason: "stock sync is off in Settings (Sync stock from the ERP to Shopify)",
  },
} as const;

function summarize(ctx: RunContext, result: InventorySyncResult, verb: { done: string; preview: string }) {
  const c = result.counts;
  ctx.stat("levels compared", c.levels);
  ctx.stat("levels unchanged", c.unchanged);
  ctx.stat("levels read", c.read);
  if (result.waiting) {
    ctx.summarize(`Nothing compared: ${result.waiting}`);
    return;
  }
  const counts = `${c.levels} level(s) at ${result.locations} location(s) compared${result.fullPass ? " (full pass)" : ""}`;
  ctx.summarize(
    ctx.dryRun
      ? `Preview: ${counts}; ${c.levels - c.unchanged - c.skipped - c.failed} ${verb.preview}; nothing was written`
      : `${counts}; ${c.updated} ${verb.done}, ${c.skipped} skipped, ${c.failed} failed`,
  );
}

/** "Sync inventory" (BC report 30102): stock from the ERP to Shopify per location. */
export const inventorySyncTask = defineTask({
  name: "inventory__sync",
  title: "Sync inventory",
  description:
    "Sets Shopify's stock per location to the ERP's figure (the location's stock calculation), sending only the levels that changed, with a compare-and-set so a sale made meanwhile is never lost.",
  report: "30102",
  direction: "erp_to_shopify",
  category: "inventory",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 15 }, onHold: false },
  requires: inventoryRequirements,
  preview: true,
  async run(ctx) {
    const result = await syncInventory(ctx, "sync");
    summarize(ctx, result, { done: "updated", preview: "would change" });
    if (result.continued) ctx.continueLater({ reason: result.waiting ?? "more items are waiting" });
  },
});
