import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { summarizeTwoWaySync } from "../customers-sync/summarize-sync.ts";
import { syncCompanies } from "./sync-companies.ts";

/** "Sync companies" (BC report 30114): Shopify B2B companies ↔ ERP customers of type company. */
export const companiesSyncTask = defineTask({
  name: "companies__sync",
  title: "Sync companies",
  description:
    "Imports Shopify B2B companies (with their locations) as ERP customers of type company, mapped by the shop's strategy or created from the company template when allowed, and keeps linked companies in step in the direction Settings allows.",
  report: "30114",
  direction: "both",
  // Writes ERP customers, as "Sync customers" does: the two never run at once for a shop.
  category: "customers",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 25 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["companies", "import"],
      oneOf: ["with_order", "all"],
      reason: "no companies are imported (Settings → Companies → Company import is None)",
    },
  },
  preview: true,
  async run(ctx) {
    const result = await syncCompanies(ctx);
    summarizeTwoWaySync(ctx, result, { plural: "companies" });
    if (result.continued) {
      ctx.continueLater({
        reason: result.waiting ?? "more companies are waiting",
        ...(result.continueAt ? { at: result.continueAt } : {}),
      });
    }
  },
});
