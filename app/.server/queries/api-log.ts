import { apiLogEntries } from "../../../db/schema/api-log.ts";
import { type DbOrTx, getDb } from "../db.ts";

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

export interface ApiLogSinkOptions {
  shopId: number;
  /** Keep successful calls too (the shop's logging setting). Errors are always kept. */
  logSuccesses: boolean;
  /** Default: the process's database (getDb()). */
  db?: DbOrTx;
  /** Called when a row cannot be written; the call itself must not fail for it. */
  onWriteError?: (error: unknown) => void;
}

/**
 * A request log (either port's) that keeps calls in `api_log_entries`, the dashboard's "API errors":
 * `toRow` says how one port's call record becomes a row of the shop's log.
 */
export function createApiLogSink<T extends { isError: boolean }>(
  options: ApiLogSinkOptions,
  toRow: (entry: T) => Omit<ApiLogRow, "shopId">,
): { record(entry: T): Promise<void> } {
  return {
    async record(entry: T): Promise<void> {
      if (!entry.isError && !options.logSuccesses) return;
      try {
        await insertApiLogEntry(options.db ?? getDb(), { shopId: options.shopId, ...toRow(entry) });
      } catch (error) {
        options.onWriteError?.(error);
      }
    },
  };
}
