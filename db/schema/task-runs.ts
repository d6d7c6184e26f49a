import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

export const taskRunStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const taskRunTriggers = ["webhook", "schedule", "manual", "system"] as const;

/**
 * One row per run of a sync task for a shop: what ran, why, how it ended. Failed runs that nobody
 * dismissed are the dashboard's "synchronization errors".
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
    attempts: integer("attempts").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    stats: jsonb("stats")
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
    /** The job that re-runs this work, when a merchant can simply retry it from the dashboard. */
    retryJob: jsonb("retry_job").$type<{ task: string; payload: unknown }>(),
  },
  (t) => [
    index("task_runs_shop_task_idx").on(t.shopId, t.task, t.queuedAt),
    index("task_runs_shop_failed_idx")
      .on(t.shopId)
      .where(sql`${t.status} = 'failed' and ${t.dismissedAt} is null`),
  ],
);
