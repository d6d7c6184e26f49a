import type { Db } from "../db.ts";
import { pruneInbox } from "../queries/webhook-inbox.ts";
import { markInterruptedRuns, pruneOldRuns } from "../runs/run-records.ts";

const INBOX_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** A running run writes a heartbeat every 20 s; this long without one and no locked job, it died. */
const RUN_SILENT_MS = 2 * 60 * 1000;

/** Maintenance the minute tick runs; idempotent, cheap when there is nothing to do. */
export async function runHousekeeping(
  db: Db,
  now: Date,
): Promise<{ prunedInboxRows: number; prunedRuns: number; interruptedRuns: number }> {
  const prunedInboxRows = await pruneInbox(db, new Date(now.getTime() - INBOX_RETENTION_MS));
  const prunedRuns = await pruneOldRuns(db, { now });
  const interruptedRuns = await markInterruptedRuns(db, { silentSince: new Date(now.getTime() - RUN_SILENT_MS), now });
  return { prunedInboxRows, prunedRuns, interruptedRuns };
}
