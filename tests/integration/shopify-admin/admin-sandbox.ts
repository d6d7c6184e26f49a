import type { Clock } from "../../../app/.server/adapters/clock.ts";
import { AdminClient, type AdminClientOptions } from "../../../app/.server/adapters/shopify/admin-client.ts";
import { adminGraphqlEndpoint } from "../../../app/.server/adapters/shopify/endpoint.ts";
import type { ApiCallRecord, ApiRequestLog } from "../../../app/.server/adapters/shopify/request-log.ts";
import type { PlanName } from "../../../sandbox/shopify/contracts.ts";
import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";

export const SHOP = "admin-port.myshopify.com";
const APP = { apiKey: "admin-port-key", apiSecret: "admin-port-secret" };

/**
 * A clock that only moves when someone sleeps on it. The sandbox engine reads the same clock, so
 * its leaky bucket refills by exactly the time the client waited and throttle maths is exact.
 */
export interface SteppingClock extends Clock {
  sleeps: number[];
}

export function steppingClock(start = Date.UTC(2026, 9, 1)): SteppingClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** Collects every call record the client reports. */
export function memoryLog(): ApiRequestLog & { entries: ApiCallRecord[] } {
  const entries: ApiCallRecord[] = [];
  return { entries, record: async (entry) => void entries.push(entry) };
}

/** A fetch that counts the HTTP requests it passes on. */
export function countingFetch(): typeof fetch & { calls: number } {
  const wrapped = Object.assign(
    async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      wrapped.calls += 1;
      return fetch(input, init);
    },
    { calls: 0 },
  );
  return wrapped;
}

/** The real sandbox (engine + HTTP server) on an ephemeral port with one shop and our app installed. */
export async function startAdminSandbox(options: { plan?: PlanName; clock?: Clock } = {}) {
  const clock = options.clock ?? steppingClock();
  const engine = createShopifyEngine({ now: () => clock.now() });
  engine.createShop({ domain: SHOP, name: "Admin Port Test", plan: options.plan ?? "standard", currencyCode: "EUR" });
  const server = await createShopifySandboxServer({ engine, port: 0 });
  server.registerApp({ ...APP, appUrl: "http://127.0.0.1:1", scopes: ["read_products"] });
  const { accessToken } = server.installApp(SHOP, APP.apiKey);
  const endpoint = adminGraphqlEndpoint(SHOP, { sandboxOrigin: server.url });

  /** A client of its own (fresh cost limiter) unless `limiter` is passed. */
  const client = (overrides: Partial<AdminClientOptions> = {}) =>
    new AdminClient({ shop: SHOP, accessToken, endpoint, clock, random: () => 0.5, ...overrides });

  return { engine, server, clock, accessToken, endpoint, client, close: () => server.close() };
}
