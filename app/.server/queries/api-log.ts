import { apiLogEntries } from "../../../db/schema/api-log.ts";
import type { DbOrTx } from "../db.ts";

const MESSAGE_LIMIT = 1000;

export type ApiLogRow = Omit<typeof apiLogEntries.$inferInsert, "id" | "createdAt" | "dismissedAt">;

/** One call to Shopify or the ERP in the shop's API log (its messages trimmed to what a list shows). */
export async function insertApiLogEntry(db: DbOrTx, row: ApiLogRow): Promise<void> {
  await db.insert(apiLogEntries).values({
    ...row,
    durationMs: row.durationMs == null ? null : Math.round(row.durationMs),
    cost: row.cost == null ? null : Math.round(row.cost),
    errorMessage: row.errorMessage == null ? null : row.errorMessage.slice(0, MESSAGE_LIMIT),
  });
}
