import { coerceError } from "../../errors/coerce-error.ts";

/**
 * Stable codes for everything that can go wrong talking to an ERP, with whether retrying the same
 * call later can succeed. Callers branch on `retryable`: throw so graphile-worker retries (with
 * `retryAfterMs` as the earliest next run), or record the failure on the sync run and move on.
 */
export const ERP_ERROR_CODES = {
  /** Credentials rejected (after one token refresh): wrong secret, unknown client, unknown tenant. */
  AUTH: false,
  /** Authenticated but not allowed: permission sets, API access disabled. */
  FORBIDDEN: false,
  /** The record, company or endpoint does not exist. */
  NOT_FOUND: false,
  /** The ERP refused the data (BC `Application_*`, `BadRequest*`), or our own input check failed. */
  VALIDATION: false,
  /** Someone else changed the record between our read and our write, and a re-read did not help. */
  CONFLICT: true,
  /** 429 after our retries ran out, or the request budget is spent: run again after `retryAfterMs`. */
  RATE_LIMITED: true,
  /** 5xx, network failure, an answer that is not what the API promises. */
  TRANSIENT: true,
  /** No answer in time (408, 504, our own timeout). */
  TIMEOUT: true,
  /** The ERP (or this installation of it) cannot do this: a capability is off. */
  UNSUPPORTED: false,
  /** The record already exists under our key; callers normally get `created: false` instead. */
  DUPLICATE: false,
  /** The connection settings are incomplete or malformed (no company chosen, bad URL). */
  CONFIG: false,
} as const satisfies Record<string, boolean>;

export type ErpErrorCode = keyof typeof ERP_ERROR_CODES;

export interface ErpErrorInit {
  code: ErpErrorCode;
  message: string;
  /** Overrides the code's default, e.g. a 409 that is not worth retrying. */
  retryable?: boolean;
  status?: number;
  /** The ERP's own error code (BC: `error.code`, e.g. `Request_EntityChanged`). */
  erpCode?: string;
  method?: string;
  /** URL path without host or query string (queries may carry filters with customer data). */
  path?: string;
  /** BC's `ms-correlation-x` / CorrelationId, for a support ticket with the ERP host. */
  correlationId?: string;
  retryAfterMs?: number;
  /** A sentence for the Settings page, in the merchant's terms; set for connection problems. */
  userMessage?: string;
  cause?: unknown;
}

/** The one error type every ERP adapter throws. Never carries tokens, secrets, headers or bodies. */
export class ErpError extends Error {
  override name = "ErpError";
  readonly code: ErpErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly erpCode: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly correlationId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly userMessage: string | undefined;

  constructor(init: ErpErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.retryable ?? ERP_ERROR_CODES[init.code];
    this.status = init.status;
    this.erpCode = init.erpCode;
    this.method = init.method;
    this.path = init.path;
    this.correlationId = init.correlationId;
    this.retryAfterMs = init.retryAfterMs;
    this.userMessage = init.userMessage;
  }

  /** A JSON-safe summary for logs and the sync-run record (no cause chain, no stack). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      retryable: this.retryable,
      message: this.message,
      status: this.status,
      erpCode: this.erpCode,
      method: this.method,
      path: this.path,
      correlationId: this.correlationId,
      retryAfterMs: this.retryAfterMs,
      userMessage: this.userMessage,
    };
  }
}

export function isErpError(error: unknown): error is ErpError {
  return error instanceof ErpError;
}

/** Normalises anything thrown inside an adapter call into an ErpError (unknown throws are transient). */
export function coerceErpError(error: unknown, context: { method?: string; path?: string } = {}): ErpError {
  if (isErpError(error)) return error;
  const message = coerceError(error).message;
  return new ErpError({ code: "TRANSIENT", message, ...context, cause: error });
}
