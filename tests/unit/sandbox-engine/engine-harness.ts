import type { PlanName, SandboxEvent, SeedOptions } from "../../../sandbox/shopify/contracts.ts";
import { createShopifyEngine, type SandboxShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";

export const REFERENCE_TIMESTAMP = Date.parse("2026-03-01T12:00:00.000Z");
export const SHOP = "demo-shop.myshopify.com";

export interface Harness {
  engine: SandboxShopifyEngine;
  events: SandboxEvent[];
  advance(ms: number): void;
  now(): number;
  gql(
    query: string,
    variables?: Record<string, unknown>,
    extra?: { costDebug?: boolean; apiKey?: string },
  ): Promise<GqlBody>;
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; locations?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions: {
    cost: {
      requestedQueryCost: number;
      actualQueryCost: number | null;
      throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
      fields?: unknown[];
    };
  };
}

/** A fresh engine with a frozen, manually advanced clock and one shop. */
export function createHarness(options: { plan?: PlanName; seed?: SeedOptions | null } = {}): Harness {
  let t = REFERENCE_TIMESTAMP;
  const engine = createShopifyEngine({ now: () => t });
  engine.createShop({ domain: SHOP, plan: options.plan ?? "standard", name: "Demo Shop" });
  if (options.seed !== null) engine.seed(SHOP, options.seed ?? {});
  const events: SandboxEvent[] = [];
  engine.onEvent((e) => events.push(e));
  return {
    engine,
    events,
    advance: (ms) => {
      t += ms;
    },
    now: () => t,
    async gql(query, variables, extra = {}) {
      const res = await engine.execute({
        shop: SHOP,
        apiKey: extra.apiKey ?? "app-1",
        query,
        variables: variables ?? null,
        costDebug: extra.costDebug,
      });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return res.body as GqlBody;
    },
  };
}

/** Reads a nested value by dotted path, failing loudly when a step is missing. */
export function at<T = unknown>(value: unknown, path: string): T {
  let cur: unknown = value;
  for (const step of path.split(".")) {
    if (cur === null || typeof cur !== "object") throw new Error(`no ${step} in ${path}`);
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur as T;
}
