import type { DbOrTx } from "../db.ts";
import { enqueueJob } from "./enqueue.ts";

/** The follow-up job of one recorded webhook delivery (first attempt and a merchant's Retry alike). */
export async function enqueueWebhookProcessing(db: DbOrTx, input: { shopId: number; inboxId: number }): Promise<void> {
  await enqueueJob(db, {
    task: "webhook__process",
    payload: { shopId: input.shopId, inboxId: input.inboxId },
    // One job per delivery: a Retry pressed while the job still waits does not add a second.
    jobKey: `webhook__process:${input.shopId}:${input.inboxId}`,
    maxAttempts: 10,
  });
}
