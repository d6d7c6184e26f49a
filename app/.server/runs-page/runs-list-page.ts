import { z } from "zod";

import { taskRunStatuses, taskRunTriggers } from "../../../db/schema/task-runs.ts";
import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { listRuns } from "./queries.ts";
import { formatDuration, runStatusBadges, runTriggerLabels } from "./run-labels.ts";
import { taskOptions, taskTitle } from "./task-titles.ts";

export const RUNS_PAGE_SIZE = 50;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

/**
 * The Runs page's URL parameters. A value that does not parse is dropped (the list shows
 * unfiltered) rather than failing; task names are the registry's, never free SQL.
 */
export const runsListQuerySchema = z.object({
  task: z
    .string()
    .refine((value) => taskOptions.some((task) => task.value === value))
    .optional()
    .catch(undefined),
  status: optionalEnum(taskRunStatuses),
  trigger: optionalEnum(taskRunTriggers),
  from: day,
  to: day,
  /** A record's runs: "order:123", "shipment:S-SHP1001". */
  record: z
    .string()
    .max(200)
    .regex(/^[a-z-]{1,40}:.{1,150}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});
export type RunsListQuery = z.infer<typeof runsListQuerySchema>;

export function parseRunsListQuery(url: URL): RunsListQuery {
  const first: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in first) && value !== "") first[key] = value;
  return runsListQuerySchema.parse(first);
}

function recordFilter(record: string | undefined) {
  if (!record) return undefined;
  const at = record.indexOf(":");
  return { type: record.slice(0, at), key: record.slice(at + 1) };
}

/** One page of the shop's run history, newest first, formatted for the Runs page. */
export async function loadRunsListPage(shopId: number, query: RunsListQuery) {
  const db = getDb();
  const shop = await getShopDisplay(db, shopId);
  const timeZone = shop.timeZone ?? "UTC";
  const rows = await listRuns(db, {
    shopId,
    task: query.task,
    status: query.status,
    trigger: query.trigger,
    fromDay: query.from,
    toDay: query.to,
    timeZone,
    record: recordFilter(query.record),
    limit: RUNS_PAGE_SIZE + 1,
    offset: query.page * RUNS_PAGE_SIZE,
  });
  return {
    query,
    timeZone,
    filters: {
      tasks: taskOptions,
      statuses: taskRunStatuses.map((value) => ({ value, label: runStatusBadges[value].label })),
      triggers: taskRunTriggers.map((value) => ({ value, label: runTriggerLabels[value] })),
    },
    hasNext: rows.length > RUNS_PAGE_SIZE,
    rows: rows.slice(0, RUNS_PAGE_SIZE).map((row) => ({
      id: row.id,
      task: row.task,
      title: taskTitle(row.task),
      preview: row.dryRun,
      trigger: runTriggerLabels[row.trigger],
      started: formatDateTime(row.startedAt ?? row.queuedAt, timeZone),
      duration: row.status === "running" ? "" : formatDuration(row.startedAt, row.finishedAt),
      status: row.status,
      badge: runStatusBadges[row.status],
      counts: row.counts,
      summary: row.status === "failed" || row.status === "skipped" ? (row.errorMessage ?? row.summary) : row.summary,
    })),
  };
}
