import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncPrices } from "./sync-prices.ts";

/** "Sync prices" (part of BC report 30108): the ERP's prices onto the variants of linked products. */
export const pricesSyncTask = defineTask({
  name: "prices__sync",
  title: "Sync prices",
  description:
    "Writes the ERP's prices, compare-at prices and unit costs for your price context to the Shopify variants of linked products, only where they changed.",
  report: "30108",
  direction: "erp_to_shopify",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 25 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["products", "direction"],
      oneOf: ["erp_to_shopify"],
      reason: "prices come from the ERP only when products sync ERP → Shopify (Settings → Product sync)",
    },
  },
  preview: true,
  async run(ctx) {
    const result = await syncPrices(ctx);
    ctx.stat("variants compared", result.compared);
    ctx.stat("variants changed", result.changed);
    ctx.stat("mutations", result.mutations);
    ctx.summarize(
      ctx.dryRun
        ? `Preview: ${result.changed} of ${result.compared} variant price(s) would change; nothing was written`
        : `${result.changed} of ${result.compared} variant price(s) changed, in ${result.mutations} mutation(s)`,
    );
    if (result.continued) ctx.continueLater({ reason: "more items are waiting" });
  },
});
