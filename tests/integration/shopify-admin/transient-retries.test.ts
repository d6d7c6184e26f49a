import { afterEach, describe, expect, it } from "vitest";

import { adminGraphqlEndpoint } from "../../../app/.server/adapters/shopify/endpoint.ts";
import { ShopifyApiError } from "../../../app/.server/adapters/shopify/errors.ts";
import { fetchShopInfo } from "../../../app/.server/adapters/shopify/shop-info.ts";
import { memoryLog, SHOP, startAdminSandbox, steppingClock } from "./admin-sandbox.ts";
import { type FlakyStep, startFlakyProxy } from "./flaky-proxy.ts";

describe("AdminClient retries on 429, 5xx and dropped connections", () => {
  let close: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of close.reverse()) await fn();
    close = [];
  });

  async function setup(steps: FlakyStep[]) {
    const clock = steppingClock();
    const sandbox = await startAdminSandbox({ clock });
    const proxy = await startFlakyProxy(sandbox.server.url, steps);
    close.push(sandbox.close, proxy.close);
    const log = memoryLog();
    // random() = 0.5: backoff is ¾ of each step (500 ms base ⇒ 375, 750, 1500 ms).
    const client = sandbox.client({
      endpoint: adminGraphqlEndpoint(SHOP, { sandboxOrigin: proxy.url }),
      log,
      random: () => 0.5,
    });
    return { clock, proxy, log, client };
  }

  it("honours Retry-After on a 429", async () => {
    const { clock, proxy, log, client } = await setup([{ status: 429, headers: { "Retry-After": "2.0" } }]);
    await expect(fetchShopInfo(client)).resolves.toMatchObject({ myshopifyDomain: SHOP });
    expect(proxy.requests).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
    expect(log.entries).toEqual([
      expect.objectContaining({ attempts: 2, waitedMs: 2000, status: 200, isError: false }),
    ]);
  });

  it("backs off exponentially with jitter on 5xx and dropped connections", async () => {
    const { clock, proxy, client } = await setup([
      { status: 503, body: "<html>busy</html>" },
      "reset",
      { status: 502 },
    ]);
    await expect(fetchShopInfo(client)).resolves.toMatchObject({ myshopifyDomain: SHOP });
    expect(proxy.requests).toBe(4);
    expect(clock.sleeps).toEqual([375, 750, 1500]);
  });

  it("stops after the retry bound with a retryable error and logs it once", async () => {
    const { proxy, log, client } = await setup([
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { status: 500 },
      { status: 500 },
    ]);
    const error = await fetchShopInfo(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyApiError);
    expect(error).toMatchObject({ code: "SERVER_ERROR", retryable: true, status: 500, attempts: 4 });
    expect(proxy.requests).toBe(4);
    expect(log.entries).toEqual([expect.objectContaining({ isError: true, errorCode: "SERVER_ERROR", attempts: 4 })]);
  });

  it("does not sit through a Retry-After longer than the wait bound", async () => {
    const { clock, client } = await setup([{ status: 429, headers: { "Retry-After": "600" } }]);
    const error = await fetchShopInfo(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryable: true, retryAfterMs: 600_000, attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });
});
