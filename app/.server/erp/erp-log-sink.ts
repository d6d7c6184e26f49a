import type { ErpCallRecord, ErpRequestLog } from "../adapters/erp/request-log.ts";
import { type DbOrTx, getDb } from "../db.ts";
import { insertApiLogEntry } from "../queries/api-log.ts";

export interface ErpLogSinkOptions {
  shopId: number;
  /** Keep successful calls too (the shop's logging setting). Errors are always kept. */
  logSuccesses: boolean;
  /** Default: the process's database (getDb()). */
  db?: DbOrTx;
  /** Called when a row cannot be written; the ERP call itself must not fail for it. */
  onWriteError?: (error: unknown) => void;
}

/**
 * An ErpRequestLog that keeps ERP calls beside Shopify's in `api_log_entries`, so the dashboard's
 * "API errors" counts both. The adapter has already scrubbed its messages of every secret it knows;
 * the record has no field for headers, bodies or query strings.
 */
export function createErpLogSink(options: ErpLogSinkOptions): ErpRequestLog {
  return {
    async record(entry: ErpCallRecord): Promise<void> {
      if (!entry.isError && !options.logSuccesses) return;
      try {
        await insertApiLogEntry(options.db ?? getDb(), {
          shopId: options.shopId,
          system: "erp",
          operation: entry.operation,
          method: entry.method,
          path: entry.path,
          status: entry.status,
          durationMs: entry.durationMs,
          cost: null,
          isError: entry.isError,
          errorCode: entry.erpCode ? `${entry.errorCode ?? "ERROR"} (${entry.erpCode})` : entry.errorCode,
          errorMessage: errorMessageOf(entry),
        });
      } catch (error) {
        options.onWriteError?.(error);
      }
    },
  };
}

function errorMessageOf(entry: ErpCallRecord): string | null {
  if (!entry.isError) return null;
  const message = entry.errorMessage ?? `HTTP ${entry.status ?? "no answer"}`;
  return entry.correlationId ? `${message} (correlation id ${entry.correlationId})` : message;
}
