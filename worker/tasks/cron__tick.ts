import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { runHousekeeping } from "../../app/.server/jobs/housekeeping.ts";
import { enqueueDueSchedules } from "../../app/.server/jobs/schedules.ts";

export const payloadSchema = z.looseObject({
  _cron: z.object({ ts: z.string(), backfilled: z.boolean() }).optional(),
});

/**
 * The one-minute tick: ages out old webhook receipts and enqueues the per-shop schedules that are
 * due (keyed per-shop jobs; it never syncs itself).
 */
export const cronTick: Task = async (payload, helpers) => {
  const input = payloadSchema.parse(payload ?? {});
  const at = input._cron ? new Date(input._cron.ts) : new Date();
  const result = await runHousekeeping(getDb(), at);
  if (result.prunedInboxRows > 0) helpers.logger.info(`pruned ${result.prunedInboxRows} old webhook receipts`);
  const due = await enqueueDueSchedules(getDb(), at);
  if (due.reconciles > 0) helpers.logger.debug(`queued ${due.reconciles} order reconciles`);
};
