import type { Clock } from "../../clock.ts";
import { ErpError } from "../errors.ts";

export interface BcThrottleOptions {
  /** BC online: 5 concurrent OData requests per user; more queue up server-side, then 429. Default 5. */
  maxConcurrent: number;
  /** BC online: 6,000 OData requests per 5 minutes per user. Default 6,000. */
  windowBudget: number;
  /** Default 5 minutes. */
  windowMs: number;
}

export const BC_THROTTLE_DEFAULTS: BcThrottleOptions = { maxConcurrent: 5, windowBudget: 6_000, windowMs: 300_000 };

/**
 * Client-side limits for one BC connection: a semaphore for requests in flight, a request budget
 * per window, and a shared pause after a 429 so every caller backs off, not just the one that saw it.
 */
export class BcThrottle {
  readonly options: BcThrottleOptions;
  readonly #clock: Clock;
  #inFlight = 0;
  readonly #waiting: Array<() => void> = [];
  #windowStart: number;
  #used = 0;
  #pausedUntil = 0;
  /** Highest number of requests in flight seen; for tests and benchmarks. */
  peakInFlight = 0;

  constructor(clock: Clock, options: Partial<BcThrottleOptions> = {}) {
    this.options = { ...BC_THROTTLE_DEFAULTS, ...options };
    this.#clock = clock;
    this.#windowStart = clock.now();
  }

  /**
   * Waits for a slot and the budget; returns the release function. Fails fast (RATE_LIMITED with
   * retryAfterMs) when the wait would exceed `maxWaitMs`, so the job is rescheduled instead.
   */
  async acquire(maxWaitMs: number, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const wait = this.#waitMs();
      if (wait <= 0) break;
      if (wait > maxWaitMs) {
        throw new ErpError({
          code: "RATE_LIMITED",
          message: `Business Central request budget: next slot in ${wait} ms`,
          retryAfterMs: wait,
        });
      }
      await this.#clock.sleep(wait, signal);
    }
    if (this.#inFlight >= this.options.maxConcurrent) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#inFlight += 1;
    }
    this.#used += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.#inFlight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // Hand the slot straight to the next waiter: the count stays, nobody can overtake.
      if (next) next();
      else this.#inFlight -= 1;
    };
  }

  /** After a 429/503 with Retry-After: hold every caller of this connection until then. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#clock.now() + ms);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  #waitMs(): number {
    const now = this.#clock.now();
    if (now - this.#windowStart >= this.options.windowMs) {
      this.#windowStart = now;
      this.#used = 0;
    }
    const budgetWait = this.#used >= this.options.windowBudget ? this.#windowStart + this.options.windowMs - now : 0;
    return Math.max(budgetWait, this.#pausedUntil - now);
  }
}

/**
 * One throttle per connection key in a process. The composition root creates one registry and
 * passes it to every adapter it builds; there is deliberately no module-level instance.
 */
export class BcThrottleRegistry {
  readonly #clock: Clock;
  readonly #options: Partial<BcThrottleOptions>;
  readonly #byKey = new Map<string, BcThrottle>();

  constructor(clock: Clock, options: Partial<BcThrottleOptions> = {}) {
    this.#clock = clock;
    this.#options = options;
  }

  forKey(key: string): BcThrottle {
    let throttle = this.#byKey.get(key);
    if (!throttle) {
      throttle = new BcThrottle(this.#clock, this.#options);
      this.#byKey.set(key, throttle);
    }
    return throttle;
  }
}
