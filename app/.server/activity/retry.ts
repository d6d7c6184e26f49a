import { getDb } from "../db.ts";
import { claimRetry } from "../queries/task-runs.ts";
import { enqueueRetry } from "../runs/retry.ts";

/** The merchant's "Retry" on a failed run: queue its work again, in the same transaction. */
export async function retryFailedRun(input: { shopId: number; runId: number }): Promise<{ retried: boolean }> {
  return getDb().transaction(async (tx) => {
    const job = await claimRetry(tx, input);
    if (!job) return { retried: false };
    await enqueueRetry(tx, { ...job, shopId: input.shopId });
    return { retried: true };
  });
}
