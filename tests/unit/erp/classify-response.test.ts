import { describe, expect, it } from "vitest";

import { classifyBcFailure } from "../../../app/.server/adapters/erp/business-central/classify-response.ts";

const bcBody = (code: string, message = "Something.") =>
  JSON.stringify({ error: { code, message: `${message}  CorrelationId:  0b2c55a5-1c5b-4b7e-9d21-0d3a2feca1aa.` } });

const classify = (
  status: number,
  body = "",
  retryAfter: string | null = null,
  correlationHeader: string | null = null,
) => classifyBcFailure({ status, body, retryAfter, correlationHeader, now: 0 });

describe("classifying Business Central failures", () => {
  it.each([
    [400, "Application_DialogException", "VALIDATION", false],
    [400, "BadRequest_InvalidToken", "VALIDATION", false],
    [400, "Internal_RecordNotFound", "NOT_FOUND", false],
    [401, "Authentication_InvalidCredentials", "AUTH", false],
    [403, "Authorization_Forbidden", "FORBIDDEN", false],
    [404, "BadRequest_NotFound", "NOT_FOUND", false],
    [405, "BadRequest_MethodNotAllowed", "UNSUPPORTED", false],
    [409, "Request_EntityChanged", "CONFLICT", true],
    [412, "Request_EntityChanged", "CONFLICT", true],
    [400, "Internal_EntityWithSameKeyExists", "DUPLICATE", false],
    [429, "Application_TooManyRequests", "RATE_LIMITED", true],
    [500, "Internal_ServerError", "TRANSIENT", true],
    [503, "Application_ServiceUnavailable", "TRANSIENT", true],
    [504, "Application_GatewayTimeout", "TIMEOUT", true],
  ])("%i %s ⇒ %s (retryable %s)", (status, erpCode, code, retryable) => {
    const failure = classify(status, bcBody(erpCode));
    expect(failure).toMatchObject({ status, erpCode, code, retryable });
  });

  it("takes the correlation id from the header, else from the message", () => {
    expect(classify(400, bcBody("X"), null, "hdr-1").correlationId).toBe("hdr-1");
    expect(classify(400, bcBody("X")).correlationId).toBe("0b2c55a5-1c5b-4b7e-9d21-0d3a2feca1aa");
  });

  it("reads Retry-After seconds on 429", () => {
    expect(classify(429, bcBody("Application_TooManyRequests"), "3").retryAfterMs).toBe(3_000);
    expect(classify(400, bcBody("Application_DialogException"), "3").retryAfterMs).toBeUndefined();
  });

  it("survives HTML and empty bodies from proxies", () => {
    expect(classify(502, "<html><body>Bad gateway</body></html>")).toMatchObject({
      code: "TRANSIENT",
      erpCode: undefined,
    });
    expect(classify(502, "").message).toContain("no body");
  });
});
