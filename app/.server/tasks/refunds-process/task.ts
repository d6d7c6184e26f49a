import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { processRefunds } from "./process-refunds.ts";

/**
 * "Process refunds" (BC: the refunds of Sync Orders with Return and Refund Process): each Shopify
 * refund of an order that is in the ERP becomes an ERP credit memo, exactly once, or is kept
 * ("import only"). Writes ERP documents of orders, as processing and posting do: same category.
 */
export const refundsProcessTask = defineTask({
  name: "refunds__process",
  title: "Process refunds",
  description:
    "Imports Shopify refunds of processed orders and, per Settings → Refunds, creates an ERP credit memo (or return order) for each (restocked lines as items at the return location, the rest to the refund accounts), applied to the order's posted invoice.",
  report: "30104",
  direction: "shopify_to_erp",
  category: "order-documents",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["refunds", "process"],
      oneOf: ["import_only", "credit_memo", "return_order"],
      reason: "refunds are off in Settings (Refunds)",
    },
  },
  preview: true,
  async run(ctx) {
    const { counts, more } = await processRefunds(ctx);
    ctx.stat("refunds noted", counts.seen);
    const parts = [
      `${counts.created} ${ctx.settings.refunds.process === "return_order" ? "return order(s)" : "credit memo(s)"} created`,
      counts.imported > 0 ? `${counts.imported} imported only` : null,
      counts.waiting > 0 ? `${counts.waiting} waiting for their order` : null,
      counts.skipped > 0 ? `${counts.skipped} skipped` : null,
      counts.failed > 0 ? `${counts.failed} failed` : null,
    ].filter((p) => p !== null);
    ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
    if (more) ctx.continueLater({ reason: "more refunds are waiting" });
  },
});
