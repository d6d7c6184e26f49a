/**
 * The seam between the sandbox store's GraphQL engine (engine/) and its HTTP server (server/).
 * The engine knows nothing about HTTP; the server knows nothing about products or orders.
 */

/** Shopify plan presets for the cost-based leaky bucket (points per second, bucket size). */
export type PlanName = "standard" | "advanced" | "plus";

/** A change inside a shop that Shopify would announce as a webhook (REST-shaped, snake_case payload). */
export interface SandboxEvent {
  shop: string; // "demo-shop.myshopify.com"
  topic: string; // "orders/create", "orders/updated", "products/update", "app/uninstalled", ...
  payload: Record<string, unknown>;
  /** Shopify's event id: the same change announced twice (e.g. on a re-send) keeps it. */
  eventId: string;
  triggeredAt: string; // ISO time
}

export interface GraphqlRequest {
  shop: string;
  /** Identifies the app (client id) whose bucket is charged: Shopify's limit is per app per store. */
  apiKey: string;
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  /** Header `Shopify-GraphQL-Cost-Debug: 1` was sent. */
  costDebug?: boolean;
}

export interface GraphqlResponse {
  /** HTTP status; Shopify answers THROTTLED and validation errors with 200. */
  status: number;
  headers?: Record<string, string>;
  body: unknown; // {data?, errors?, extensions: {cost: {...}}}
}

export interface SeedOptions {
  /** Same seed ⇒ same store. */
  seed?: number;
  products?: number;
  variantsPerProduct?: number;
  locations?: number;
  customers?: number;
  orders?: number;
}

export interface SeedSummary {
  products: number;
  variants: number;
  locations: number;
  customers: number;
  orders: number;
}

export interface ShopInput {
  domain: string; // must end in .myshopify.com
  name?: string;
  plan?: PlanName;
  currencyCode?: string; // default "USD"
}

/** What the HTTP server needs from the engine. */
export interface ShopifyEngine {
  createShop(input: ShopInput): void;
  hasShop(domain: string): boolean;
  listShops(): string[];
  /** Deterministic seed data (products × variants with SKUs and barcodes, locations, stock, customers, orders). */
  seed(domain: string, options: SeedOptions): SeedSummary;
  /** Runs a document against the real 2026-10 Admin schema, with cost accounting and throttling. */
  execute(request: GraphqlRequest): Promise<GraphqlResponse>;
  /** Every store change that Shopify would send as a webhook. Returns an unsubscribe function. */
  onEvent(listener: (event: SandboxEvent) => void): () => void;
  /** Forget all shops (tests). */
  reset(): void;
  /**
   * Every shop's state as a JSON-serialisable value (records, id/name counters, clock watermark,
   * idempotency keys; not throttle buckets), so a store can outlive its process.
   */
  snapshot(): unknown;
  /** Replaces all shops with a `snapshot()` value; throws, changing nothing, on a malformed or old one. */
  restore(snapshot: unknown): void;
}
