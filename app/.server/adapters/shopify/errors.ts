/**
 * Stable codes for everything that can go wrong talking to the Admin API. Callers branch on
 * `retryable` (throw so graphile-worker retries, or record and move on); `code` is what the API
 * log and the dashboard show.
 */
export const SHOPIFY_ERROR_CODES = {
  /** HTTP 401: the token is wrong, revoked or the app was uninstalled. */
  UNAUTHORIZED: false,
  /** HTTP 402: the shop is frozen (unpaid). */
  PAYMENT_REQUIRED: false,
  /** HTTP 403 or GraphQL ACCESS_DENIED: a scope is missing. */
  FORBIDDEN: false,
  ACCESS_DENIED: false,
  /** HTTP 404: no such shop or API version. */
  NOT_FOUND: false,
  /** HTTP 423: Shopify locked the shop (e.g. repeated rate-limit abuse). */
  SHOP_LOCKED: false,
  /** Any other 4xx, e.g. a malformed request body. */
  BAD_REQUEST: false,
  /** The document does not validate against the schema (misspelt field, wrong variable type). */
  GRAPHQL_VALIDATION: false,
  /** A GraphQL error we have no better name for. */
  GRAPHQL_ERROR: false,
  /** The query costs more than Shopify allows for one query (1,000) or than the bucket holds. */
  MAX_COST_EXCEEDED: false,
  /**
   * GraphQL VARIANT_THROTTLE_EXCEEDED: the store has 50,000 variants or more and today's 1,000 new
   * ones are used up; nothing was written. Not retried: the caller waits a day, not seconds.
   */
  VARIANT_THROTTLE_EXCEEDED: false,
  /** A mutation answered with `userErrors` and the caller asked for them to be thrown. */
  USER_ERRORS: false,
  /** GraphQL THROTTLED after our retries ran out. */
  THROTTLED: true,
  /** HTTP 429 after our retries ran out. */
  RATE_LIMITED: true,
  /** HTTP 5xx or GraphQL INTERNAL_SERVER_ERROR after our retries ran out. */
  SERVER_ERROR: true,
  /** The request never got an HTTP answer (DNS, reset, refused). */
  NETWORK_ERROR: true,
  /** No answer within the request timeout. */
  TIMEOUT: true,
  /** An answer that is not a GraphQL envelope (HTML from a proxy, truncated JSON). */
  INVALID_RESPONSE: true,
} as const satisfies Record<string, boolean>;

export type ShopifyErrorCode = keyof typeof SHOPIFY_ERROR_CODES;

export interface ShopifyApiErrorInit {
  code: ShopifyErrorCode;
  message: string;
  operation: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** How long Shopify asked us to wait (Retry-After or throttle maths), for the job's next run. */
  retryAfterMs?: number;
  /** Attempts made, including the last one. */
  attempts?: number;
  cause?: unknown;
}

/** A failed Admin API call. Never carries the token, headers or the request/response payload. */
export class ShopifyApiError extends Error {
  override name = "ShopifyApiError";
  readonly code: ShopifyErrorCode;
  readonly retryable: boolean;
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor(init: ShopifyApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = SHOPIFY_ERROR_CODES[init.code];
    this.operation = init.operation;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }
}

export function isShopifyApiError(error: unknown): error is ShopifyApiError {
  return error instanceof ShopifyApiError;
}

/** A mutation's `userErrors` entry (the common shape across Admin mutations). */
export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/**
 * `userErrors` are data, not failures, and the client returns them untouched. Call this when
 * the caller cannot go on with any of them: it throws a non-retryable USER_ERRORS error that
 * lists every message, so retrying the same input is never attempted.
 */
export function throwOnUserErrors(operation: string, userErrors: readonly UserError[] | null | undefined): void {
  if (!userErrors || userErrors.length === 0) return;
  const details = userErrors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message));
  throw new ShopifyApiError({ code: "USER_ERRORS", operation, message: `${operation}: ${details.join("; ")}` });
}

/** Shopify's words, as the merchant should read them (field path, then message). */
export function describeUserErrors(errors: readonly UserError[]): string {
  return errors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");
}
