import type { Task } from "graphile-worker";
import { z } from "zod";

import { processPendingOrders } from "../../app/.server/orders/process/process-pending.ts";

export const payloadSchema = z.object({ shopId: z.number().int().positive() });

/** The scheduled "process orders" run (and its button): fans out one orders__process job per order. */
export const ordersProcessPending: Task = async (payload, helpers) => {
  const { shopId } = payloadSchema.parse(payload);
  const { enqueued } = await processPendingOrders(shopId);
  if (enqueued > 0) helpers.logger.info(`shop ${shopId}: ${enqueued} order(s) queued for processing`);
};
