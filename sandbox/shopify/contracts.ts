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
  /** Set for events only one app hears (bulk_operations/finish goes to the app that ran the operation). */
  apiKey?: string;
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
  /**
   * Set when a drop-response knob took this answer: the request ran (its changes stay) but the
   * caller must not hear back. The HTTP server resets the connection or answers 502 (`status`).
   */
  dropped?: DropMode;
}

/** How a dropped answer is lost: the connection reset before any byte, or a bare 502 Bad Gateway. */
export type DropMode = "reset" | "502";

/**
 * A fault knob: the next `times` requests that run the root field `operation` (e.g.
 * "fulfillmentCreate"), on `shop` or any shop, are applied and then their answer is lost, as when
 * the caller dies after Shopify acted but before it heard the answer. `times: 0` removes it.
 */
export interface DropResponseKnob {
  operation: string;
  times: number;
  shop?: string | null;
  /** Default "reset". */
  mode?: DropMode;
}

/** A fulfillment as a test wants to check it, including what the Admin API does not show. */
export interface SandboxFulfillment {
  id: string; // gid://shopify/Fulfillment/1001
  name: string; // "#1001-F1"
  status: string; // SUCCESS | CANCELLED
  orderId: string;
  locationId: string | null;
  fulfillmentOrderIds: string[];
  notifyCustomer: boolean;
  /** The `message` argument of fulfillmentCreate. */
  message: string | null;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  /** Units per order line item (`lineItemId` is the order's LineItem gid). */
  lineItems: { id: string; lineItemId: string; sku: string | null; quantity: number }[];
  originAddress: Record<string, string | null> | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxFulfillmentService {
  id: string; // gid://shopify/FulfillmentService/1001
  handle: string;
  serviceName: string;
  ownerApiKey: string;
  locationId: string; // the service's own location
}

/** Shopify Payments payout statuses (ShopifyPaymentsPayoutStatus). */
export type PayoutStatusName = "SCHEDULED" | "IN_TRANSIT" | "PAID" | "FAILED" | "CANCELED";

/** A Shopify Payments payout as the control API reports it. */
export interface SandboxPayout {
  id: string; // gid://shopify/ShopifyPaymentsPayout/1001
  status: PayoutStatusName;
  issuedAt: string;
  net: { amount: string; currencyCode: string };
  transactionType: string; // DEPOSIT | WITHDRAWAL
  balanceTransactionIds: string[];
}

export interface SeedOptions {
  /** Same seed ⇒ same store. */
  seed?: number;
  products?: number;
  variantsPerProduct?: number;
  locations?: number;
  customers?: number;
  orders?: number;
  /** Demo B2B companies (0 or 1: there is one, Northwind Traders); default 1 when `customers` is not given, else 0. */
  companies?: number;
}

export interface SeedSummary {
  products: number;
  variants: number;
  locations: number;
  customers: number;
  orders: number;
  /** Companies seeded (the Shopify store's B2B buyers); absent when none were. */
  companies?: number;
}

export interface ShopInput {
  domain: string; // must end in .myshopify.com
  name?: string;
  plan?: PlanName;
  currencyCode?: string; // default "USD"
}

/** An upload to a staged target, as the sandbox server received it (POST form or PUT). */
export interface StagedUploadRequest {
  /** The target's key: the `key` form field, or the PUT URL's path below `/staged-uploads/`. */
  key: string;
  /** `x-goog-signature` (form field) or `X-Goog-Signature` (query), null when missing. */
  signature: string | null;
  body: Buffer;
  contentType: string | null;
}

/** 2xx: the bytes are kept; otherwise the Google Cloud Storage error to answer with. */
export type StagedUploadResult =
  { ok: true; key: string; size: number; etag: string } | { ok: false; status: number; code: string; message: string };

/**
 * The byte store behind staged uploads, files and bulk operation results. Optional on the
 * contract: engines without it (test stubs) have no upload or storage routes.
 */
export interface SandboxStorage {
  /** The origin the server is reachable at (URLs in answers are built from it). */
  setOrigin(origin: string): void;
  acceptUpload(request: StagedUploadRequest): StagedUploadResult;
  /** Stored bytes by key (`<origin>/storage/<key>`), null when there are none. */
  read(key: string): { contentType: string; body: Buffer } | null;
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
  /** Forget all shops and fault knobs (tests). */
  reset(): void;
  /** Every fulfillment of an order, oldest first; null when the shop or order does not exist. */
  listFulfillments(shop: string, orderId: string | number): SandboxFulfillment[] | null;
  /**
   * A fulfillment service with its location, owned by `ownerApiKey` (default "sandbox-3pl": a
   * third-party app), as a 3PL's app would create it. Throws on an unknown shop or a taken name.
   */
  createFulfillmentService(shop: string, input: { name: string; ownerApiKey?: string }): SandboxFulfillmentService;
  /**
   * Moves the store's clock (timestamps, the variant throttle's rolling day, bucket refills)
   * forward by `ms`, so a test can pass a day without waiting; returns the new time (ms since the
   * epoch). Not kept in snapshots. Throws on a negative or non-finite `ms`.
   */
  advanceClock(ms: number): number;
  /**
   * Makes the shop hold `count` variants besides its records (replacing the previous number), so a
   * test can put a store over the throttle's 50,000 variants without creating them; they count in
   * `productVariantsCount` and the throttle, and no query lists them. Returns the store's total.
   */
  setExistingVariants(shop: string, count: number): { variants: number };
  /** Sets (or with `times: 0` removes) a drop-response knob; returns the knobs now armed. */
  setDropResponse(knob: DropResponseKnob): DropResponseKnob[];
  /**
   * Shopify's payout schedule, on demand: every pending Shopify Payments balance transaction of the
   * shop goes into a new payout (default SCHEDULED). Throws when nothing is pending. Optional on
   * the contract (test stubs have no ledger).
   */
  createPayout?(shop: string, input?: { status?: PayoutStatusName; issuedAt?: string }): SandboxPayout;
  /** Moves a payout on (e.g. to PAID); `id` is its gid or number. Throws on an unknown shop or payout. */
  setPayoutStatus?(shop: string, id: string | number, status: PayoutStatusName): SandboxPayout;
  dropResponseKnobs(): DropResponseKnob[];
  /**
   * Every shop's state as a JSON-serialisable value (records, id/name counters, clock watermark,
   * idempotency keys; not throttle buckets), so a store can outlive its process.
   */
  snapshot(): unknown;
  /** Replaces all shops with a `snapshot()` value; throws, changing nothing, on a malformed or old one. */
  restore(snapshot: unknown): void;
  storage?: SandboxStorage;
  /** Resolves when no background work (bulk operations, file processing, async productSet) is pending. */
  idle?(): Promise<void>;
}
