import { sql } from "drizzle-orm";
import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { shopIdColumn } from "./shop-ref.ts";
import { taskRuns } from "./task-runs.ts";

/**
 * Records a task chose not to sync, with the reason (BC's "Shopify Skipped Record"). One open row
 * per (entity, record): skipping the same record again refreshes it instead of piling up rows.
 */
export const skippedRecords = pgTable(
  "skipped_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shopId: shopIdColumn(),
    entity: text("entity").notNull(),
    recordKey: text("record_key").notNull(),
    reason: text("reason").notNull(),
    taskRunId: bigint("task_run_id", { mode: "number" }).references(() => taskRuns.id, { onDelete: "set null" }),
    skippedAt: timestamp("skipped_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("skipped_records_open_uq")
      .on(t.shopId, t.entity, t.recordKey)
      .where(sql`${t.resolvedAt} is null`),
    index("skipped_records_shop_idx").on(t.shopId, t.skippedAt),
  ],
);
