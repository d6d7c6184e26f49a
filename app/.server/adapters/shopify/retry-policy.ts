/** Bounds on how hard the client tries before it hands an error to the caller. */
export interface RetryPolicy {
  /** Extra attempts after THROTTLED. Default 5. */
  maxThrottleRetries: number;
  /** Extra attempts after 429, 5xx, INTERNAL_SERVER_ERROR, network errors and timeouts. Default 3. */
  maxTransientRetries: number;
  /** First backoff step; doubles per retry. Default 500 ms. */
  baseDelayMs: number;
  /** Cap on one backoff step. Default 10 s. */
  maxDelayMs: number;
  /**
   * The longest single wait the client sits through (Retry-After, bucket refill). Beyond it the
   * call fails with `retryAfterMs` so the job is rescheduled instead of holding a worker slot.
   * Default 60 s.
   */
  maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxThrottleRetries: 5,
  maxTransientRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxWaitMs: 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so a burst of
 * failing workers spreads out yet none retries immediately. `retry` counts from 1.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/** `Retry-After` in seconds (Shopify sends "2.0") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
