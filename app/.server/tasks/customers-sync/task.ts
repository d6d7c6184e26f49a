import { z } from "zod";

import { defineTask, type RunContext } from "../../runs/define-task.ts";
import { type CustomersSyncResult, syncCustomers } from "./sync-customers.ts";

function summarize(ctx: RunContext, r: CustomersSyncResult) {
  const i = r.imports;
  const e = r.exports;
  ctx.stat("customers read from Shopify", i.read);
  ctx.stat("ERP customers pulled", r.pulled);
  ctx.stat("ERP customers changed", e.changedInErp);
  if (r.waiting && i.read === 0 && e.changedInErp === 0) {
    ctx.summarize(r.waiting);
    return;
  }
  const parts = [
    `${i.read} Shopify customer(s) read${r.bulk ? " in bulk" : ""}`,
    `${i.created} created and ${i.updated} updated in the ERP, ${i.linked} linked`,
    e.changedInErp > 0 ? `${e.updated} Shopify customer(s) updated from the ERP` : null,
    i.unmapped > 0 ? `${i.unmapped} unmapped` : null,
    i.conflicts + e.conflicts > 0 ? `${i.conflicts + e.conflicts} conflict(s)` : null,
    i.skipped + e.skipped > 0 ? `${i.skipped + e.skipped} skipped` : null,
    i.failed + e.failed > 0 ? `${i.failed + e.failed} failed` : null,
    r.waiting,
  ].filter((p) => p !== null);
  ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
}

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
    summarize(ctx, result);
    if (result.continued) {
      ctx.continueLater({
        reason: result.waiting ?? "more customers are waiting",
        ...(result.continueAt ? { at: result.continueAt } : {}),
      });
    }
  },
});
