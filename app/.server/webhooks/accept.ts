import { getDb } from "../db.ts";
import { enqueueWebhookProcessing } from "../jobs/webhook-jobs.ts";
import { ensureShop } from "../queries/shops.ts";
import { insertInboxRow, markInboxProcessed } from "../queries/webhook-inbox.ts";
import { applyInline, inlineTopics } from "./inline-effects.ts";
import { webhookPayloadSchemas, type WebhookTopic } from "./topics.ts";
import type { VerifiedDelivery } from "./verify.ts";

export type AcceptResult =
  { status: 200; outcome: "accepted" | "replay"; inboxId?: number } | { status: 400; reason: string };

/**
 * Record a verified delivery and queue its follow-up work in one transaction, then answer.
 * A replay (same webhook id) changes nothing; a payload we cannot read changes nothing.
 */
export async function acceptWebhook(delivery: VerifiedDelivery, expectedTopic: WebhookTopic): Promise<AcceptResult> {
  if (delivery.topic !== expectedTopic) {
    return { status: 400, reason: `topic ${delivery.topic} was sent to the ${expectedTopic} endpoint` };
  }
  let body: unknown;
  try {
    body = JSON.parse(delivery.rawBody);
  } catch {
    return { status: 400, reason: "body is not JSON" };
  }
  const parsed = webhookPayloadSchemas[expectedTopic].safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(body)").join(", ");
    return { status: 400, reason: `payload does not match ${expectedTopic}: ${fields}` };
  }

  return getDb().transaction(async (tx) => {
    const shopId = await ensureShop(tx, delivery.shop);
    const inboxId = await insertInboxRow(tx, {
      shopId,
      webhookId: delivery.webhookId,
      eventId: delivery.eventId,
      topic: expectedTopic,
      apiVersion: delivery.apiVersion,
      triggeredAt: delivery.triggeredAt,
      payload: parsed.data,
    });
    if (inboxId === undefined) return { status: 200, outcome: "replay" } as const;

    if (inlineTopics.has(expectedTopic)) {
      // Cheap and urgent (sessions must go at once on uninstall): done before we answer.
      await applyInline(tx, { shopId, delivery, topic: expectedTopic, payload: parsed.data });
      await markInboxProcessed(tx, { shopId, id: inboxId });
    } else {
      await enqueueWebhookProcessing(tx, { shopId, inboxId });
    }
    return { status: 200, outcome: "accepted", inboxId } as const;
  });
}
