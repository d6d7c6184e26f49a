import type { Task } from "graphile-worker";
import { z } from "zod";

import { processOrderJob } from "../../app/.server/orders/process/enqueue-processing.ts";
import { processOrder, RetryProcessingError } from "../../app/.server/orders/process/process-order.ts";

export const payloadSchema = z.object({
  shopId: z.number().int().positive(),
  orderId: z.number().int().positive(),
});

/**
 * One order → its ERP document. Retryable ERP failures throw (after the order shows the error),
 * so graphile-worker retries with backoff; everything else is recorded on the order. When the ERP
 * says when to come back (its request budget is spent, a Retry-After), the job is queued again for
 * exactly then instead: backoff retries before that moment would only fail again.
 */
export const ordersProcess: Task = async (payload, helpers) => {
  const { shopId, orderId } = payloadSchema.parse(payload);
  try {
    const outcome = await processOrder(shopId, orderId);
    if (outcome.kind === "error") helpers.logger.info(`order ${orderId} of shop ${shopId}: ${outcome.message}`);
  } catch (error) {
    const retryAfterMs = error instanceof RetryProcessingError ? error.erpError.retryAfterMs : undefined;
    if (retryAfterMs === undefined) throw error;
    const job = processOrderJob(shopId, orderId);
    await helpers.addJob(job.task, job.payload, {
      jobKey: job.jobKey,
      runAt: new Date(Date.now() + retryAfterMs + 250),
    });
  }
};
