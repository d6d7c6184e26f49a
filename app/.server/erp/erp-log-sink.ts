import type { ErpCallRecord, ErpRequestLog } from "../adapters/erp/request-log.ts";
import { type ApiLogSinkOptions, createApiLogSink } from "../queries/api-log.ts";

/**
 * An ErpRequestLog that keeps ERP calls beside Shopify's in `api_log_entries`, so the dashboard's
 * "API errors" counts both. The adapter has already scrubbed its messages of every secret it knows;
 * the record has no field for headers, bodies or query strings.
 */
export function createErpLogSink(options: ApiLogSinkOptions): ErpRequestLog {
  return createApiLogSink<ErpCallRecord>(options, (entry) => ({
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
  }));
}

function errorMessageOf(entry: ErpCallRecord): string | null {
  if (!entry.isError) return null;
  const message = entry.errorMessage ?? `HTTP ${entry.status ?? "no answer"}`;
  return entry.correlationId ? `${message} (correlation id ${entry.correlationId})` : message;
}
