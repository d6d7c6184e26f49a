import { bigint, bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";
import { taskRuns } from "./task-runs.ts";

export const recordOutcomes = ["created", "updated", "unchanged", "skipped", "failed", "planned"] as const;
export type RecordOutcome = (typeof recordOutcomes)[number];

/**
 * What a run did to each record it touched: the run page lists them, and each record's page shows
 * the runs that touched it. Written in batches by the run context, never one transaction per record.
 */
export const taskRunRecords = pgTable(
  "task_run_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    runId: bigint("run_id", { mode: "number" })
      .notNull()
      .references(() => taskRuns.id, { onDelete: "cascade" }),
    /** "order", "shipment", later "product", "customer"… */
    recordType: text("record_type").notNull(),
    /** Our id of the record (orders.id, shipments.id), or the external id when we hold no row. */
    recordKey: text("record_key").notNull(),
    /** What a merchant reads: "#1001", "Shipment S-SHP102033". */
    label: text("label"),
    outcome: text("outcome", { enum: recordOutcomes }).notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("task_run_records_run_idx").on(t.runId, t.id),
    index("task_run_records_record_idx").on(t.shopId, t.recordType, t.recordKey, t.runId),
  ],
);
