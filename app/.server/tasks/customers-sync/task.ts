import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { summarizeTwoWaySync } from "./summarize-sync.ts";
import { syncCustomers } from "./sync-customers.ts";

/** "Sync customers" (BC report 30100): Shopify customers ↔ ERP customers, per the shop's settings. */
export const customersSyncTask = defineTask({
  name: "customers__sync",
  title: "Sync customers",
  description:
    "Imports Shopify customers into the ERP (mapped by the shop's strategy, created from a template when allowed), and keeps linked customers in step in the direction Settings allows.",
  report: "30100",
  direction: "both",
  category: "customers",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 20 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["customers", "import"],
      oneOf: ["with_order", "all"],
      reason: "no customers are imported (Settings → Customers → Customer import is None)",
    },
  },
  preview: true,
  async run(ctx) {
    const result = await syncCustomers(ctx);
    summarizeTwoWaySync(ctx, result, { plural: "customers", ...(result.bulk ? { readNote: " in bulk" } : {}) });
    if (result.continued) {
      ctx.continueLater({
        reason: result.waiting ?? "more customers are waiting",
        ...(result.continueAt ? { at: result.continueAt } : {}),
      });
    }
  },
});
