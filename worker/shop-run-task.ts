import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../app/.server/db.ts";
import type { ShopRunTask } from "../app/.server/jobs/shop-runs.ts";
import { recordFailedRun } from "../app/.server/queries/task-runs.ts";
import { ShopNotConnectedError } from "../app/.server/shopify/admin-for-shop-id.ts";

export const shopRunPayloadSchema = z.object({
  shopId: z.number().int().positive(),
  trigger: z.enum(["schedule", "manual"]).default("schedule"),
});
export type ShopRunPayload = z.infer<typeof shopRunPayloadSchema>;

/**
 * A per-shop run as a worker task: parse the payload, run the service, log its summary. A run that
 * fails on its last attempt becomes a synchronization error on the dashboard, with a Retry.
 */
export function shopRunTask(
  task: ShopRunTask,
  category: string,
  run: (input: ShopRunPayload) => Promise<string | null>,
): Task {
  return async (payload, helpers) => {
    const input = shopRunPayloadSchema.parse(payload);
    try {
      const summary = await run(input);
      if (summary) helpers.logger.info(`shop ${input.shopId}: ${summary}`);
    } catch (error) {
      if (error instanceof ShopNotConnectedError) {
        helpers.logger.info(`${task} for shop ${input.shopId} skipped: ${error.message}`);
        return;
      }
      if (helpers.job.attempts < helpers.job.max_attempts) throw error;
      await recordFailedRun(getDb(), {
        shopId: input.shopId,
        task,
        category,
        trigger: input.trigger,
        attempts: helpers.job.attempts,
        errorMessage: error instanceof Error ? error.message : String(error),
        retryJob: { task, payload: { shopId: input.shopId, trigger: "manual" } },
      });
    }
  };
}
