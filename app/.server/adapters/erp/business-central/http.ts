import { coerceError } from "../../../errors/coerce-error.ts";
import type { Clock } from "../../clock.ts";
import { ErpError, type ErpErrorCode } from "../errors.ts";
import { redact } from "../redact.ts";
import type { ErpRequestLog } from "../request-log.ts";
import { backoffMs, type ErpRetryPolicy } from "../retry-policy.ts";
import { classifyBcFailure } from "./classify-response.ts";
import { CONNECTION_MESSAGES } from "./connection-messages.ts";
import type { BcCredentials } from "./credentials.ts";
import type { BcThrottle } from "./throttle.ts";

export interface BcRequest {
  /** For the request log and errors, e.g. "pull items". */
  operation: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Absolute URL, query included. */
  url: string;
  body?: unknown;
  /** Sent as is instead of a JSON `body` (a picture upload); BC reads the type from the bytes. */
  rawBody?: Uint8Array;
  /** "bytes": the answer is a stream (a picture's content), not JSON. Default "json". */
  responseType?: "json" | "bytes";
  /** ETag for PATCH/DELETE (BC requires one; "*" = whatever is there). */
  ifMatch?: string;
  /** `Prefer: odata.maxpagesize`. */
  maxPageSize?: number;
  /**
   * Safe to resend after an ambiguous failure (timeout, 5xx, dropped connection). Default: true
   * except POST. A non-idempotent request is still retried on 429, which BC sends before doing anything.
   */
  idempotent?: boolean;
}

export interface BcResponse {
  status: number;
  /** Parsed JSON; undefined for 204 / empty bodies and for `responseType: "bytes"`. */
  json: unknown;
  /** With `responseType: "bytes"`: the body (empty for a 204). */
  bytes?: Uint8Array;
  /** The ETag header, when BC sent one. */
  etag?: string;
}

export interface BcHttpDeps {
  fetch: typeof fetch;
  clock: Clock;
  random: () => number;
  log: ErpRequestLog;
  throttle: BcThrottle;
  credentials: BcCredentials;
  policy: ErpRetryPolicy;
}

type Attempt =
  | { kind: "ok"; response: BcResponse }
  | { kind: "fail"; error: ErpError; retryAfterMs?: number; pauseAll?: boolean; safeToRepeat: boolean };

/**
 * One BC HTTP call with everything BC asks of a client: the concurrency/budget throttle, one token
 * refresh on 401, backoff with jitter on 429/5xx honouring Retry-After, bounded retries, and one
 * request-log record per call. Errors carry method, path, status, BC code and correlation id, and
 * are scrubbed of every secret the credentials know.
 */
export async function bcSend(deps: BcHttpDeps, request: BcRequest): Promise<BcResponse> {
  const path = new URL(request.url).pathname;
  const idempotent = request.idempotent ?? request.method !== "POST";
  const started = deps.clock.now();
  let attempts = 0;
  let retries = 0;
  let refreshed = false;
  let lastStatus: number | null = null;

  const finish = async (error: ErpError | undefined) => {
    try {
      await deps.log.record({
        operation: request.operation,
        method: request.method,
        path,
        status: lastStatus,
        durationMs: Math.max(0, deps.clock.now() - started),
        attempts,
        isError: error !== undefined,
        errorCode: error?.code ?? null,
        errorMessage: error?.message ?? null,
        erpCode: error?.erpCode ?? null,
        correlationId: error?.correlationId ?? null,
      });
    } catch {
      // The call's outcome matters more than its log line.
    }
  };

  for (;;) {
    let outcome: Attempt;
    try {
      outcome = await attempt(deps, request, path);
    } catch (error) {
      // The throttle failing fast, or the token endpoint failing (which may be worth a retry).
      const erp = error instanceof ErpError ? withContext(error, request, path) : unknownError(error, request, path);
      attempts += 1;
      const wait = erp.retryAfterMs ?? backoffMs(deps.policy, retries + 1, deps.random);
      if (erp.retryable && retries < deps.policy.maxRetries && wait <= deps.policy.maxWaitMs) {
        retries += 1;
        await deps.clock.sleep(wait);
        continue;
      }
      await finish(erp);
      throw erp;
    }
    attempts += 1;
    if (outcome.kind === "ok") {
      lastStatus = outcome.response.status;
      await finish(undefined);
      return outcome.response;
    }
    lastStatus = outcome.error.status ?? null;
    if (outcome.error.status === 401 && !refreshed && deps.credentials.invalidate()) {
      refreshed = true;
      continue;
    }
    const error = outcome.error;
    const repeatable = error.retryable && error.code !== "CONFLICT" && (idempotent || outcome.safeToRepeat);
    if (repeatable) {
      const wait = outcome.retryAfterMs ?? backoffMs(deps.policy, retries + 1, deps.random);
      if (outcome.pauseAll) deps.throttle.pause(wait);
      if (retries < deps.policy.maxRetries && wait <= deps.policy.maxWaitMs) {
        retries += 1;
        await deps.clock.sleep(wait);
        continue;
      }
      const final = new ErpError({ ...errorInit(error), retryAfterMs: wait });
      await finish(final);
      throw final;
    }
    await finish(error);
    throw error;
  }
}

