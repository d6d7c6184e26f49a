import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";

import { jobQueueEntries } from "../../../db/schema/job-queue-entries.ts";
import { shops } from "../../../db/schema/shops.ts";
import type { DbOrTx } from "../db.ts";
import type { TaskDefinition } from "./define-task.ts";
import { knownTimezone, nextRun, type Recurrence, recurrenceSchema, toCron } from "./recurrence.ts";

/** The tasks that have an entry of their own (not those that run as part of another). */
export function entryTasks(tasks: readonly TaskDefinition[]) {
  return tasks.flatMap((task) => ("recurrence" in task.schedule ? [{ task, schedule: task.schedule }] : []));
}

function entryRow(shopId: number, timezone: string, recurrence: Recurrence, onHold: boolean, now: Date) {
  const cron = toCron(recurrence, shopId);
  return {
    shopId,
    recurrence,
    cron,
    timezone,
    onHold,
    nextRunAt: nextRun(cron, timezone, now),
    updatedAt: now,
  };
}

/**
 * Every entry task gets its entry for the given shops, with the task's default; existing entries
 * are left as the merchant set them. Called on install (one shop) and when a worker starts (every
 * shop that has entries, so a task added by an upgrade reaches shops installed before it).
 */
export async function ensureEntries(
  db: DbOrTx,
  input: { tasks: readonly TaskDefinition[]; shopIds?: readonly number[]; now: Date },
): Promise<number> {
  const shopRows = await db
    .select({ id: shops.id, timezone: shops.ianaTimezone })
    .from(shops)
    .where(
      input.shopIds
        ? inArray(shops.id, [...input.shopIds])
        : and(
            isNull(shops.uninstalledAt),
            isNotNull(shops.installedAt),
            sql`exists (select 1 from ${jobQueueEntries} e where e.shop_id = ${shops.id})`,
          ),
    );
  const tasks = entryTasks(input.tasks);
  let added = 0;
  for (let i = 0; i < shopRows.length; i += 500) {
    const rows = shopRows.slice(i, i + 500).flatMap((shop) =>
      tasks.map(({ task, schedule }) => ({
        ...entryRow(shop.id, knownTimezone(shop.timezone), schedule.recurrence, schedule.onHold, input.now),
        task: task.name,
      })),
    );
    if (rows.length === 0) continue;
    const inserted = await db
      .insert(jobQueueEntries)
      .values(rows)
      .onConflictDoNothing({ target: [jobQueueEntries.shopId, jobQueueEntries.task] })
      .returning({ id: jobQueueEntries.id });
    added += inserted.length;
  }
  return added;
}

export interface EntryRow {
  task: string;
  onHold: boolean;
  recurrence: Recurrence;
  cron: string;
  timezone: string;
  nextRunAt: Date | null;
}

export async function listEntries(db: DbOrTx, shopId: number): Promise<EntryRow[]> {
  const rows = await db
    .select({
      task: jobQueueEntries.task,
      onHold: jobQueueEntries.onHold,
      recurrence: jobQueueEntries.recurrence,
      cron: jobQueueEntries.cron,
      timezone: jobQueueEntries.timezone,
      nextRunAt: jobQueueEntries.nextRunAt,
    })
    .from(jobQueueEntries)
    .where(eq(jobQueueEntries.shopId, shopId));
  return rows.map((row) => ({ ...row, recurrence: recurrenceSchema.parse(row.recurrence) }));
}

/**
 * A change to an entry: its recurrence (validated by the caller's form schema), its hold. The next
 * run is recomputed from now in the shop's zone. `by: "merchant"` marks the entry as the
 * merchant's (`edited_at`); the demo's own settings are `by: "system"`. Returns false for an
 * unknown entry.
 */
export async function updateEntry(
  db: DbOrTx,
  input: {
    shopId: number;
    task: string;
    recurrence?: Recurrence;
    onHold?: boolean;
    now: Date;
    by: "merchant" | "system";
  },
): Promise<boolean> {
  const [current] = await db
    .select({
      recurrence: jobQueueEntries.recurrence,
      timezone: jobQueueEntries.timezone,
      onHold: jobQueueEntries.onHold,
    })
    .from(jobQueueEntries)
    .where(and(eq(jobQueueEntries.shopId, input.shopId), eq(jobQueueEntries.task, input.task)));
  if (!current) return false;
  const recurrence = input.recurrence ?? recurrenceSchema.parse(current.recurrence);
  const row = entryRow(input.shopId, current.timezone, recurrence, input.onHold ?? current.onHold, input.now);
  await db
    .update(jobQueueEntries)
    .set(input.by === "merchant" ? { ...row, editedAt: input.now } : row)
    .where(and(eq(jobQueueEntries.shopId, input.shopId), eq(jobQueueEntries.task, input.task)));
  return true;
}

/** The merchant's "Put all on hold": every entry of the shop. */
export async function holdAllEntries(db: DbOrTx, input: { shopId: number; onHold: boolean; now: Date }) {
  await db
    .update(jobQueueEntries)
    .set({ onHold: input.onHold, updatedAt: input.now, editedAt: input.now })
    .where(eq(jobQueueEntries.shopId, input.shopId));
}

/** The shop's time zone changed (Shopify settings): entries read their cron in the new one. */
export async function setEntriesTimezone(db: DbOrTx, input: { shopId: number; timezone: string; now: Date }) {
  const timezone = knownTimezone(input.timezone);
  const rows = await db
    .select({ task: jobQueueEntries.task, cron: jobQueueEntries.cron })
    .from(jobQueueEntries)
    .where(eq(jobQueueEntries.shopId, input.shopId));
  for (const row of rows) {
    await db
      .update(jobQueueEntries)
      .set({ timezone, nextRunAt: nextRun(row.cron, timezone, input.now), updatedAt: input.now })
      .where(and(eq(jobQueueEntries.shopId, input.shopId), eq(jobQueueEntries.task, row.task)));
  }
}
