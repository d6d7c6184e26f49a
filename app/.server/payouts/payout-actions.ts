import { getDb } from "../db.ts";
import { retryPayout } from "../queries/shopify-payouts.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { paymentsSyncTask } from "../tasks/payments-sync/task.ts";

export type PayoutActionResult = { ok: true; message: string } | { ok: false; message: string };

/** Retry a payout in error or unbalanced: Sync payments reads it and its transactions again (queued now). */
export async function retryPayoutOf(shopId: number, payoutId: number): Promise<PayoutActionResult> {
  return getDb().transaction(async (tx) => {
    const retried = await retryPayout(tx, { shopId, id: payoutId });
    if (!retried) return { ok: false, message: "That payout is not in error or unbalanced." };
    await enqueueRun(tx, paymentsSyncTask, { shopId, trigger: "manual" });
    return { ok: true, message: "Payout queued again" };
  });
}

/** "Sync payments now": payments and payouts, in the background. */
export async function requestPaymentsSync(shopId: number): Promise<void> {
  await enqueueRun(getDb(), paymentsSyncTask, { shopId, trigger: "manual" });
}
