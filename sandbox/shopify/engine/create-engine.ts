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
import { createDropResponses } from "./drop-responses.ts";
import { executeRequest } from "./execute-request.ts";
import { createFulfillmentService } from "./fulfillment-services.ts";
import { inventoryMutations } from "./inventory-set.ts";
import { fulfillmentMutations } from "./mutations-fulfillment.ts";
import { miscMutations } from "./mutations-misc.ts";
import { orderMutations } from "./mutations-order.ts";
import { productSetMutations } from "./mutations-product.ts";
import { queryRoot } from "./query-root.ts";
import { fulfillmentFacts, fulfillmentServiceFact } from "./sandbox-facts.ts";
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
  ...fulfillmentMutations,
};

/** Who owns a fulfillment service made through the control API unless told: some other app. */
export const THIRD_PARTY_API_KEY = "sandbox-3pl";

export function createShopifyEngine(options: EngineOptions = {}): SandboxShopifyEngine {
  const now = options.now ?? Date.now;
  const schema = loadAdminSchema();
  const shops = new Map<string, ShopState>();
  const listeners = new Set<(event: SandboxEvent) => void>();
  const buckets = createBucketStore(now);
  const drops = createDropResponses();
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
      const { executedRootFields, ...response } = await executeRequest(
        { schema, buckets, rootValue: ROOT_VALUE },
        state,
        request,
      );
      const dropped = drops.take(request.shop, executedRootFields ?? []);
      if (!dropped) return response;
      // Applied, but the answer is lost: callers in-process see a bare 502 with nothing in it.
      return { status: 502, headers: { "content-type": "application/json" }, body: { errors: "Bad Gateway" }, dropped };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      shops.clear();
      buckets.clear();
      drops.clear();
    },
    listFulfillments(domain, orderId) {
      const state = shops.get(domain);
      return state ? fulfillmentFacts(state, orderId) : null;
    },
    createFulfillmentService(domain, input) {
      const state = shops.get(domain);
      if (!state) throw new Error(`no shop ${domain} in the sandbox`);
      const created = createFulfillmentService(state, {
        name: input.name,
        ownerApiKey: input.ownerApiKey ?? THIRD_PARTY_API_KEY,
      });
      if ("userErrors" in created) throw new Error(created.userErrors.map((e) => e.message).join("; "));
      return fulfillmentServiceFact(created.service, created.location);
    },
    setDropResponse: (knob) => drops.set(knob),
    dropResponseKnobs: () => drops.list(),
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
