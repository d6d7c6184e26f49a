import { expect, it } from "vitest";

import { ErpError } from "../../../app/.server/adapters/erp/errors.ts";
import type { ErpContractSetup } from "./harness.ts";

async function failure(promise: Promise<unknown>): Promise<ErpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErpError);
  return error as ErpError;
}

export function connectionContract(setup: () => Promise<ErpContractSetup>) {
  it("lists companies before a company is chosen", async () => {
    const { harness } = await setup();
    const { companies } = await harness.adapterWith({ noCompany: true }).testConnection();
    expect(companies.length).toBeGreaterThan(0);
    expect(companies[0]).toEqual({ id: expect.any(String), name: expect.any(String), displayName: expect.any(String) });
  });

  it("says CONFIG when a company-scoped call has no company", async () => {
    const { harness } = await setup();
    const error = await failure(harness.adapterWith({ noCompany: true }).pull("items"));
    expect(error).toMatchObject({ code: "CONFIG", retryable: false });
  });

  it.each([
    ["wrong secret", { secret: "definitely-not-the-secret" }, /secret/i],
    ["unknown client id", { clientId: "00000000-1111-2222-3333-444444444444" }, /client ID/],
    ["unknown tenant", { tenant: "no-such-tenant.example" }, /tenant/i],
  ])("explains a %s in plain words (AUTH, not retryable)", async (_name, overrides, words) => {
    const { harness } = await setup();
    const error = await failure(harness.adapterWith(overrides).testConnection());
    expect(error).toMatchObject({ code: "AUTH", retryable: false });
    expect(error.userMessage).toMatch(words);
  });

  it("reports the optional API pages it finds, and UNSUPPORTED for a pull that needs a missing one", async () => {
    const { adapter, harness } = await setup();
    expect(await adapter.capabilities()).toMatchObject({
      perLocationStock: true,
      priceLists: true,
      trackingNumbers: true,
      barcodes: true,
      maxConcurrency: 5,
    });
    harness.setExtensionInstalled(false);
    const without = harness.adapterWith({});
    expect(await without.capabilities()).toMatchObject({
      perLocationStock: false,
      priceLists: false,
      trackingNumbers: false,
      barcodes: false,
    });
    expect(await failure(without.pull("stockByLocation"))).toMatchObject({ code: "UNSUPPORTED", retryable: false });
    // The cached answer is per adapter instance: the first adapter does not probe again.
    expect((await adapter.capabilities()).perLocationStock).toBe(true);
  });

  it("rides out a 429 storm with 20 parallel calls, never more than 5 in flight", async () => {
    const { adapter, harness } = await setup();
    harness.setServerLimits({ maxConcurrent: 5, latencyMs: 15 });
    harness.resetRequestLog();
    harness.injectFailures({ status: 429, count: 12, retryAfterSeconds: 0, pathPattern: "/items" });
    // Two adapters of one connection (two jobs in one worker) must share the limit.
    const other = harness.adapterWith({});
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : adapter).pull("items", { pageSize: 2 })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    expect(harness.maxObservedConcurrency()).toBeLessThanOrEqual(5);
    expect(harness.calls.filter((c) => c.attempts > 1).length).toBeGreaterThan(0);
  });

  it("gives up on a 503 that does not clear, as retryable with a retry-after hint", async () => {
    const { harness } = await setup();
    const adapter = harness.adapterWith({ maxRetries: 1 });
    harness.injectFailures({ status: 503, count: 5, method: "GET", pathPattern: "items", retryAfterSeconds: 1 });
    const error = await failure(adapter.pull("items"));
    expect(error).toMatchObject({ code: "TRANSIENT", retryable: true, status: 503, method: "GET" });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.path).not.toContain("?");
  });

  it("reports a permanent 400 as not retryable, with BC's code and a correlation id", async () => {
    const { adapter, harness } = await setup();
    harness.injectFailures({ status: 400, count: 1, method: "GET", pathPattern: "items" });
    const error = await failure(adapter.pull("items"));
    expect(error).toMatchObject({ code: "VALIDATION", retryable: false, status: 400 });
    expect(error.erpCode).toBeTruthy();
    expect(error.correlationId).toBeTruthy();
  });

  it("never lets a secret or token into an error, the adapter's log or the server's log", async () => {
    const { adapter, harness } = await setup();
    await adapter.testConnection();
    await adapter.pull("items", { pageSize: 3 });
    const errors: ErpError[] = [];
    errors.push(await failure(harness.adapterWith({ secret: "wrong-secret-value-123" }).testConnection()));
    harness.injectFailures({ status: 401, count: 2 });
    errors.push(await failure(adapter.pull("customers")));
    const texts = [
      ...errors.map((e) => `${e.message} ${JSON.stringify(e)} ${e.stack ?? ""}`),
      JSON.stringify(harness.calls),
    ];
    for (const text of texts) {
      for (const secret of [...harness.secrets, "wrong-secret-value-123"]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/Bearer \S{8,}|Basic \S{8,}/);
    }
    expect(harness.serverLogText()).not.toMatch(/client_secret|Bearer /);
  });
}
