/**
 * One ERP HTTP exchange as the API log keeps it. By design there is no field for credentials,
 * headers, query strings or bodies: the path is enough to find the call, the rest could leak.
 */
export interface ErpCallRecord {
  /** What the adapter was doing, e.g. "pull items", "createSalesDocument". */
  operation: string;
  method: string;
  /** URL path only (no host, no query). */
  path: string;
  /** HTTP status of the last attempt; null when no answer came back. */
  status: number | null;
  /** From the first attempt to the outcome, waits included. */
  durationMs: number;
  /** HTTP requests made, retries included. */
  attempts: number;
  isError: boolean;
  /** ErpError code when it failed. */
  errorCode: string | null;
  /** The ErpError's message, already scrubbed of every secret the adapter knows. */
  errorMessage: string | null;
  /** The ERP's own code (BC error.code) when it gave one. */
  erpCode: string | null;
  correlationId: string | null;
}

/** Where adapters report calls. Implementations must not throw for a logging failure's sake. */
export interface ErpRequestLog {
  record(entry: ErpCallRecord): Promise<void>;
}

export const discardErpRequestLog: ErpRequestLog = { record: async () => {} };
