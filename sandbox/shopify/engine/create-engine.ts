import { createHash } from "node:crypto";

import type {
  GraphqlRequest,
  GraphqlResponse,
  SandboxEvent,
  SandboxPayout,
  SandboxStorage,
  SeedOptions,
  SeedSummary,
  ShopifyEngine,
  ShopInput,
} from "../contracts.ts";
import { createBackground } from "./background.ts";
import { createBucketStore } from "./bucket.ts";
import { planBulkQuery } from "./bulk-query.ts";
import { resumeBulkOperations, startBulkQuery } from "./bulk-runner.ts";
import { blobByKey } from "./catalog-index.ts";
import { createDropResponses } from "./drop-responses.ts";
import { executeRequest, prepare } from "./execute-request.ts";
import type { EngineRuntime } from "./field-resolver.ts";
import { resumeFiles } from "./files.ts";
import { createFulfillmentService } from "./fulfillment-services.ts";
import { stockingMutations } from "./inventory-activate.ts";
import { adjustMutations } from "./inventory-adjust.ts";
import { inventoryMutations } from "./inventory-set.ts";
import { bulkMutations, bulkQueries } from "./mutations-bulk.ts";
import { companyMutations } from "./mutations-company.ts";
import { companyContactMutations } from "./mutations-company-contacts.ts";
import { customerMutations } from "./mutations-customer.ts";
import { fileMutations, fileQueries } from "./mutations-files.ts";
import { fulfillmentMutations } from "./mutations-fulfillment.ts";
import { miscMutations } from "./mutations-misc.ts";
import { moneyMutations } from "./mutations-money.ts";
import { orderMutations } from "./mutations-order.ts";
import { productMutations, productQueries, resumeProductOperations } from "./mutations-product.ts";
import { returnMutations } from "./mutations-returns.ts";
import { variantMutations } from "./mutations-variants.ts";
import { createPayout, setPayoutStatus } from "./payments-ledger.ts";
import { companyQueries } from "./queries-company.ts";
import { queryRoot } from "./query-root.ts";
import { fulfillmentFacts, fulfillmentServiceFact } from "./sandbox-facts.ts";
import { loadAdminSchema } from "./schema.ts";
import { loadSeed } from "./seed-loader.ts";
import { createShopState, type ShopHooks, type ShopState, stamp } from "./shop-state.ts";
import { restoreShops, snapshotShops } from "./snapshot.ts";
import { acceptUpload, blobBytes } from "./staged-uploads.ts";
import { variantTotal } from "./variant-throttle.ts";
import { paymentsQueries, payoutView } from "./views-payments.ts";
import { returnQueries } from "./views-return.ts";

export interface EngineOptions {
  /** Milliseconds since the epoch; drives timestamps and bucket refills. Default Date.now. */
  now?: () => number;
  /** Where the sandbox server is reachable, for URLs in answers; the server sets it once listening. */
  origin?: string;
}

/** The contract plus direct store access for tests. */
export interface SandboxShopifyEngine extends ShopifyEngine {
  /** The live in-memory store of a shop (tests only; mutate through GraphQL otherwise). */
  shopState(domain: string): ShopState | undefined;
  storage: SandboxStorage;
  idle(): Promise<void>;
}

const ROOT_VALUE: Record<string, unknown> = {
  ...queryRoot,
  ...bulkQueries,
  ...fileQueries,
  ...productQueries,
  ...orderMutations,
  ...miscMutations,
  ...inventoryMutations,
  ...adjustMutations,
  ...stockingMutations,
  ...productMutations,
  ...variantMutations,
  ...fileMutations,
  ...bulkMutations,
  ...fulfillmentMutations,
  ...customerMutations,
  ...companyQueries,
  ...companyMutations,
  ...companyContactMutations,
  ...paymentsQueries,
  ...moneyMutations,
  ...returnMutations,
  ...returnQueries,
};

/** Who owns a fulfillment service made through the control API unless told: some other app. */
export const THIRD_PARTY_API_KEY = "sandbox-3pl";

