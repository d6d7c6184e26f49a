import type { GraphqlRequest, SandboxEvent, ShopifyEngine, ShopInput } from "../../../sandbox/shopify/contracts.ts";

/** A contract-shaped engine that records requests and lets tests emit events. */
export function createStubEngine() {
  const shops = new Set<string>();
  const listeners = new Set<(event: SandboxEvent) => void>();
  const requests: GraphqlRequest[] = [];
  let eventSeq = 0;
  const engine: ShopifyEngine = {
    createShop: (input: ShopInput) => void shops.add(input.domain),
    hasShop: (domain) => shops.has(domain),
    listShops: () => [...shops],
    seed: () => ({ products: 0, variants: 0, locations: 0, customers: 0, orders: 0 }),
    execute: async (request) => {
      requests.push(request);
      return {
        status: 200,
        headers: { "X-Stub-Engine": "1" },
        body: { data: { shop: { myshopifyDomain: request.shop } }, extensions: { cost: { requestedQueryCost: 1 } } },
      };
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset: () => {
      shops.clear();
      requests.length = 0;
    },
    snapshot: () => ({ shops: [...shops] }),
    restore: (snapshot) => {
      shops.clear();
      for (const shop of (snapshot as { shops: string[] }).shops) shops.add(shop);
    },
    listFulfillments: () => null,
    createFulfillmentService: () => {
      throw new Error("stub engine: no fulfillment services");
    },
    setDropResponse: () => [],
    dropResponseKnobs: () => [],
    advanceClock: () => Date.now(),
    setExistingVariants: () => ({ variants: 0 }),
  };
  const emit = (shop: string, topic: string, payload: Record<string, unknown>): SandboxEvent => {
    const event = { shop, topic, payload, eventId: `evt-${++eventSeq}`, triggeredAt: new Date().toISOString() };
    for (const listener of listeners) listener(event);
    return event;
  };
  return { engine, requests, emit };
}
