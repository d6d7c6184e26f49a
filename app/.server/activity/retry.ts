import { getDb } from "../db.ts";
import { enqueueRetry } from "../jobs/retry-paths.ts";
import { claimRetry } from "../queries/task-runs.ts";

/** The merchant's "Retry" on a failed run: queue its work again, in the same transaction. */
export async function retryFailedRun(input: { shopId: number; runId: number }): Promise<{ retried: boolean }> {
  return getDb().transaction(async (tx) => {
    const job = await claimRetry(tx, input);
    if (!job) return { retried: false };
    await enqueueRetry(tx, job);
    return { retried: true };
  });
}
