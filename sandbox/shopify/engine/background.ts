/**
 * Work Shopify does after answering (bulk operations, asynchronous productSet, file processing):
 * run a few milliseconds later on the event loop, so clients must poll or wait for the webhook as
 * they must with Shopify. `clear` drops everything pending
 * (engine reset, a shop replaced by a restore).
 */
export interface Background {
  /** Runs `task` after `delayMs`; a throwing (or rejecting) task is reported through `onError` and dropped. */
  later(task: () => void | Promise<void>, delayMs?: number): void;
  /** Resolves once nothing is pending (tests and the demo's shutdown). */
  idle(): Promise<void>;
  clear(): void;
}

/** How long Shopify-side work waits before it starts, by default. */
export const BACKGROUND_DELAY_MS = 5;

export function createBackground(onError: (error: unknown) => void = () => {}): Background {
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let generation = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (timers.size > 0 || running > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  return {
    later(task, delayMs = BACKGROUND_DELAY_MS) {
      const born = generation;
      const timer = setTimeout(() => {
        timers.delete(timer);
        let result: void | Promise<void> = undefined;
        try {
          result = task();
        } catch (error) {
          onError(error);
        }
        if (result instanceof Promise) {
          running += 1;
          result
            .catch((error: unknown) => {
              if (born === generation) onError(error);
            })
            .finally(() => {
              running -= 1;
              settle();
            });
        }
        settle();
      }, delayMs);
      timers.add(timer);
    },
    idle() {
      if (timers.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    clear() {
      generation += 1;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      settle();
    },
  };
}
