import { z } from "zod";

import { driftCount } from "../../queries/inventory-drift.ts";
import { defineTask } from "../../runs/define-task.ts";
import { syncInventory } from "../inventory-sync/sync-inventory.ts";
import { inventoryRequirements } from "../inventory-sync/task.ts";

/**
 * "Stock drift report": Shopify's levels read in bulk and compared with the ERP's figures for every
 * synced variant and location; the differences are listed on the dashboard with a "fix now".
 * It only reads, so it has no preview; it shares the inventory category (it writes the shadow).
 */
export const inventoryDriftTask = defineTask({
  name: "inventory__drift",
  title: "Stock drift report",
  description:
    "Reads every stock level in Shopify and compares it with the ERP's figure; differences show on the Activity dashboard, each with a fix.",
  report: null,
  direction: "both",
  category: "inventory",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "daily", time: "03:30" }, onHold: false },
  requires: inventoryRequirements,
  async run(ctx) {
    const result = await syncInventory(ctx, "drift");
    if (result.waiting) {
      ctx.summarize(`Not compared: ${result.waiting}`);
      if (result.continued) ctx.continueLater({ reason: result.waiting });
      return;
    }
    const drifted = await driftCount(ctx.db, ctx.shopId);
    ctx.stat("levels compared", result.counts.levels);
    ctx.stat("levels off the ERP's figure", drifted);
    ctx.summarize(`${result.counts.levels} level(s) compared; ${drifted} differ from the ERP's figure`);
  },
});
