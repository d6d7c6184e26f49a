import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { importOrders } from "../../app/.server/orders/import/import-orders.ts";
import { recordFailedRun } from "../../app/.server/queries/task-runs.ts";
import { ShopNotConnectedError } from "../../app/.server/shopify/admin-for-shop-id.ts";

/**
 * An array: each order webhook adds one entry under the shop's job key, and graphile-worker
 * concatenates array payloads, so one run imports the whole burst (duplicates included).
 */
export const payloadSchema = z
  .array(z.object({ shopId: z.number().int().positive(), orderId: z.string().startsWith("gid://shopify/Order/") }))
  .min(1);

/** Import the orders Shopify announced; the order ids are deduplicated, each read back in full. */
export const ordersImport: Task = async (payload, helpers) => {
  const entries = payloadSchema.parse(payload);
  const byShop = new Map<number, string[]>();
  for (const { shopId, orderId } of entries) byShop.set(shopId, [...(byShop.get(shopId) ?? []), orderId]);

  for (const [shopId, orderIds] of byShop) {
    let outcomes;
    try {
      outcomes = await importOrders(shopId, orderIds);
    } catch (error) {
      if (error instanceof ShopNotConnectedError) {
        helpers.logger.info(`orders of shop ${shopId} not imported: ${error.message}`);
        continue; // uninstalled meanwhile: nothing to retry
      }
      throw error;
    }
    const failed = outcomes.filter((o) => o.action === "failed");
    helpers.logger.debug(`shop ${shopId}: imported ${outcomes.length - failed.length} of ${outcomes.length} orders`);
    if (failed.length === 0) continue;
    const message = failed.map((o) => `${o.shopifyOrderId}: ${errorMessage(o.error)}`).join("\n");
    // Retrying repeats the whole batch, which is safe: the orders already stored are skipped as unchanged.
    if (helpers.job.attempts < helpers.job.max_attempts) throw new Error(message);
    await recordFailedRun(getDb(), {
      shopId,
      task: "orders__import",
      category: "orders",
      trigger: "webhook",
      attempts: helpers.job.attempts,
      errorMessage: `orders not imported:\n${message}`,
      retryJob: {
        task: "orders__import",
        payload: failed.map((o) => ({ shopId, orderId: o.shopifyOrderId })),
      },
    });
  }
};

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
