import { type DbOrTx, getDb } from "../../db.ts";
import { insertApiLogEntry } from "../../queries/api-log.ts";
import type { ApiCallRecord, ApiRequestLog } from "./request-log.ts";

export interface ApiLogSinkOptions {
  shopId: number;
  /** Keep successful calls too (the shop's logging setting). Errors are always kept. */
  logSuccesses: boolean;
  /** Default: the process's database (getDb()). */
  db?: DbOrTx;
  /** Called when a row cannot be written; the API call itself must not fail for it. */
  onWriteError?: (error: unknown) => void;
}

/** An ApiRequestLog that keeps Shopify calls in `api_log_entries` (the dashboard's "API errors"). */
export function createApiLogSink(options: ApiLogSinkOptions): ApiRequestLog {
  return {
    async record(entry: ApiCallRecord): Promise<void> {
      if (!entry.isError && !options.logSuccesses) return;
      try {
        await insertApiLogEntry(options.db ?? getDb(), {
          shopId: options.shopId,
          system: "shopify",
          operation: entry.operation,
          method: entry.method,
          path: entry.path,
          status: entry.status,
          durationMs: entry.durationMs,
          cost: entry.cost,
          isError: entry.isError,
          errorCode: entry.errorCode,
          errorMessage: entry.errorMessage,
        });
      } catch (error) {
        options.onWriteError?.(error);
      }
    },
  };
}
