import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { postDocuments } from "./post-documents.ts";

/** "Post documents" (BC reports 296/297): batch posting of the ERP documents made from Shopify orders. */
export const documentsPostTask = defineTask({
  name: "documents__post",
  title: "Post ERP documents",
  description: "Ships and invoices (or posts) the ERP documents of orders that pass the posting filter.",
  report: "296/297",
  direction: "in_erp",
  category: "order-documents",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "hourly", minute: 0 }, onHold: true },
  requires: { erp: ["posting"] },
  preview: true,
  async run(ctx) {
    const result = await postDocuments(ctx);
    ctx.summarize(
      ctx.dryRun
        ? `Preview: ${result.handled} document(s) would be posted; nothing was written`
        : `${result.handled} document(s) in this batch`,
    );
    if (result.continued) {
      ctx.continueLater({
        ...(result.pausedUntil ? { at: result.pausedUntil, reason: "paused: the ERP's request budget is spent" } : {}),
      });
    }
  },
});
