import type { ShopifyErrorCode } from "./errors.ts";
import { errorBodyMessage, graphqlEnvelopeSchema, type GraphqlError, type QueryCost } from "./graphql-envelope.ts";
import { parseRetryAfterMs } from "./retry-policy.ts";

/** What one HTTP attempt means for the retry loop. */
export type AttemptOutcome =
  | { kind: "ok"; status: number; data: Record<string, unknown>; cost?: QueryCost }
  | { kind: "throttled"; status: number; cost: QueryCost }
  | {
      kind: "transient";
      status: number | null;
      code: ShopifyErrorCode;
      message: string;
      retryAfterMs?: number;
      cost?: QueryCost;
      cause?: unknown;
    }
  | { kind: "fail"; status: number; code: ShopifyErrorCode; message: string; cost?: QueryCost };

const STATUS_CODES: Record<number, ShopifyErrorCode> = {
  401: "UNAUTHORIZED",
  402: "PAYMENT_REQUIRED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  423: "SHOP_LOCKED",
};

/** Top-level GraphQL error codes Shopify uses that say more than "the document is wrong". */
const GRAPHQL_CODES: Record<string, ShopifyErrorCode> = {
  ACCESS_DENIED: "ACCESS_DENIED",
  MAX_COST_EXCEEDED: "MAX_COST_EXCEEDED",
  VARIANT_THROTTLE_EXCEEDED: "VARIANT_THROTTLE_EXCEEDED",
};

export interface RawResponse {
  status: number;
  retryAfter: string | null;
  body: string;
  now: number;
  operation: string;
}

/** Classifies an Admin API answer; pure, so every branch is testable without a server. */
export function interpretResponse(raw: RawResponse): AttemptOutcome {
  const { status } = raw;
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(raw.retryAfter, raw.now);
    return {
      kind: "transient",
      status,
      code: "RATE_LIMITED",
      message: "HTTP 429 Too Many Requests",
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfterMs(raw.retryAfter, raw.now);
    return {
      kind: "transient",
      status,
      code: "SERVER_ERROR",
      message: `HTTP ${status}: ${errorBodyMessage(raw.body)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status !== 200) {
    return {
      kind: "fail",
      status,
      code: STATUS_CODES[status] ?? "BAD_REQUEST",
      message: `${raw.operation}: HTTP ${status}: ${errorBodyMessage(raw.body)}`,
    };
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.body);
  } catch (cause) {
    return {
      kind: "transient",
      status,
      code: "INVALID_RESPONSE",
      message: `not JSON: ${errorBodyMessage(raw.body, 80)}`,
      cause,
    };
  }
  const parsed = graphqlEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: "fail",
      status,
      code: "INVALID_RESPONSE",
      message: `${raw.operation}: not a GraphQL envelope: ${parsed.error.issues[0]?.message ?? ""}`,
    };
  }
  const { data, errors, extensions } = parsed.data;
  const cost = extensions?.cost;
  const withCost = cost ? { cost } : {};
  if (!errors || errors.length === 0) {
    if (!data) {
      return { kind: "fail", status, code: "INVALID_RESPONSE", message: `${raw.operation}: no data, no errors` };
    }
    return { kind: "ok", status, data, ...withCost };
  }

  const codes = errors.map((e) => e.extensions?.code);
  if (codes.includes("THROTTLED")) {
    // Without throttleStatus there is nothing to compute a wait from: fall back to backoff.
    if (cost) return { kind: "throttled", status, cost };
    return { kind: "transient", status, code: "THROTTLED", message: "Throttled" };
  }
  const message = `${raw.operation}: ${summarise(errors)}`;
  if (codes.includes("INTERNAL_SERVER_ERROR")) {
    return { kind: "transient", status, code: "SERVER_ERROR", message, ...withCost };
  }
  const known = codes.map((c) => (c ? GRAPHQL_CODES[c] : undefined)).find((c) => c !== undefined);
  if (known) return { kind: "fail", status, code: known, message, ...withCost };
  // graphql-ruby leaves `data` out when it rejected the document before running it.
  const code: ShopifyErrorCode = data === undefined ? "GRAPHQL_VALIDATION" : "GRAPHQL_ERROR";
  return { kind: "fail", status, code, message, ...withCost };
}

function summarise(errors: GraphqlError[]): string {
  const first = errors.slice(0, 3).map((e) => e.message.split("\n")[0] ?? "");
  const more = errors.length > 3 ? ` (+${errors.length - 3} more)` : "";
  return `${first.join("; ")}${more}`.slice(0, 500);
}
