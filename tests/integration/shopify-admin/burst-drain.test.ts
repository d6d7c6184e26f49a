import { setTimeout as delay } from "node:timers/promises";

import { afterEach, describe, expect, it } from "vitest";

import type { Clock } from "../../../app/.server/adapters/clock.ts";
import { CostLimiter } from "../../../app/.server/adapters/shopify/cost-limiter.ts";
import { countingFetch, memoryLog, SHOP, startAdminSandbox } from "./admin-sandbox.ts";

// Requests 802 points; on 100 seeded products (2 variants each) it actually costs 502.
const BIG_PRODUCTS = `
  query BigProducts {
    products(first: 100) { nodes { id title variants(first: 5) { nodes { id sku } } } }
  }
`;

/**
 * Real time, sped up: the sandbox's bucket and the client read the same clock, which runs
 * `factor` times faster than the wall clock, so a burst that needs minutes of refill drains in
 * seconds while the calls still overlap for real (HTTP on loopback, answers in any order).
 */
function fastClock(factor: number): Clock {
  const origin = Date.now();
  const start = Date.UTC(2026, 9, 1);
  return {
    now: () => start + (Date.now() - origin) * factor,
    sleep: async (ms, signal) => {
      if (ms > 0) await delay(Math.ceil(ms / factor), undefined, signal ? { signal } : undefined);
    },
  };
}

describe("a burst through one shop's limiter", () => {
  let sandbox: Awaited<ReturnType<typeof startAdminSandbox>>;
  afterEach(async () => {
    await sandbox.close();
  });

  it("drains in order with no THROTTLED answer, though answers keep replacing the limiter's picture", async () => {
    const clock = fastClock(40);
    sandbox = await startAdminSandbox({ plan: "standard", clock });
    sandbox.engine.seed(SHOP, { products: 100, variantsPerProduct: 2, seed: 7 });
    const limiter = new CostLimiter();
    const fetchSpy = countingFetch();
    const log = memoryLog();
    // 12 jobs of one shop, each with a client of its own on the shared limiter (as the worker
    // runs them): 12 × 802 requested points is almost five buckets' worth on a Standard shop.
    const sent: number[] = [];
    const calls = Array.from({ length: 12 }, (_, i) => {
      const fetchOfJob: typeof fetch = (input, init) => {
        sent.push(i);
        return fetchSpy(input, init);
      };
      return sandbox.client({ limiter, fetch: fetchOfJob, log, retry: { maxWaitMs: 600_000 } }).query(BIG_PRODUCTS, {});
    });
    await Promise.all(calls);

    expect(log.entries.filter((e) => e.isError)).toEqual([]);
    // One HTTP request per call: nobody was THROTTLED and retried.
    expect(fetchSpy.calls).toBe(12);
    expect(log.entries.map((e) => e.attempts)).toEqual(Array(12).fill(1));
    // First come, first served: the calls went out in the order they were made.
    expect(sent).toEqual([...Array(12).keys()]);
  });
});
