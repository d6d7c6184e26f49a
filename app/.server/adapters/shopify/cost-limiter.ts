import type { ThrottleStatus } from "./graphql-envelope.ts";

/**
 * Our copy of Shopify's leaky bucket for one app on one shop, kept from the `throttleStatus`
 * of each answer. Waiting before a call that would not fit is cheaper than being THROTTLED:
 * a throttled call costs a round trip and tells us nothing new. Share one limiter among the
 * clients of a shop in a process so concurrent jobs see each other's spending.
 */
export class CostLimiter {
  #status: (ThrottleStatus & { at: number }) | undefined;
  readonly #lastCost = new Map<string, number>();

  /** Records the bucket as Shopify reported it at `at` (ms). */
  observe(status: ThrottleStatus, at: number): void {
    this.#status = { ...status, at };
  }

  /** Remembers what an operation asked for, as the estimate for its next call. */
  rememberCost(operation: string, requestedQueryCost: number): void {
    this.#lastCost.set(operation, requestedQueryCost);
  }

  /** The caller's estimate, else the operation's last requested cost, else unknown. */
  estimate(operation: string, fallback?: number): number | undefined {
    return this.#lastCost.get(operation) ?? fallback;
  }

  /** Points we believe the bucket holds at `now`, refilled at the restore rate. */
  available(now: number): number | undefined {
    const s = this.#status;
    if (!s) return undefined;
    return Math.min(s.maximumAvailable, s.currentlyAvailable + (Math.max(0, now - s.at) / 1000) * s.restoreRate);
  }

  /** How long to wait before spending `cost`: (needed − available) / restoreRate, 0 when it fits or we know nothing. */
  waitMs(cost: number, now: number): number {
    const s = this.#status;
    const available = this.available(now);
    if (!s || available === undefined || cost <= available || s.restoreRate <= 0) return 0;
    return Math.ceil(((cost - available) / s.restoreRate) * 1000);
  }

  /**
   * Takes `cost` from our copy as the call goes out, so that concurrent calls through the same
   * limiter wait for each other; the answer's throttleStatus then replaces the guess.
   */
  reserve(cost: number, now: number): void {
    const available = this.available(now);
    if (!this.#status || available === undefined) return;
    this.#status = { ...this.#status, currentlyAvailable: available - cost, at: now };
  }

  /** The bucket's size, once known: a cost above it can never be served. */
  get maximumAvailable(): number | undefined {
    return this.#status?.maximumAvailable;
  }
}

/** The wait a THROTTLED answer implies: (requestedQueryCost − currentlyAvailable) / restoreRate. */
export function throttledWaitMs(requestedQueryCost: number, status: ThrottleStatus): number {
  if (status.restoreRate <= 0) return 1000;
  return Math.max(0, Math.ceil(((requestedQueryCost - status.currentlyAvailable) / status.restoreRate) * 1000));
}
