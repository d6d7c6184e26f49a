import { z } from "zod";

import { defineTask } from "../../runs/define-task.ts";
import { syncPayments } from "./sync-payments.ts";
import { type PayoutCounts, syncPayouts } from "./sync-payouts.ts";

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
    "Imports the payments (successful sales and captures) of Shopify orders and Shopify Payments payouts and, per Settings → Payments, records each payment in the ERP as a customer payment applied to the order's posted invoice, and each paid payout as a journal entry (net to the bank, fees, the gross out of the clearing account).",
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
    const admin = await ctx.shopify();
    const { counts, more } = await syncPayments(ctx, admin);
    const payouts = await syncPayouts(ctx, admin);
    ctx.stat("payments noted", counts.seen);
    ctx.stat("payouts read", payouts.counts.seen);
    const parts = [
      `${counts.recorded} payment(s) recorded`,
      counts.imported > 0 ? `${counts.imported} imported only` : null,
      counts.waiting > 0 ? `${counts.waiting} waiting for their order or invoice` : null,
      counts.skipped > 0 ? `${counts.skipped} skipped` : null,
      counts.failed > 0 ? `${counts.failed} failed` : null,
      ctx.settings.payments.payouts === "off" ? null : payoutSummary(payouts.counts),
    ].filter((p) => p !== null);
    ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
    if (more || payouts.more) ctx.continueLater({ reason: "more payments or payouts are waiting" });
  },
});

function payoutSummary(c: PayoutCounts): string {
  const parts = [
    `${c.recorded} payout(s) recorded`,
    c.imported > 0 ? `${c.imported} imported only` : null,
    c.waiting > 0 ? `${c.waiting} not paid out yet` : null,
    c.unbalanced > 0 ? `${c.unbalanced} unbalanced` : null,
    c.failed > 0 ? `${c.failed} failed` : null,
  ].filter((p) => p !== null);
  return parts.join(", ");
}
