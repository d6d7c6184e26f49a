import { and, eq, isNull } from "drizzle-orm";

import type { Db } from "../../app/.server/db.ts";
import { ensureEntries, updateEntry } from "../../app/.server/runs/entries.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { jobQueueEntries } from "../../db/schema/job-queue-entries.ts";

/**
 * The demo runs every task every minute, posting included, so what a stranger does in the sandbox
 * store or BC shows up within a minute or two. Only entries the merchant never edited are set
 * (`edited_at` is null): an entry changed on the Job queue page keeps its schedule across demo
 * restarts.
 */
export async function scheduleDemoEntries(db: Db, shopId: number): Promise<void> {
  const now = new Date();
  await ensureEntries(db, { tasks: taskRegistry, shopIds: [shopId], now });
  const untouched = await db
    .select({ task: jobQueueEntries.task })
    .from(jobQueueEntries)
    .where(and(eq(jobQueueEntries.shopId, shopId), isNull(jobQueueEntries.editedAt)));
  for (const { task } of untouched) {
    await updateEntry(db, {
      shopId,
      task,
      recurrence: { kind: "minutes", every: 1 },
      onHold: false,
      now,
      by: "system",
    });
  }
}
