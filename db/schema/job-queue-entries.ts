import { sql } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";

/**
 * A shop's job-queue entry per task (BC: Job Queue Entry): on or on hold, its recurrence, and when
 * it runs next. The minute tick reads only `next_run_at` through the partial index, whatever the
 * number of shops; `cron` and `timezone` are what the next time is computed from.
 */
export const jobQueueEntries = pgTable(
  "job_queue_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    task: text("task").notNull(),
    onHold: boolean("on_hold").notNull().default(false),
    /** The merchant's recurrence (`runs/recurrence.ts`), zod-checked on read. */
    recurrence: jsonb("recurrence").$type<Record<string, unknown>>().notNull(),
    /** The recurrence as a cron expression, for the tick. */
    cron: text("cron").notNull(),
    /** IANA time zone the cron is read in (the shop's). */
    timezone: text("timezone").notNull().default("UTC"),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    lastEnqueuedAt: timestamp("last_enqueued_at", { withTimezone: true }),
    /**
     * When the merchant last changed the entry (Job queue page); null while it keeps the task's
     * default. The demo sets only such entries, so a merchant's schedule survives its restarts.
     */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("job_queue_entries_shop_task_uq").on(t.shopId, t.task),
    index("job_queue_entries_due_idx")
      .on(t.nextRunAt)
      .where(sql`not ${t.onHold}`),
  ],
);
