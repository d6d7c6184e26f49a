import { coerceError } from "../../errors/coerce-error.ts";
import { type Clock, systemClock } from "../clock.ts";
import { WritesDisabledError } from "../writes-disabled.ts";
import type { AdminQueryOptions, GraphqlVariables, ShopifyAdmin } from "./admin-port.ts";
import { CostLimiter, type CostTicket, CostWaitTooLongError, throttledWaitMs } from "./cost-limiter.ts";
import { adminGraphqlEndpoint } from "./endpoint.ts";
import { ShopifyApiError, type ShopifyErrorCode } from "./errors.ts";
import { isMutationDocument, operationNameOf, type QueryCost } from "./graphql-envelope.ts";
import { type AttemptOutcome, interpretResponse } from "./interpret-response.ts";
import { type ApiRequestLog, discardRequestLog } from "./request-log.ts";
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

export interface AdminClientOptions {
  /** `name.myshopify.com`. */
  shop: string;
  /** The offline token, or a function that loads it (from the session store) per call. */
  accessToken: string | (() => string | Promise<string>);
  /** Default: `https://<shop>/admin/api/<ADMIN_API_VERSION>/graphql.json` (see adminGraphqlEndpoint for the sandbox). */
  endpoint?: string;
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Default: the system clock. */
  clock?: Clock;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  /** Where every call is reported. Default: nowhere. */
  log?: ApiRequestLog;
  /** Share one per shop among clients in a process. Default: a limiter of this client's own. */
  limiter?: CostLimiter;
  retry?: Partial<RetryPolicy>;
  /** Per HTTP request. Default 30 s. */
  timeoutMs?: number;
  /** The shop's kill switch: refuse every mutation with WritesDisabledError before it is sent. */
  refuseMutations?: boolean;
}

const USER_AGENT = "shopify-erp-connector";

/**
 * ShopifyAdmin over HTTP. Cost-aware (waits for the bucket before a call that would not fit,
 * and after THROTTLED), retries 429/5xx/network failures with backoff and jitter a bounded
 * number of times, and reports every call, success or failure, to the request log.
 */
export class AdminClient implements ShopifyAdmin {
  readonly shop: string;
  readonly #endpoint: string;
  readonly #path: string;
  readonly #token: () => string | Promise<string>;
  readonly #fetch: typeof fetch;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #log: ApiRequestLog;
  readonly #limiter: CostLimiter;
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #refuseMutations: boolean;

  constructor(options: AdminClientOptions) {
    this.shop = options.shop;
    this.#endpoint = options.endpoint ?? adminGraphqlEndpoint(options.shop);
    this.#path = new URL(this.#endpoint).pathname;
    const token = options.accessToken;
    this.#token = typeof token === "string" ? () => token : token;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#log = options.log ?? discardRequestLog;
    this.#limiter = options.limiter ?? new CostLimiter();
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#refuseMutations = options.refuseMutations ?? false;
  }

