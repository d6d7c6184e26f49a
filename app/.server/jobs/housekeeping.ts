import type { Db } from "../db.ts";
import { pruneInbox } from "../queries/webhook-inbox.ts";

const INBOX_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Maintenance the minute tick runs; idempotent, cheap when there is nothing to do. */
export async function runHousekeeping(db: Db, now: Date): Promise<{ prunedInboxRows: number }> {
  const prunedInboxRows = await pruneInbox(db, new Date(now.getTime() - INBOX_RETENTION_MS));
  return { prunedInboxRows };
}
