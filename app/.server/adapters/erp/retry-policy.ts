/** Bounds on how hard an adapter tries before it hands an error to the caller. */
export interface ErpRetryPolicy {
  /** Extra attempts after 429/503/504, 5xx, network errors and timeouts. Default 4. */
  maxRetries: number;
  /** First backoff step; doubles per retry. Default 500 ms. */
  baseDelayMs: number;
  /** Cap on one backoff step. Default 15 s. */
  maxDelayMs: number;
  /**
   * The longest single wait the adapter sits through (Retry-After, budget window). Beyond it the
   * call fails with `retryAfterMs` so the job is rescheduled instead of holding a worker. Default 30 s.
   */
  maxWaitMs: number;
  /** Per HTTP request. BC itself gives up at 10 min (504); a sync job should not. Default 60 s. */
  timeoutMs: number;
}

export const DEFAULT_ERP_RETRY_POLICY: ErpRetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxWaitMs: 30_000,
  timeoutMs: 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, so parallel workers
 * hitting the same 429 spread out yet none retries at once. `retry` counts from 1.
 */
export function backoffMs(
  policy: Pick<ErpRetryPolicy, "baseDelayMs" | "maxDelayMs">,
  retry: number,
  random: () => number,
) {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (Math.max(1, retry) - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/** `Retry-After` in seconds (what BC sends) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
