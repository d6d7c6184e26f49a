import { type ApiLogSinkOptions, createApiLogSink } from "../../queries/api-log.ts";
import type { ApiCallRecord, ApiRequestLog } from "./request-log.ts";

/** An ApiRequestLog that keeps Shopify calls in `api_log_entries` (the dashboard's "API errors"). */
export function createShopifyLogSink(options: ApiLogSinkOptions): ApiRequestLog {
  return createApiLogSink<ApiCallRecord>(options, (entry) => ({
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
  }));
}
