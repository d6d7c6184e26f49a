import { z } from "zod";

import type { ErpErrorCode } from "../errors.ts";
import { parseRetryAfterMs } from "../retry-policy.ts";

/** BC's error envelope: `{"error":{"code":"Request_EntityChanged","message":"…  CorrelationId: …"}}`. */
const bcErrorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

export interface BcFailure {
  code: ErpErrorCode;
  retryable: boolean;
  status: number;
  erpCode: string | undefined;
  message: string;
  correlationId: string | undefined;
  retryAfterMs: number | undefined;
}

export interface RawBcResponse {
  status: number;
  body: string;
  retryAfter: string | null;
  /** BC sends `ms-correlation-x` (and repeats it in the message); support asks for it. */
  correlationHeader: string | null;
  now: number;
}

/** BC error codes that decide the outcome regardless of HTTP status. */
const BY_ERP_CODE: Record<string, ErpErrorCode> = {
  Request_EntityChanged: "CONFLICT",
  Internal_EntityWithSameKeyExists: "DUPLICATE",
  Authentication_InvalidCredentials: "AUTH",
  Internal_CompanyNotFound: "NOT_FOUND",
  BadRequest_ResourceNotFound: "NOT_FOUND",
  BadRequest_NotFound: "NOT_FOUND",
  Internal_RecordNotFound: "NOT_FOUND",
  BadRequest_MethodNotAllowed: "UNSUPPORTED",
};

function byStatus(status: number): ErpErrorCode {
  if (status === 401) return "AUTH";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 405 || status === 501) return "UNSUPPORTED";
  if (status === 408 || status === 504) return "TIMEOUT";
  if (status === 409 || status === 412) return "CONFLICT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "TRANSIENT";
  return "VALIDATION";
}

/** Classifies a non-2xx BC answer; pure, so every branch is testable without a server. */
export function classifyBcFailure(raw: RawBcResponse): BcFailure {
  const { erpCode, message } = readErrorBody(raw.body);
  const code = (erpCode ? BY_ERP_CODE[erpCode] : undefined) ?? byStatus(raw.status);
  const correlationId = raw.correlationHeader ?? correlationFrom(message);
  const retryAfterMs =
    code === "RATE_LIMITED" || code === "TRANSIENT" || code === "TIMEOUT"
      ? parseRetryAfterMs(raw.retryAfter, raw.now)
      : undefined;
  // A 409/412 stays retryable (the caller re-reads); an entity-changed 400 is still a conflict.
  const retryable = code === "CONFLICT" || code === "RATE_LIMITED" || code === "TRANSIENT" || code === "TIMEOUT";
  return {
    code,
    retryable,
    status: raw.status,
    erpCode,
    message: `HTTP ${raw.status}${erpCode ? ` ${erpCode}` : ""}: ${message}`,
    correlationId,
    retryAfterMs,
  };
}

/** Error code and first line of the message, trimmed; tolerant of HTML or empty bodies from proxies. */
export function readErrorBody(body: string): { erpCode: string | undefined; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { erpCode: undefined, message: trim(body.replace(/<[^>]*>/g, " ")) || "(no body)" };
  }
  const parsed = bcErrorSchema.safeParse(json);
  if (!parsed.success) return { erpCode: undefined, message: "(unrecognised error body)" };
  return { erpCode: parsed.data.error.code, message: trim(parsed.data.error.message ?? "") || "(no message)" };
}

function correlationFrom(message: string): string | undefined {
  return /CorrelationId:\s*([0-9a-fA-F-]{8,})/.exec(message)?.[1];
}

function trim(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