async function attempt(deps: BcHttpDeps, request: BcRequest, path: string): Promise<Attempt> {
  const release = await deps.throttle.acquire(deps.policy.maxWaitMs);
  try {
    const authorization = await deps.credentials.authorization();
    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: "application/json",
      "Accept-Language": "en-US",
    };
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    if (request.rawBody !== undefined) headers["Content-Type"] = "application/octet-stream";
    if (request.ifMatch) headers["If-Match"] = request.ifMatch;
    if (request.maxPageSize) headers.Prefer = `odata.maxpagesize=${request.maxPageSize}`;
    const timeout = AbortSignal.timeout(deps.policy.timeoutMs);
    let response: Response;
    let raw: Uint8Array;
    let text: string;
    try {
      response = await deps.fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        // A copy on its own ArrayBuffer: BodyInit takes no view over a SharedArrayBuffer.
        ...(request.rawBody === undefined ? {} : { body: new Uint8Array(request.rawBody) }),
        signal: timeout,
      });
      raw = new Uint8Array(await response.arrayBuffer());
      text = response.ok && request.responseType === "bytes" ? "" : new TextDecoder().decode(raw);
    } catch (cause) {
      const timedOut = timeout.aborted;
      const reason = coerceError(cause).message;
      return {
        kind: "fail",
        safeToRepeat: false,
        error: new ErpError({
          code: timedOut ? "TIMEOUT" : "TRANSIENT",
          message: `${request.operation}: ${request.method} ${path}: ${timedOut ? `no answer within ${deps.policy.timeoutMs} ms` : `request failed: ${reason}`}`,
          method: request.method,
          path,
          userMessage: CONNECTION_MESSAGES.unreachable,
        }),
      };
    }
    if (response.ok) {
      const etag = response.headers.get("ETag") ?? undefined;
      const meta = { status: response.status, ...(etag ? { etag } : {}) };
      if (request.responseType === "bytes") return { kind: "ok", response: { ...meta, json: undefined, bytes: raw } };
      if (text.trim() === "") return { kind: "ok", response: { ...meta, json: undefined } };
      try {
        return { kind: "ok", response: { ...meta, json: JSON.parse(text) } };
      } catch {
        return {
          kind: "fail",
          safeToRepeat: false,
          error: new ErpError({
            code: "TRANSIENT",
            message: `${request.operation}: ${request.method} ${path}: HTTP ${response.status} with a body that is not JSON`,
            status: response.status,
            method: request.method,
            path,
          }),
        };
      }
    }
    const failure = classifyBcFailure({
      status: response.status,
      body: text,
      retryAfter: response.headers.get("Retry-After"),
      correlationHeader: response.headers.get("ms-correlation-x") ?? response.headers.get("request-id"),
      now: deps.clock.now(),
    });
    const message = redact(
      `${request.operation}: ${request.method} ${path}: ${failure.message}`,
      deps.credentials.secrets(),
    );
    return {
      kind: "fail",
      // BC answers 429 before doing any work, so even a POST can be sent again.
      safeToRepeat: failure.status === 429,
      pauseAll: failure.status === 429 && failure.retryAfterMs !== undefined,
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
      error: new ErpError({
        code: failure.code,
        retryable: failure.retryable,
        message,
        status: failure.status,
        erpCode: failure.erpCode,
        method: request.method,
        path,
        correlationId: failure.correlationId,
        userMessage: userMessageFor(failure.code, deps.credentials, path),
      }),
    };
  } finally {
    release();
  }
}

function userMessageFor(code: ErpErrorCode, credentials: BcCredentials, path: string): string | undefined {
  if (code === "AUTH") return credentials.rejectedMessage;
  if (code === "FORBIDDEN") return CONNECTION_MESSAGES.noPermission;
  if (code === "NOT_FOUND" && (path.endsWith("/companies") || /\/companies\([^)]*\)$/.test(path))) {
    return CONNECTION_MESSAGES.unknownEnvironment;
  }
  return undefined;
}

function errorInit(error: ErpError) {
  return {
    code: error.code,
    retryable: error.retryable,
    message: error.message,
    status: error.status,
    erpCode: error.erpCode,
    method: error.method,
    path: error.path,
    correlationId: error.correlationId,
    retryAfterMs: error.retryAfterMs,
    userMessage: error.userMessage,
  };
}

function withContext(error: ErpError, request: BcRequest, path: string): ErpError {
  if (error.method && error.path) return error;
  return new ErpError({
    ...errorInit(error),
    message: `${request.operation}: ${error.message}`,
    method: error.method ?? request.method,
    path: error.path ?? path,
  });
}

function unknownError(error: unknown, request: BcRequest, path: string): ErpError {
  const reason = coerceError(error).message;
  return new ErpError({
    code: "TRANSIENT",
    message: `${request.operation}: ${request.method} ${path}: ${reason}`,
    method: request.method,
    path,
    cause: error,
  });
}
