import type { Task } from "graphile-worker";
import { z } from "zod";

import { processOrder } from "../../app/.server/orders/process/process-order.ts";

export const payloadSchema = z.object({
  shopId: z.number().int().positive(),
  orderId: z.number().int().positive(),
});

/**
 * One order → its ERP document. Retryable ERP failures throw (after the order shows the error),
 * so graphile-worker retries with backoff; everything else is recorded on the order.
 */
export const ordersProcess: Task = async (payload, helpers) => {
  const { shopId, orderId } = payloadSchema.parse(payload);
  const outcome = await processOrder(shopId, orderId);
  if (outcome.kind === "error") helpers.logger.info(`order ${orderId} of shop ${shopId}: ${outcome.message}`);
};
