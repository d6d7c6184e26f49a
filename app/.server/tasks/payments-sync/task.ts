import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncPayments } from "./sync-payments.ts";

/**
 * "Sync payments" (BC: Sync Payments, report 30105, and Suggest Payments, 30118): each successful
 * sale or capture of a processed order becomes an ERP customer payment applied to the order's
 * posted invoice, exactly once, or is kept ("import only"). Writes ERP payments only: its own
 * category, so it never waits behind order processing or a long catalog run.
 */
export const paymentsSyncTask = defineTask({
  name: "payments__sync",
  title: "Sync payments",
  description:
    "Imports the payments (successful sales and captures) of Shopify orders and, per Settings → Payments, records each in the ERP as a customer payment applied to the order's posted invoice, with the payment method the gateway and card brand map to.",
  report: "30105",
  direction: "shopify_to_erp",
  category: "payments",
  payload: z.looseObject({ shopId: z.number().int().positive() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  requires: {
    erp: true,
    setting: {
      path: ["payments", "process"],
      oneOf: ["import_only", "record"],
      reason: "payments are off in Settings (Payments)",
    },
  },
  preview: true,
  async run(ctx) {
    const { counts, more } = await syncPayments(ctx);
    ctx.stat("payments noted", counts.seen);
    const parts = [
      `${counts.recorded} payment(s) recorded`,
      counts.imported > 0 ? `${counts.imported} imported only` : null,
      counts.waiting > 0 ? `${counts.waiting} waiting for their order or invoice` : null,
      counts.skipped > 0 ? `${counts.skipped} skipped` : null,
      counts.failed > 0 ? `${counts.failed} failed` : null,
    ].filter((p) => p !== null);
    ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
    if (more) ctx.continueLater({ reason: "more payments are waiting" });
  },
});
