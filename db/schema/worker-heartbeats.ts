import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Infrastructure, not shop data: the only table without a shop. One row per live graphile-worker
 * pool (any process, any machine sharing this database), refreshed every few seconds. A pool
 * whose row goes stale is dead: a surviving worker releases the jobs it locked and deletes the
 * row (worker/heartbeat.ts, ADR 010). Times are the database's clock, never a machine's.
 */
export const workerHeartbeats = pgTable(
  "worker_heartbeats",
  {
    /** graphile-worker's worker pool id: the `locked_by` of the jobs and queues it holds. */
    workerId: text("worker_id").primaryKey(),
    host: text("host").notNull(),
    pid: integer("pid").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("worker_heartbeats_last_seen_idx").on(t.lastSeenAt)],
);
