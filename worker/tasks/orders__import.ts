import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { importOrders,type ImportOutcome } from "../../app/.server/orders/import/import-orders.ts";
import { enqueueImportEntries, MAX_IMPORT_ATTEMPTS } from "../../app/.server/orders/import/job-keys.ts";
import { recordFailedRun } from "../../app/.server/queries/task-runs.ts";
import { ShopNotConnectedError } from "../../app/.server/shopify/admin-for-shop-id.ts";

/**
 * An array: each order webhook adds one entry under the shop's job key, and graphile-worker
 * concatenates array payloads, so one run imports the whole burst (duplicates included).
 */
export const payloadSchema = z
  .array(
    z.object({
      shopId: z.number().int().positive(),
      orderId: z.string().startsWith("gid://shopify/Order/"),
      attempt: z.number().int().positive().optional(),
    }),
  )
  .min(1);

/**
 * Import the orders Shopify announced; the order ids are deduplicated, each read back in full.
 * Orders that fail are queued again with a growing delay (never by failing the job, see
 * enqueueImportEntries); after MAX_IMPORT_ATTEMPTS they are a synchronization error with Retry.
 */
export const ordersImport: Task = async (payload, helpers) => {
  const attempts = new Map<number, Map<string, number>>();
  for (const { shopId, orderId, attempt = 1 } of payloadSchema.parse(payload)) {
    const ofShop = attempts.get(shopId) ?? new Map<string, number>();
    ofShop.set(orderId, Math.max(attempt, ofShop.get(orderId) ?? 0));
    attempts.set(shopId, ofShop);
  }

  for (const [shopId, ofShop] of attempts) {
    const orderIds = [...ofShop.keys()];
    let outcomes: ImportOutcome[];
    try {
      outcomes = await importOrders(shopId, orderIds);
    } catch (error) {
      if (error instanceof ShopNotConnectedError) {
        helpers.logger.info(`orders of shop ${shopId} not imported: ${error.message}`);
        continue; // uninstalled meanwhile: nothing to retry
      }
      outcomes = orderIds.map((shopifyOrderId) => ({ shopifyOrderId, action: "failed", error }));
    }
    const failed = outcomes.filter((o) => o.action === "failed");
    helpers.logger.debug(`shop ${shopId}: imported ${outcomes.length - failed.length} of ${outcomes.length} orders`);
    if (failed.length === 0) continue;

    const again = failed.filter((o) => (ofShop.get(o.shopifyOrderId) ?? 1) < MAX_IMPORT_ATTEMPTS);
    if (again.length > 0) {
      const next = Math.min(...again.map((o) => ofShop.get(o.shopifyOrderId) ?? 1)) + 1;
      await enqueueImportEntries(getDb(), {
        entries: again.map((o) => ({
          shopId,
          orderId: o.shopifyOrderId,
          attempt: (ofShop.get(o.shopifyOrderId) ?? 1) + 1,
        })),
        // 2 s, 4 s, … 64 s: a THROTTLED burst or a Shopify hiccup clears well within the attempts.
        runAt: new Date(Date.now() + Math.min(64, 2 ** (next - 1)) * 1000),
      });
      helpers.logger.warn(
        `shop ${shopId}: ${again.length} order(s) not imported yet, queued again: ${describe(again)}`,
      );
    }
    const exhausted = failed.filter((o) => (ofShop.get(o.shopifyOrderId) ?? 1) >= MAX_IMPORT_ATTEMPTS);
    if (exhausted.length === 0) continue;
    await recordFailedRun(getDb(), {
      shopId,
      task: "orders__import",
      category: "orders",
      trigger: "webhook",
      attempts: MAX_IMPORT_ATTEMPTS,
      errorMessage: `orders not imported:\n${describe(exhausted)}`,
      retryJob: { task: "orders__import", payload: exhausted.map((o) => ({ shopId, orderId: o.shopifyOrderId })) },
    });
  }
};

function describe(outcomes: ImportOutcome[]): string {
  return outcomes
    .map((o) => `${o.shopifyOrderId}: ${o.error instanceof Error ? o.error.message : String(o.error)}`)
    .join("\n");
}
