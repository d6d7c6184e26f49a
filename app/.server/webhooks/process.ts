import { z } from "zod";

import type { Db, Tx } from "../db.ts";
import { coerceError } from "../errors/coerce-error.ts";
import { redactCustomer } from "../privacy/redact-customer.ts";
import { deleteShopData, findShopByDomain } from "../queries/shops.ts";
import { recordFailedRun } from "../queries/task-runs.ts";
import { getInboxRow, markInboxFailed, markInboxProcessed } from "../queries/webhook-inbox.ts";
import { parseShopDomain } from "../shops/shop-domain.ts";
import { enqueueOrderImport } from "../tasks/orders-sync/enqueue.ts";
import { webhookPayloadSchemas, type WebhookTopic } from "./topics.ts";

export const processWebhookPayloadSchema = z.object({
  shopId: z.number().int().positive(),
  inboxId: z.number().int().positive(),
});

export type ProcessOutcome = "processed" | "already-processed" | "gone";

/**
 * The follow-up work of a recorded delivery, run by the worker. Replay-safe: a row already
 * processed (a retried job after a crash between commit and completion) is left alone.
 */
export async function processWebhook(
  db: Db,
  input: z.infer<typeof processWebhookPayloadSchema>,
): Promise<ProcessOutcome> {
  return db.transaction(async (tx) => {
    const row = await getInboxRow(tx, { shopId: input.shopId, id: input.inboxId });
    if (!row) return "gone"; // the shop was redacted meanwhile
    if (row.status === "processed") return "already-processed";
    const topic = row.topic as WebhookTopic;
    const removedShop = await applyTopic(tx, { shopId: input.shopId, topic, payload: row.payload });
    if (!removedShop) await markInboxProcessed(tx, { shopId: input.shopId, id: row.id });
    return "processed";
  });
}

/**
 * The last attempt failed: mark the delivery failed and show it on the dashboard, instead of
 * leaving a permanently failed job that only the jobs table knows about.
 */
export async function recordWebhookFailure(
  db: Db,
  input: z.infer<typeof processWebhookPayloadSchema> & { attempts: number; error: unknown },
): Promise<void> {
  const message = coerceError(input.error).message;
  await db.transaction(async (tx) => {
    const row = await getInboxRow(tx, { shopId: input.shopId, id: input.inboxId });
    if (!row) return;
    await markInboxFailed(tx, { shopId: input.shopId, id: row.id, error: message });
    await recordFailedRun(tx, {
      shopId: input.shopId,
      task: "webhook__process",
      category: "webhooks",
      trigger: "webhook",
      attempts: input.attempts,
      errorMessage: `${row.topic} (webhook ${row.webhookId}): ${message}`,
      retryJob: { task: "webhook__process", payload: { shopId: input.shopId, inboxId: input.inboxId } },
    });
  });
}

/** Returns true when the shop's data (this inbox row included) is gone. */
async function applyTopic(tx: Tx, input: { shopId: number; topic: WebhookTopic; payload: unknown }): Promise<boolean> {
  const { shopId } = input;
  switch (input.topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled": {
      // The payload only names the order: it may be stale or arrive out of order, so the import
      // reads the order back from the Admin API (one run per shop for a whole burst).
      const order = webhookPayloadSchemas[input.topic].parse(input.payload);
      await enqueueOrderImport(tx, { shopId, orderId: order.admin_graphql_api_id, now: new Date() });
      return false;
    }
    case "customers/redact": {
      const payload = webhookPayloadSchemas["customers/redact"].parse(input.payload);
      await redactCustomer(tx, {
        shopId,
        customerId: payload.customer.id,
        email: payload.customer.email,
        phone: payload.customer.phone,
        orderIds: payload.orders_to_redact,
      });
      return false;
    }
    case "shop/redact": {
      const payload = webhookPayloadSchemas["shop/redact"].parse(input.payload);
      const domain = parseShopDomain(payload.shop_domain);
      const shop = domain ? await findShopByDomain(tx, domain) : undefined;
      if (!domain || shop?.id !== shopId) {
        throw new Error(`shop/redact for ${payload.shop_domain} arrived for another shop`);
      }
      await deleteShopData(tx, { shopId, domain });
      return true;
    }
    case "bulk_operations/finish":
      // Recorded for the bulk-operation tasks that start them; nothing waits on one yet.
      return false;
    default:
      throw new Error(`no follow-up defined for ${input.topic}`);
  }
}