export function createShopifyEngine(options: EngineOptions = {}): SandboxShopifyEngine {
  const baseNow = options.now ?? Date.now;
  // Moved by advanceClock (the control API's /sandbox/clock); not kept in snapshots, as the real clock is not.
  let clockOffsetMs = 0;
  const now = () => baseNow() + clockOffsetMs;
  let origin = options.origin ?? "http://127.0.0.1:8790";
  const schema = loadAdminSchema();
  const runtime: EngineRuntime = { schema, rootValue: ROOT_VALUE };
  const shops = new Map<string, ShopState>();
  const listeners = new Set<(event: SandboxEvent) => void>();
  const buckets = createBucketStore(now);
  const drops = createDropResponses();
  const background = createBackground((error) => {
    console.error("sandbox store: background work failed:", error);
  });
  const publish = (event: SandboxEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not undo a store change that already happened.
      }
    }
  };
  const hooks: ShopHooks = { now, publish, origin: () => origin, background };

  const createShop = (input: ShopInput): void => {
    if (!input.domain.endsWith(".myshopify.com")) {
      throw new Error(`shop domain must end in .myshopify.com: ${input.domain}`);
    }
    if (shops.has(input.domain)) return;
    shops.set(input.domain, createShopState(input, hooks));
  };

  /** Storage keys carry the shop's handle as their second segment (see file-urls.ts). */
  const shopOfKey = (key: string): ShopState | undefined => shops.get(`${key.split("/")[1] ?? ""}.myshopify.com`);

  const storage: SandboxStorage = {
    setOrigin(value) {
      origin = value;
    },
    acceptUpload(request) {
      const state = shopOfKey(request.key);
      if (!state) return { ok: false, status: 403, code: "AccessDenied", message: "Access denied." };
      const outcome = acceptUpload(state, request);
      if (!outcome.ok) return outcome;
      const etag = createHash("md5").update(request.body).digest("hex");
      return { ok: true, key: outcome.blob.key, size: outcome.blob.size, etag };
    },
    read(key) {
      const state = shopOfKey(key);
      const blob = state ? blobByKey(state, key) : undefined;
      const body = blob ? blobBytes(blob) : null;
      return blob && body ? { contentType: blob.mimeType || "application/octet-stream", body } : null;
    },
  };

  /** Picks up what a restart interrupted: bulk operations, asynchronous productSet, file processing. */
  const resume = (state: ShopState) => {
    resumeBulkOperations(state, (op) => {
      const { document, errors } = prepare(schema, op.query);
      const planned = errors.length === 0 ? planBulkQuery(schema, document) : null;
      if (!planned || "error" in planned) return false;
      startBulkQuery(state, runtime, op, document, planned.plan);
      return true;
    });
    resumeProductOperations(state);
    resumeFiles(state);
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
        { schema, buckets, rootValue: ROOT_VALUE, runtime },
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
      background.clear();
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
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`the clock only moves forward: ${ms}`);
      clockOffsetMs += ms;
      return now();
    },
    setExistingVariants(domain, count) {
      const state = shops.get(domain);
      if (!state) throw new Error(`no shop ${domain} in the sandbox`);
      if (!Number.isInteger(count) || count < 0) throw new Error(`existing variants must be a whole number: ${count}`);
      state.existingVariants = count;
      // A stamp moves the shop's watermark, so the journal sees the change (it skips unstamped shops).
      stamp(state);
      return { variants: variantTotal(state) };
    },
    createPayout(domain, input = {}) {
      const state = shops.get(domain);
      if (!state) throw new Error(`no shop ${domain} in the sandbox`);
      return payoutFact(state, createPayout(state, input).id);
    },
    setPayoutStatus(domain, id, status) {
      const state = shops.get(domain);
      if (!state) throw new Error(`no shop ${domain} in the sandbox`);
      return payoutFact(state, setPayoutStatus(state, payoutIdOf(id), status).id);
    },
    setDropResponse: (knob) => drops.set(knob),
    dropResponseKnobs: () => drops.list(),
    snapshot: () => snapshotShops(shops),
    restore(snapshot) {
      const restored = restoreShops(snapshot, hooks);
      background.clear();
      shops.clear();
      for (const [domain, state] of restored) shops.set(domain, state);
      // Throttle state is not persisted: a restored store starts with full buckets, as after a restart.
      buckets.clear();
      // Later, not now: a journal replay restores twice in a row, and only the last store should resume.
      for (const state of restored.values()) background.later(() => resume(state), 0);
    },
    storage,
    idle: () => background.idle(),
    shopState: (domain) => shops.get(domain),
  };
}

function payoutIdOf(id: string | number): number {
  const n = typeof id === "number" ? id : Number(/(\d+)$/.exec(id)?.[1] ?? NaN);
  if (!Number.isInteger(n)) throw new Error(`not a payout id: ${id}`);
  return n;
}

/** A payout as the control API answers it: the Admin API's view, resolved to plain JSON. */
function payoutFact(state: ShopState, id: number): SandboxPayout {
  const payout = state.payouts.get(id)!;
  const view = payoutView(state, payout) as { net: { amount: string; currencyCode: string }; transactionType: string };
  return {
    id: `gid://shopify/ShopifyPaymentsPayout/${id}`,
    status: payout.status,
    issuedAt: payout.issuedAt,
    net: view.net,
    transactionType: view.transactionType,
    balanceTransactionIds: payout.balanceTransactionIds.map(
      (b) => `gid://shopify/ShopifyPaymentsBalanceTransaction/${b}`,
    ),
  };
}
