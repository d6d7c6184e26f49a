import { z } from "zod";

import { coerceError } from "../../../errors/coerce-error.ts";
import type { Clock } from "../../clock.ts";
import { ErpError } from "../errors.ts";
import { redact } from "../redact.ts";
import type { ErpRequestLog } from "../request-log.ts";
import type { BcConnectionConfig } from "./config.ts";
import { CONNECTION_MESSAGES, entraUserMessage } from "./connection-messages.ts";

/** Produces the Authorization header value for BC calls. */
export interface BcCredentials {
  authorization(): Promise<string>;
  /** Forget a cached token (after a 401); false when there is nothing to refresh (basic auth). */
  invalidate(): boolean;
  /** Strings that must never appear in an error or log: secret, password, current token. */
  secrets(): string[];
  /** Said on a 401 that survives a refresh. */
  rejectedMessage: string;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Refresh this long before Entra's expiry, so a token never dies mid-pass. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export function createBcCredentials(
  auth: BcConnectionConfig["auth"],
  deps: { fetch: typeof fetch; clock: Clock; log: ErpRequestLog; timeoutMs: number },
): BcCredentials {
  if (auth.kind === "basic") {
    const header = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
    return {
      authorization: async () => header,
      invalidate: () => false,
      secrets: () => [auth.password, header],
      rejectedMessage: CONNECTION_MESSAGES.wrongPassword,
    };
  }

  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  const path = new URL(auth.tokenUrl).pathname;

  const requestToken = async (): Promise<string> => {
    const started = deps.clock.now();
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
      scope: auth.scope,
    });
    let status: number | null = null;
    try {
      let response: Response;
      try {
        response = await deps.fetch(auth.tokenUrl, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs),
        });
      } catch (cause) {
        throw new ErpError({
          code: "TRANSIENT",
          message: `token request failed: ${coerceError(cause).message}`,
          method: "POST",
          path,
          userMessage: CONNECTION_MESSAGES.unreachable,
        });
      }
      status = response.status;
      const text = await response.text();
      if (!response.ok) throw tokenFailure(response.status, redact(text, [auth.clientSecret]), path);
      const parsed = tokenResponseSchema.safeParse(safeJson(text));
      if (!parsed.success) {
        throw new ErpError({
          code: "TRANSIENT",
          message: "token endpoint answered without an access token",
          status,
          path,
        });
      }
      const lifetime = parsed.data.expires_in * 1000;
      cached = {
        token: parsed.data.access_token,
        // Short-lived tokens (tests, odd proxies) refresh at half-life instead of never being cached.
        expiresAt: deps.clock.now() + Math.max(lifetime / 2, lifetime - EXPIRY_MARGIN_MS),
      };
      await record(deps.log, { path, status, started, clock: deps.clock, error: undefined });
      return parsed.data.access_token;
    } catch (error) {
      if (error instanceof ErpError) await record(deps.log, { path, status, started, clock: deps.clock, error });
      throw error;
    }
  };

  return {
    authorization: async () => {
      if (cached && deps.clock.now() < cached.expiresAt) return `Bearer ${cached.token}`;
      // One token request for all callers waiting at once.
      inflight ??= requestToken().finally(() => (inflight = undefined));
      return `Bearer ${await inflight}`;
    },
    invalidate: () => {
      cached = undefined;
      return true;
    },
    secrets: () => [auth.clientSecret, ...(cached ? [cached.token] : [])],
    rejectedMessage: CONNECTION_MESSAGES.notRegisteredInBc,
  };
}

function tokenFailure(status: number, text: string, path: string): ErpError {
  const parsed = tokenErrorSchema.safeParse(safeJson(text));
  const description = parsed.success ? (parsed.data.error_description ?? parsed.data.error) : text.slice(0, 200);
  const firstLine = description.split(/\r?\n/)[0] ?? "";
  if (status === 429 || status >= 500) {
    return new ErpError({
      code: status === 429 ? "RATE_LIMITED" : "TRANSIENT",
      message: `token: HTTP ${status}`,
      status,
      path,
    });
  }
  const error = parsed.success ? parsed.data.error : "";
  // AADSTS codes first; else Entra's OAuth error names; a bare 400/404 most often means a bad tenant.
  const userMessage =
    entraUserMessage(description) ??
    (error === "invalid_client"
      ? CONNECTION_MESSAGES.wrongSecret
      : error === "unauthorized_client"
        ? CONNECTION_MESSAGES.unknownClient
        : status === 404 || status === 400
          ? CONNECTION_MESSAGES.unknownTenant
          : undefined);
  return new ErpError({
    code: "AUTH",
    message: `token request refused: HTTP ${status}: ${firstLine.slice(0, 300)}`,
    status,
    method: "POST",
    path,
    erpCode: parsed.success ? parsed.data.error : undefined,
    userMessage: userMessage ?? CONNECTION_MESSAGES.wrongSecret,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function record(
  log: ErpRequestLog,
  run: { path: string; status: number | null; started: number; clock: Clock; error: ErpError | undefined },
) {
  try {
    await log.record({
      operation: "token",
      method: "POST",
      path: run.path,
      status: run.status,
      durationMs: Math.max(0, run.clock.now() - run.started),
      attempts: 1,
      isError: run.error !== undefined,
      errorCode: run.error?.code ?? null,
      errorMessage: run.error?.message ?? null,
      erpCode: run.error?.erpCode ?? null,
      correlationId: null,
    });
  } catch {
    // A broken log must not fail a sync.
  }
}
