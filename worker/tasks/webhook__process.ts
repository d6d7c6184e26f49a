import type { Task } from "graphile-worker";

import { getDb } from "../../app/.server/db.ts";
import { processWebhook, processWebhookPayloadSchema } from "../../app/.server/webhooks/process.ts";

export const payloadSchema = processWebhookPayloadSchema;

/** The follow-up work of one recorded webhook delivery. */
export const webhookProcess: Task = async (payload, helpers) => {
  const input = payloadSchema.parse(payload);
  const outcome = await processWebhook(getDb(), input);
  helpers.logger.debug(`webhook inbox ${input.inboxId} of shop ${input.shopId}: ${outcome}`);
};
