import { describe, expect, it } from "vitest";

import {
  backoffMs,
  DEFAULT_ERP_RETRY_POLICY,
  parseRetryAfterMs,
} from "../../../app/.server/adapters/erp/retry-policy.ts";

describe("backoff", () => {
  it("doubles per retry with equal jitter and a cap", () => {
    const p = { baseDelayMs: 500, maxDelayMs: 4_000 };
    expect(backoffMs(p, 1, () => 0)).toBe(250);
    expect(backoffMs(p, 1, () => 0.999999)).toBe(500);
    expect(backoffMs(p, 3, () => 0)).toBe(1_000);
    expect(backoffMs(p, 10, () => 1)).toBe(4_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfterMs("2", 0)).toBe(2_000);
    expect(parseRetryAfterMs("0.5", 0)).toBe(500);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfterMs("soon", 0)).toBeUndefined();
    expect(parseRetryAfterMs(null, 0)).toBeUndefined();
  });

  it("defaults keep the longest in-process wait short enough for a worker slot", () => {
    expect(DEFAULT_ERP_RETRY_POLICY.maxWaitMs).toBeLessThanOrEqual(60_000);
  });
});
