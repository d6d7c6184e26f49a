import type { DbOrTx } from "../db.ts";
import { enqueueJob } from "./enqueue.ts";

/** Per-shop runs of one category: the queue makes them serial, the key coalesces waiting ones. */
const RUN_CATEGORIES = {
  shipments__sync: "shipments",
  documents__post: "posting",
} as const;

export type ShopRunTask = keyof typeof RUN_CATEGORIES;

export const shopRunQueue = (task: ShopRunTask, shopId: number) => `${RUN_CATEGORIES[task]}:${shopId}`;
export const shopRunJobKey = (task: ShopRunTask, shopId: number) => `${task}:${shopId}`;

/**
 * Queue a shop's run of a task. One runs at a time per shop and category (tasks of a category
 * never overlap), and the schedule, a "now" button and a run that left work over share one
 * waiting job: `preserve_run_at` keeps the earliest time asked for.
 */
export async function enqueueShopRun(
  db: DbOrTx,
  input: { task: ShopRunTask; shopId: number; trigger: "schedule" | "manual"; runAt?: Date },
): Promise<void> {
  await enqueueJob(db, {
    task: input.task,
    payload: { shopId: input.shopId, trigger: input.trigger },
    queueName: shopRunQueue(input.task, input.shopId),
    jobKey: shopRunJobKey(input.task, input.shopId),
    jobKeyMode: "preserve_run_at",
    ...(input.runAt ? { runAt: input.runAt } : {}),
    maxAttempts: 3,
  });
}
