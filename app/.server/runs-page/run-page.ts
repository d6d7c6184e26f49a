import { z } from "zod";

import { recordOutcomes } from "../../../db/schema/task-run-records.ts";
import { retryFailedRun } from "../activity/retry.ts";
import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { getRun, listRunRecords, orderNamesById } from "./queries.ts";
import { formatDuration, outcomeLabels, recordHref, runStatusBadges, runTriggerLabels } from "./run-labels.ts";
import { taskTitle } from "./task-titles.ts";

export const RUN_RECORDS_PAGE_SIZE = 100;

export const runPageQuerySchema = z.object({
  outcome: z.enum(recordOutcomes).optional().catch(undefined),
  page: z.coerce.number().int().min(0).max(100_000).catch(0),
});
export type RunPageQuery = z.infer<typeof runPageQuerySchema>;

export function parseRunPageQuery(url: URL): RunPageQuery {
  const first: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in first) && value !== "") first[key] = value;
  return runPageQuerySchema.parse(first);
}

/** Why a run ended as it did, in plain words; null when it simply worked. */
function explain(run: NonNullable<Awaited<ReturnType<typeof getRun>>>): string | null {
  switch (run.status) {
    case "failed":
      return run.errorMessage ?? "The run failed without saying why.";
    case "retrying":
      return `This attempt failed and will be tried again: ${run.errorMessage ?? "no reason given"}`;
    case "interrupted":
      return run.errorMessage ?? "The worker running this stopped before the run ended.";
    case "skipped":
      return run.errorMessage ? `Could not start: ${run.errorMessage}` : "Could not start.";
    default:
      return run.errorMessage;
  }
}

/** One run with its per-record outcomes (a page of them), ready to render; null when not the shop's. */
export async function loadRunPage(shopId: number, runId: number, query: RunPageQuery) {
  const db = getDb();
  const [run, shop, records] = await Promise.all([
    getRun(db, { shopId, runId }),
    getShopDisplay(db, shopId),
    listRunRecords(db, {
      shopId,
      runId,
      outcome: query.outcome,
      limit: RUN_RECORDS_PAGE_SIZE + 1,
      offset: query.page * RUN_RECORDS_PAGE_SIZE,
    }),
  ]);
  if (!run) return null;
  const orderIds = records.flatMap((r) =>
    r.recordType === "order" && /^\d{1,15}$/.test(r.recordKey) ? [Number(r.recordKey)] : [],
  );
  const orderNames = await orderNamesById(db, { shopId, ids: orderIds });
  const timeZone = shop.timeZone ?? "UTC";
  const running = run.status === "running" || run.status === "queued";
  return {
    query,
    run: {
      id: run.id,
      task: run.task,
      title: taskTitle(run.task),
      category: run.category,
      preview: run.dryRun,
      trigger: runTriggerLabels[run.trigger],
      status: run.status,
      badge: runStatusBadges[run.status],
      running,
      attempt: run.attempts,
      queued: formatDateTime(run.queuedAt, timeZone),
      started: formatDateTime(run.startedAt, timeZone),
      finished: formatDateTime(run.finishedAt, timeZone),
      duration: formatDuration(run.startedAt, running ? new Date() : run.finishedAt),
      counts: run.counts,
      progress: { done: run.progressDone, total: run.progressTotal },
      summary: run.summary,
      stats: Object.entries(run.stats ?? {}).map(([name, value]) => ({ name, value })),
      problem: explain(run),
      canRetry: run.status === "failed" && run.canRetry && run.dismissedAt === null,
      retried: run.status === "failed" && run.canRetry && run.dismissedAt !== null,
    },
    hasNextRecords: records.length > RUN_RECORDS_PAGE_SIZE,
    records: records.slice(0, RUN_RECORDS_PAGE_SIZE).map((record) => ({
      id: record.id,
      type: record.recordType,
      key: record.recordKey,
      label: recordLabel(record, orderNames),
      href: recordHref(record.recordType, record.recordKey),
      outcome: record.outcome,
      badge: outcomeLabels[record.outcome],
      reason: record.reason ?? "",
      at: formatDateTime(record.at, timeZone),
    })),
  };
}

/** The run page's Retry: the failed run's work queued again (once; the run leaves the dashboard). */
export async function retryRun(shopId: number, runId: number): Promise<{ ok: boolean; message: string }> {
  const result = await retryFailedRun({ shopId, runId });
  return result.retried
    ? { ok: true, message: "Queued again" }
    : { ok: false, message: "Already retried, or nothing to retry." };
}

/** "Order #1001" for an order we hold, else the run's own label, else type and key. */
function recordLabel(
  record: { recordType: string; recordKey: string; label: string | null },
  orderNames: Map<number, string>,
): string {
  const name = record.recordType === "order" ? orderNames.get(Number(record.recordKey)) : undefined;
  if (name) return `Order ${name}`;
  return record.label ?? `${record.recordType} ${record.recordKey}`;
}
