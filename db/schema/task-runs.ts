import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * How a run ended. `retrying`: this attempt failed and graphile-worker tries again; `interrupted`:
 * its worker died mid-run (the next attempt is a new run); `continued`: it stopped at its budget
 * (or when the ERP said to come back) and queued its continuation; `skipped`: it could not start
 * (ERP not connected, a capability the adapter lacks), with the reason.
 */
export const taskRunStatuses = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "retrying",
  "interrupted",
  "continued",
  "skipped",
  "cancelled",
] as const;
export const taskRunTriggers = ["webhook", "schedule", "manual", "continuation", "retry", "system"] as const;

export type TaskRunStatus = (typeof taskRunStatuses)[number];
export type TaskRunTrigger = (typeof taskRunTriggers)[number];

/** Per-record outcome counts of a run; `planned` are a preview's would-be writes. */
export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  planned: number;
}

/**
 * One row per run of a sync task for a shop (one graphile-worker attempt): what ran, why, how it
 * ended, its progress and counts. Failed runs that nobody dismissed are the dashboard's
 * "synchronization errors".
 */
export const taskRuns = pgTable(
  "task_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    task: text("task").notNull(),
    category: text("category").notNull(),
    trigger: text("trigger", { enum: taskRunTriggers }).notNull(),
    status: text("status", { enum: taskRunStatuses }).notNull().default("queued"),
    /** A preview: planned what it would write, wrote nothing. */
    dryRun: boolean("dry_run").notNull().default(false),
    /** The graphile-worker job this run is an attempt of (a coalesced "Run now" finds its run by it). */
    jobId: bigint("job_id", { mode: "number" }),
    attempts: integer("attempts").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** Free-form numbers a task reports beside the counts (orders listed, pages read…). */
    stats: jsonb("stats")
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    counts: jsonb("counts")
      .$type<RunCounts>()
      .notNull()
      .default(sql`'{"created":0,"updated":0,"unchanged":0,"skipped":0,"failed":0,"planned":0}'::jsonb`),
    progressDone: integer("progress_done").notNull().default(0),
    /** Null while the total is unknown. */
    progressTotal: integer("progress_total"),
    /** A line for the run page: "listed 40 orders", "batch paused: ERP budget spent". */
    summary: text("summary"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Last progress write: a running run silent for long is looked at by the sweep. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
    /** The job that re-runs this work, when a merchant can simply retry it from the dashboard. */
    retryJob: jsonb("retry_job").$type<{ task: string; payload: unknown }>(),
  },
  (t) => [
    index("task_runs_shop_task_idx").on(t.shopId, t.task, t.queuedAt),
    index("task_runs_shop_queued_idx").on(t.shopId, t.queuedAt),
    index("task_runs_queued_idx").on(t.queuedAt),
    index("task_runs_job_idx").on(t.jobId),
    index("task_runs_shop_failed_idx")
      .on(t.shopId)
      .where(sql`${t.status} = 'failed' and ${t.dismissedAt} is null`),
    index("task_runs_running_idx")
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
  ],
);
