import type { Task } from "graphile-worker";

import { getDb } from "../../app/.server/db.ts";
import {
  processWebhook,
  processWebhookPayloadSchema,
  recordWebhookFailure,
} from "../../app/.server/webhooks/process.ts";

export const payloadSchema = processWebhookPayloadSchema;

/** The follow-up work of one recorded webhook delivery; retried with backoff, then recorded as failed. */
export const webhookProcess: Task = async (payload, helpers) => {
  const input = payloadSchema.parse(payload);
  try {
    const outcome = await processWebhook(getDb(), input);
    helpers.logger.debug(`webhook inbox ${input.inboxId} of shop ${input.shopId}: ${outcome}`);
  } catch (error) {
    if (helpers.job.attempts < helpers.job.max_attempts) throw error;
    await recordWebhookFailure(getDb(), { ...input, attempts: helpers.job.attempts, error });
  }
};
