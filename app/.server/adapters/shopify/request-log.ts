/**
 * One Admin API call as the API log keeps it: what ran, how it ended and what it cost. By design
 * there is no field for the token, headers, variables or response body.
 */
export interface ApiCallRecord {
  operation: string;
  method: "POST";
  /** URL path only (no host, no query string). */
  path: string;
  /** HTTP status of the last attempt; null when no answer came back. */
  status: number | null;
  /** From the first attempt to the outcome, waits included. */
  durationMs: number;
  /** Points charged (actualQueryCost, else requestedQueryCost); null when unknown. */
  cost: number | null;
  /** HTTP requests made, retries included. */
  attempts: number;
  /** Milliseconds spent waiting for the bucket, Retry-After or backoff. */
  waitedMs: number;
  isError: boolean;
  errorCode: string | null;
  errorMessage: string | null;
}

/** Where the client reports calls. Implementations must not throw for a logging failure's sake. */
export interface ApiRequestLog {
  record(entry: ApiCallRecord): Promise<void>;
}

export const discardRequestLog: ApiRequestLog = { record: async () => {} };