  async query<TData, TVars extends GraphqlVariables = GraphqlVariables>(
    document: string,
    variables: TVars,
    options: AdminQueryOptions = {},
  ): Promise<TData> {
    const operation = options.operation ?? operationNameOf(document) ?? "anonymous";
    if (this.#refuseMutations && isMutationDocument(document)) throw new WritesDisabledError("shopify", operation);
    const started = this.#clock.now();
    const run = { attempts: 0, waitedMs: 0, status: null as number | null, cost: undefined as QueryCost | undefined };
    let throttleRetries = 0;
    let transientRetries = 0;

    const wait = async (ms: number) => {
      await this.#clock.sleep(ms, options.signal);
      run.waitedMs += ms;
    };
    const fail = async (
      code: ShopifyErrorCode,
      message: string,
      extra: { retryAfterMs?: number; cause?: unknown } = {},
    ) => {
      const error = new ShopifyApiError({
        code,
        message,
        operation,
        status: run.status ?? undefined,
        attempts: run.attempts,
        ...extra,
      });
      await this.#record(operation, started, run, error);
      return error;
    };

    for (;;) {
      // Wait in line for the bucket (re-checked after every wait), then hold the points until the
      // answer shows what Shopify charged. An unknown cost still queues, behind the first answer.
      const estimate = () => this.#limiter.estimate(operation, options.estimatedCost) ?? 0;
      let ticket: CostTicket;
      try {
        ticket = await this.#limiter.acquire(estimate, {
          clock: this.#clock,
          maxWaitMs: this.#policy.maxWaitMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof CostWaitTooLongError)) throw error;
        throw await fail("THROTTLED", `${operation}: needs ${estimate()} points, ${error.message}`, {
          retryAfterMs: error.waitMs,
        });
      }
      run.waitedMs += ticket.waitedMs;

      run.attempts += 1;
      let outcome: AttemptOutcome;
      try {
        outcome = await this.#attempt(document, variables, operation, options.signal);
        if (outcome.cost) {
          this.#limiter.observe(outcome.cost.throttleStatus, this.#clock.now());
          this.#limiter.rememberCost(operation, outcome.cost.requestedQueryCost);
        }
      } finally {
        ticket.release();
      }
      run.status = outcome.status;
      if (outcome.cost) run.cost = outcome.cost;

      switch (outcome.kind) {
        case "ok":
          await this.#record(operation, started, run, undefined);
          return outcome.data as TData;
        case "fail":
          throw await fail(outcome.code, outcome.message);
        case "throttled": {
          const { requestedQueryCost, throttleStatus } = outcome.cost;
          if (requestedQueryCost > throttleStatus.maximumAvailable) {
            throw await fail(
              "MAX_COST_EXCEEDED",
              `${operation}: costs ${requestedQueryCost}, the bucket holds ${throttleStatus.maximumAvailable}`,
            );
          }
          const ms = throttledWaitMs(requestedQueryCost, throttleStatus);
          if (throttleRetries >= this.#policy.maxThrottleRetries || ms > this.#policy.maxWaitMs) {
            throw await fail("THROTTLED", `${operation}: throttled after ${run.attempts} attempts`, {
              retryAfterMs: ms,
            });
          }
          throttleRetries += 1;
          await wait(ms);
          break;
        }
        case "transient": {
          const ms = outcome.retryAfterMs ?? backoffMs(this.#policy, transientRetries + 1, this.#random);
          const ambiguous = outcome.code !== "RATE_LIMITED" && outcome.code !== "THROTTLED";
          if (
            (options.notIdempotent && ambiguous) ||
            transientRetries >= this.#policy.maxTransientRetries ||
            ms > this.#policy.maxWaitMs
          ) {
            throw await fail(outcome.code, `${operation}: ${outcome.message} (after ${run.attempts} attempts)`, {
              retryAfterMs: ms,
              cause: outcome.cause,
            });
          }
          transientRetries += 1;
          await wait(ms);
          break;
        }
      }
    }
  }

  /** One HTTP request, classified. Throws only when the caller's own signal aborted. */
  async #attempt(
    document: string,
    variables: GraphqlVariables,
    operation: string,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    // Outside the try: a session store that cannot produce a token is not a network error.
    const token = await this.#token();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const operationName = operationNameOf(document);
    try {
      const response = await this.#fetch(this.#endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "User-Agent": USER_AGENT,
          "X-Shopify-Access-Token": token,
        },
        body: JSON.stringify({ query: document, variables, ...(operationName ? { operationName } : {}) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await response.text();
      return interpretResponse({
        status: response.status,
        retryAfter: response.headers.get("Retry-After"),
        body,
        now: this.#clock.now(),
        operation,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = timeout.aborted;
      return {
        kind: "transient",
        status: null,
        code: timedOut ? "TIMEOUT" : "NETWORK_ERROR",
        message: timedOut ? `no answer within ${this.#timeoutMs} ms` : `request failed: ${coerceError(error).message}`,
        cause: error,
      };
    }
  }

  async #record(
    operation: string,
    started: number,
    run: { attempts: number; waitedMs: number; status: number | null; cost: QueryCost | undefined },
    error: ShopifyApiError | undefined,
  ): Promise<void> {
    try {
      await this.#log.record({
        operation,
        method: "POST",
        path: this.#path,
        status: run.status,
        durationMs: Math.max(0, this.#clock.now() - started),
        cost: run.cost ? (run.cost.actualQueryCost ?? run.cost.requestedQueryCost) : null,
        attempts: run.attempts,
        waitedMs: run.waitedMs,
        isError: error !== undefined,
        errorCode: error?.code ?? null,
        errorMessage: error?.message ?? null,
      });
    } catch {
      // The call's outcome matters more than its log line; a broken log must not fail a sync.
    }
  }
}
