import type { RunCounts, TaskRunStatus } from "../../../db/schema/task-runs.ts";
import { getDb } from "../db.ts";
import { findTask } from "../tasks/registry.ts";
import { jobOfShopExists, latestRunOfJob } from "./queries.ts";
import { describeCounts, endedStatuses, formatDuration } from "./run-labels.ts";

export interface RunProgress {
  jobId: number;
  /** "queued" until a worker starts the job (a coalesced Run now waits behind the run before it). */
  status: TaskRunStatus | "unknown";
  ended: boolean;
  runId: number | null;
  title: string | null;
  dryRun: boolean;
  done: number;
  /** Null while the run does not know its total. */
  total: number | null;
  counts: RunCounts | null;
  countsText: string;
  summary: string | null;
  error: string | null;
  duration: string | null;
}

/**
 * A job's run as the foreground progress bar polls it: the latest attempt's status, progress and
 * counts. A job with no run yet is queued while graphile-worker still holds it; a job that is
 * neither (another shop's, or long gone) is `unknown` and ends the polling.
 */
export async function loadRunProgress(shopId: number, jobId: number): Promise<RunProgress> {
  const db = getDb();
  const run = await latestRunOfJob(db, { shopId, jobId });
  if (!run) {
    const waiting = await jobOfShopExists(db, { shopId, jobId });
    return {
      jobId,
      status: waiting ? "queued" : "unknown",
      ended: !waiting,
      runId: null,
      title: null,
      dryRun: false,
      done: 0,
      total: null,
      counts: null,
      countsText: "",
      summary: null,
      error: waiting ? null : "This run is not known (it may have been removed).",
      duration: null,
    };
  }
  return {
    jobId,
    status: run.status,
    ended: endedStatuses.has(run.status),
    runId: run.id,
    title: findTask(run.task)?.title ?? run.task,
    dryRun: run.dryRun,
    done: run.progressDone,
    total: run.progressTotal,
    counts: run.counts,
    countsText: describeCounts(run.counts),
    summary: run.summary,
    error: run.errorMessage,
    duration:
      run.startedAt && run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : null,
  };
}

/** The run of a job once a worker started it (for the toast's link); null while it waits. */
export async function runIdOfJob(shopId: number, jobId: number): Promise<{ runId: number | null; waiting: boolean }> {
  const db = getDb();
  const run = await latestRunOfJob(db, { shopId, jobId });
  if (run) return { runId: run.id, waiting: false };
  return { runId: null, waiting: await jobOfShopExists(db, { shopId, jobId }) };
}
