import type {
  GraphqlRequest,
  GraphqlResponse,
  SandboxEvent,
  SeedOptions,
  SeedSummary,
  ShopifyEngine,
  ShopInput,
} from "../contracts.ts";
import { createBucketStore } from "./bucket.ts";
import { executeRequest } from "./execute-request.ts";
import { inventoryMutations } from "./inventory-set.ts";
import { miscMutations } from "./mutations-misc.ts";
import { orderMutations } from "./mutations-order.ts";
import { productSetMutations } from "./mutations-product.ts";
import { queryRoot } from "./query-root.ts";
import { loadAdminSchema } from "./schema.ts";
import { loadSeed } from "./seed-loader.ts";
import { createShopState, type ShopState } from "./shop-state.ts";
import { restoreShops, snapshotShops } from "./snapshot.ts";

export interface EngineOptions {
  /** Milliseconds since the epoch; drives timestamps and bucket refills. Default Date.now. */
  now?: () => number;
}

/** The contract plus direct store access for tests. */
export interface SandboxShopifyEngine extends ShopifyEngine {
  /** The live in-memory store of a shop (tests only; mutate through GraphQL otherwise). */
  shopState(domain: string): ShopState | undefined;
}

const ROOT_VALUE: Record<string, unknown> = {
  ...queryRoot,
  ...orderMutations,
  ...miscMutations,
  ...inventoryMutations,
  ...productSetMutations,
};

export function createShopifyEngine(options: EngineOptions = {}): SandboxShopifyEngine {
  const now = options.now ?? Date.now;
  const schema = loadAdminSchema();
  const shops = new Map<string, ShopState>();
  const listeners = new Set<(event: SandboxEvent) => void>();
  const buckets = createBucketStore(now);
  const publish = (event: SandboxEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not undo a store change that already happened.
      }
    }
  };

  const createShop = (input: ShopInput): void => {
    if (!input.domain.endsWith(".myshopify.com")) {
      throw new Error(`shop domain must end in .myshopify.com: ${input.domain}`);
    }
    if (shops.has(input.domain)) return;
    shops.set(input.domain, createShopState(input, now, publish));
  };

  return {
    createShop,
    hasShop: (domain) => shops.has(domain),
    listShops: () => [...shops.keys()],
    seed(domain: string, seedOptions: SeedOptions): SeedSummary {
      if (!shops.has(domain)) createShop({ domain });
      return loadSeed(shops.get(domain)!, seedOptions);
    },
    async execute(request: GraphqlRequest): Promise<GraphqlResponse> {
      const state = shops.get(request.shop);
      if (!state) {
        return { status: 404, headers: { "content-type": "application/json" }, body: { errors: "Not Found" } };
      }
      return executeRequest({ schema, buckets, rootValue: ROOT_VALUE }, state, request);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      shops.clear();
      buckets.clear();
    },
    snapshot: () => snapshotShops(shops),
    restore(snapshot) {
      const restored = restoreShops(snapshot, now, publish);
      shops.clear();
      for (const [domain, state] of restored) shops.set(domain, state);
      // Throttle state is not persisted: a restored store starts with full buckets, as after a restart.
      buckets.clear();
    },
    shopState: (domain) => shops.get(domain),
  };
}
