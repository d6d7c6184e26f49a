import type { Clock } from "../clock.ts";
import type { ThrottleStatus } from "./graphql-envelope.ts";

/** A call's claim on the bucket, from the moment it may go until its answer is observed. */
export interface CostTicket {
  /** Milliseconds this call waited in line and for the bucket. */
  readonly waitedMs: number;
  /** The answer came back (observed or not): its points stop counting as outstanding. */
  release(): void;
}

/** The bucket would make this call wait longer than the caller allows. */
export class CostWaitTooLongError extends Error {
  readonly waitMs: number;
  constructor(waitMs: number) {
    super(`the bucket refills in ${waitMs} ms`);
    this.waitMs = waitMs;
  }
}

/**
 * Our copy of Shopify's leaky bucket for one app on one shop, kept from the `throttleStatus`
 * of each answer. Waiting before a call that would not fit is cheaper than being THROTTLED:
 * a throttled call costs a round trip and tells us nothing new. Share one limiter among the
 * clients of a shop in a process so concurrent jobs see each other's spending.
 *
 * Calls queue in order (`acquire`). The head of the line re-checks the bucket after every wait,
 * because answers that arrive meanwhile replace our picture of it; points of calls that have gone
 * out but not been answered stay counted against the bucket until their answer is observed, since
 * the status another answer carries may not include them yet. A burst therefore drains in order,
 * each call waiting exactly until its points are there, with no THROTTLED answer on the way.
 */
export class CostLimiter {
  #status: (ThrottleStatus & { at: number }) | undefined;
  readonly #lastCost = new Map<string, number>();
  /** Points of calls that went out and whose answer has not been observed yet. */
  #outstanding = 0;
  /** The line: each acquire waits for the one before it to have gone out. */
  #tail: Promise<void> = Promise.resolve();
  /** Before the first answer, calls wait for it instead of all going out blind at once. */
  #probe: Promise<void> | undefined;
  #probeDone: (() => void) | undefined;

  /** Records the bucket as Shopify reported it at `at` (ms). */
  observe(status: ThrottleStatus, at: number): void {
    this.#status = { ...status, at };
    this.#endProbe();
  }

  /** Remembers what an operation asked for, as the estimate for its next call. */
  rememberCost(operation: string, requestedQueryCost: number): void {
    this.#lastCost.set(operation, requestedQueryCost);
  }

  /** The caller's estimate, else the operation's last requested cost, else unknown. */
  estimate(operation: string, fallback?: number): number | undefined {
    return this.#lastCost.get(operation) ?? fallback;
  }

  /** Points we believe the bucket holds at `now`: refilled at the restore rate, less what is outstanding. */
  available(now: number): number | undefined {
    const s = this.#status;
    if (!s) return undefined;
    const refilled = Math.min(
      s.maximumAvailable,
      s.currentlyAvailable + (Math.max(0, now - s.at) / 1000) * s.restoreRate,
    );
    return refilled - this.#outstanding;
  }

  /** How long to wait before spending `cost`: (needed − available) / restoreRate, 0 when it fits or we know nothing. */
  waitMs(cost: number, now: number): number {
    const s = this.#status;
    const available = this.available(now);
    if (!s || available === undefined || cost <= available || s.restoreRate <= 0) return 0;
    return Math.ceil(((cost - available) / s.restoreRate) * 1000);
  }

  /**
   * Wait in line until the call's points fit, then count them as outstanding. `cost` is asked at
   * the head of the line, so a call queued before the first answer uses the cost that answer
   * taught. Throws CostWaitTooLongError when the wait would pass `maxWaitMs`.
   */
  async acquire(
    estimate: () => number,
    options: { clock: Clock; maxWaitMs: number; signal?: AbortSignal },
  ): Promise<CostTicket> {
    const { clock } = options;
    let cost = 0;
    const previous = this.#tail;
    let leaveLine!: () => void;
    this.#tail = new Promise<void>((resolve) => (leaveLine = resolve));
    const started = clock.now();
    try {
      await previous;
      await this.#awaitFirstAnswer();
      cost = estimate();
      for (;;) {
        const ms = this.waitMs(cost, clock.now());
        if (ms <= 0) break;
        const waited = clock.now() - started;
        if (waited + ms > options.maxWaitMs) throw new CostWaitTooLongError(waited + ms);
        await clock.sleep(ms, options.signal);
      }
      if (!this.#status && !this.#probe) {
        this.#probe = new Promise<void>((resolve) => (this.#probeDone = resolve));
      }
      this.#outstanding += cost;
    } finally {
      leaveLine();
    }
    let released = false;
    return {
      waitedMs: Math.max(0, clock.now() - started),
      release: () => {
        if (released) return;
        released = true;
        this.#outstanding = Math.max(0, this.#outstanding - cost);
        // A first call that failed without an answer lets the next one probe instead.
        if (!this.#status) this.#endProbe();
      },
    };
  }

  /** The bucket's size, once known: a cost above it can never be served. */
  get maximumAvailable(): number | undefined {
    return this.#status?.maximumAvailable;
  }

  async #awaitFirstAnswer(): Promise<void> {
    while (!this.#status && this.#probe) await this.#probe;
  }

  #endProbe(): void {
    const done = this.#probeDone;
    this.#probe = undefined;
    this.#probeDone = undefined;
    done?.();
  }
}

/** The wait a THROTTLED answer implies: (requestedQueryCost − currentlyAvailable) / restoreRate. */
export function throttledWaitMs(requestedQueryCost: number, status: ThrottleStatus): number {
  if (status.restoreRate <= 0) return 1000;
  return Math.max(0, Math.ceil(((requestedQueryCost - status.currentlyAvailable) / status.restoreRate) * 1000));
}
