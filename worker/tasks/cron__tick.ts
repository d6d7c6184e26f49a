import type { Task } from "graphile-worker";
import { z } from "zod";

import { getDb } from "../../app/.server/db.ts";
import { runHousekeeping } from "../../app/.server/jobs/housekeeping.ts";
import { enqueueDueEntries } from "../../app/.server/runs/tick.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";

export const payloadSchema = z.looseObject({
  _cron: z.object({ ts: z.string(), backfilled: z.boolean() }).optional(),
});

/**
 * The one-minute tick: housekeeping (old webhook receipts and runs, runs whose worker died), then
 * every due job-queue entry of every shop, enqueued in one statement. It never syncs itself.
 */
export const cronTick: Task = async (payload, helpers) => {
  const input = payloadSchema.parse(payload ?? {});
  // A backfilled tick is late: entries are due by the real clock, not the tick's slot.
  const at = input._cron && !input._cron.backfilled ? new Date(input._cron.ts) : new Date();
  const result = await runHousekeeping(getDb(), at);
  if (result.prunedInboxRows > 0) helpers.logger.info(`pruned ${result.prunedInboxRows} old webhook receipts`);
  if (result.interruptedRuns > 0) helpers.logger.info(`${result.interruptedRuns} run(s) marked interrupted`);
  const due = await enqueueDueEntries(getDb(), { tasks: taskRegistry, now: new Date(Math.max(at.getTime(), Date.now())) });
  if (due.enqueued > 0) helpers.logger.debug(`queued ${due.enqueued} scheduled run(s)`);
};
