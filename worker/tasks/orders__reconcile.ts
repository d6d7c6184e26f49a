import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { reconcileOrders } from "../../app/.server/orders/import/reconcile-orders.ts";
import { recordFailedRun } from "../../app/.server/queries/task-runs.ts";
import { ShopNotConnectedError } from "../../app/.server/shopify/admin-for-shop-id.ts";

export const payloadSchema = z.object({
  shopId: z.number().int().positive(),
  trigger: z.enum(["schedule", "manual"]).default("schedule"),
});

/** Catch up with every order changed since the shop's cursor (the webhooks' safety net). */
export const ordersReconcile: Task = async (payload, helpers) => {
  const input = payloadSchema.parse(payload);
  try {
    const result = await reconcileOrders(input.shopId);
    const written = result.outcomes.filter((o) => !o.action.startsWith("skip")).length;
    helpers.logger.debug(`shop ${input.shopId}: listed ${result.listed} orders, wrote ${written}`);
  } catch (error) {
    if (error instanceof ShopNotConnectedError) {
      helpers.logger.info(`orders of shop ${input.shopId} not reconciled: ${error.message}`);
      return;
    }
    if (helpers.job.attempts < helpers.job.max_attempts) throw error;
    await recordFailedRun(getDb(), {
      shopId: input.shopId,
      task: "orders__reconcile",
      category: "orders",
      trigger: input.trigger,
      attempts: helpers.job.attempts,
      errorMessage: error instanceof Error ? error.message : String(error),
      retryJob: { task: "orders__reconcile", payload: { shopId: input.shopId, trigger: "manual" } },
    });
  }
};
