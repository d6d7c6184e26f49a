import { BcError } from "../bc-error.ts";
import type { Knobs } from "./knobs.ts";

const WINDOW_MS = 5 * 60 * 1000;

function tooMany(message: string, retryAfter: boolean): BcError {
  return new BcError(429, "Application_TooManyRequests", message, retryAfter ? { "Retry-After": "1" } : {});
}

/**
 * BC online limits per principal: 5 requests executing at once and 6,000 per 5-minute sliding window.
 * BC queues excess requests (up to 95) before answering 429; the sandbox answers 429 at once so client
 * throttling bugs show up in tests instead of hiding in a queue.
 */
export class Throttle {
  readonly #running = new Map<string, number>();
  readonly #history = new Map<string, number[]>();
  readonly #knobs: Knobs;
  readonly #clock: () => number;
  constructor(knobs: Knobs, clock: () => number) {
    this.#knobs = knobs;
    this.#clock = clock;
  }

  /** Takes a slot or throws a 429; returns the release function and the concurrency including this one. */
  acquire(principal: string): { release: () => void; concurrent: number } {
    const now = this.#clock();
    const history = (this.#history.get(principal) ?? []).filter((t) => t > now - WINDOW_MS);
    if (history.length >= this.#knobs.rateLimitPerWindow) {
      this.#history.set(principal, history);
      throw tooMany(
        `Too many requests reached.  Actual (${history.length + 1}).  Maximum (${this.#knobs.rateLimitPerWindow}).`,
        this.#knobs.throttleRetryAfter,
      );
    }
    const running = this.#running.get(principal) ?? 0;
    if (running >= this.#knobs.maxConcurrent) {
      throw tooMany(
        `The maximum number of concurrent requests (${this.#knobs.maxConcurrent}) has been reached. Please retry the request later.`,
        this.#knobs.throttleRetryAfter,
      );
    }
    history.push(now);
    this.#history.set(principal, history);
    this.#running.set(principal, running + 1);
    let released = false;
    return {
      concurrent: running + 1,
      release: () => {
        if (released) return;
        released = true;
        this.#running.set(principal, (this.#running.get(principal) ?? 1) - 1);
      },
    };
  }

  reset(): void {
    this.#running.clear();
    this.#history.clear();
  }
}
