import type { ApiCallRecord, ApiRequestLog } from "../adapters/shopify/request-log.ts";
import { type ApiLogSinkOptions, createApiLogSink } from "../queries/api-log.ts";

/**
 * An ApiRequestLog that keeps Shopify calls in `api_log_entries` (the dashboard's "API errors").
 * Composed here and handed to the Admin client, so the adapter itself never touches the database
 * (as on the ERP side: erp/erp-log-sink.ts).
 */
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

/** The shop's Shopify log as background work and installs use it: a failed write is reported, never thrown. */
export function shopifyLogForShop(input: { shop: string; shopId: number; logSuccesses: boolean }): ApiRequestLog {
  return createShopifyLogSink({
    shopId: input.shopId,
    logSuccesses: input.logSuccesses,
    onWriteError: (error) => console.error(`api log write failed for ${input.shop}:`, error),
  });
}
