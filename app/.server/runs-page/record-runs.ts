import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { listRunsOfRecord } from "./queries.ts";
import { outcomeLabels } from "./run-labels.ts";
import { taskTitle } from "./task-titles.ts";

export const RECORD_RUNS_SHOWN = 10;

/** The last runs that touched one record (its page's "Runs" card), newest first. */
export async function loadRecordRuns(input: {
  shopId: number;
  recordType: string;
  /** One record, or several that are one page's (a company and its locations). */
  recordKey: string | readonly string[];
  timeZone: string | null;
}) {
  const rows = await listRunsOfRecord(getDb(), {
    shopId: input.shopId,
    recordType: input.recordType,
    recordKey: input.recordKey,
    limit: RECORD_RUNS_SHOWN,
  });
  return rows.map((row) => ({
    runId: row.runId,
    href: `/app/runs/${row.runId}`,
    task: taskTitle(row.task),
    preview: row.dryRun,
    at: formatDateTime(row.at, input.timeZone),
    outcome: outcomeLabels[row.outcome],
    reason: row.reason ?? "",
  }));
}
