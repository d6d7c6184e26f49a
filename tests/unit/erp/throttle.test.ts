import { describe, expect, it } from "vitest";

import { BcThrottle, BcThrottleRegistry } from "../../../app/.server/adapters/erp/business-central/throttle.ts";
import { ErpError } from "../../../app/.server/adapters/erp/errors.ts";

function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe("BcThrottle", () => {
  it("lets at most maxConcurrent through and hands slots over in order", async () => {
    const throttle = new BcThrottle(fakeClock(), { maxConcurrent: 2 });
    const a = await throttle.acquire(1_000);
    const b = await throttle.acquire(1_000);
    const order: string[] = [];
    const c = throttle.acquire(1_000).then((release) => (order.push("c"), release));
    const d = throttle.acquire(1_000).then((release) => (order.push("d"), release));
    await Promise.resolve();
    expect(throttle.inFlight).toBe(2);
    expect(order).toEqual([]);
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(["c", "d"]);
    expect(throttle.peakInFlight).toBe(2);
    expect(throttle.inFlight).toBe(0);
  });

  it("waits for the next window when the budget is spent, or fails fast past the cap", async () => {
    const clock = fakeClock();
    const throttle = new BcThrottle(clock, { windowBudget: 2, windowMs: 10_000 });
    (await throttle.acquire(60_000))();
    (await throttle.acquire(60_000))();
    await expect(throttle.acquire(1_000)).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 10_000 });
    (await throttle.acquire(60_000))();
    expect(clock.now()).toBe(10_000);
  });

  it("holds every caller after a shared pause", async () => {
    const clock = fakeClock();
    const throttle = new BcThrottle(clock);
    throttle.pause(3_000);
    (await throttle.acquire(5_000))();
    expect(clock.now()).toBe(3_000);
    throttle.pause(9_000);
    const error = await throttle.acquire(5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErpError);
  });

  it("shares one throttle per connection key", () => {
    const registry = new BcThrottleRegistry(fakeClock());
    expect(registry.forKey("a")).toBe(registry.forKey("a"));
    expect(registry.forKey("a")).not.toBe(registry.forKey("b"));
  });
});
