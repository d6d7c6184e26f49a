import { z } from "zod";

import { defineTask, type RunContext } from "../../runs/define-task.ts";
import { type CompaniesSyncResult, syncCompanies } from "./sync-companies.ts";

function summarize(ctx: RunContext, r: CompaniesSyncResult) {
  const i = r.imports;
  const e = r.exports;
  ctx.stat("companies read from Shopify", i.read);
  ctx.stat("ERP customers pulled", r.pulled);
  if (r.waiting && i.read === 0 && e.changedInErp === 0) {
    ctx.summarize(r.waiting);
    return;
  }
  const parts = [
    `${i.read} Shopify compan${i.read === 1 ? "y" : "ies"} read`,
    `${i.created} created and ${i.updated} updated in the ERP, ${i.linked} linked`,
    e.updated > 0 ? `${e.updated} Shopify compan${e.updated === 1 ? "y" : "ies"} updated from the ERP` : null,
    i.unmapped > 0 ? `${i.unmapped} unmapped` : null,
    i.conflicts + e.conflicts > 0 ? `${i.conflicts + e.conflicts} conflict(s)` : null,
    i.skipped + e.skipped > 0 ? `${i.skipped + e.skipped} skipped` : null,
    i.failed + e.failed > 0 ? `${i.failed + e.failed} failed` : null,
    r.waiting,
  ].filter((p) => p !== null);
  ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
}

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
    summarize(ctx, result);
    if (result.continued) {
      ctx.continueLater({
        reason: result.waiting ?? "more companies are waiting",
        ...(result.continueAt ? { at: result.continueAt } : {}),
      });
    }
  },
});
