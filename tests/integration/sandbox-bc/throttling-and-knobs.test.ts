import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type BcFixture, COMPANY_ID, ENV, startBcSandbox, TENANT } from "./bc-fixture.ts";

describe("BC sandbox throttling and knobs", () => {
  let fx: BcFixture;
  beforeEach(async () => {
    fx = await startBcSandbox({ products: 5 });
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  it("answers 429 with Retry-After beyond 5 concurrent requests and never runs more than 5 at once", async () => {
    fx.sandbox.setKnobs({ latencyMs: 150 });
    fx.sandbox.requestLog.clear();
    const results = await Promise.all(Array.from({ length: 8 }, () => fx.call("GET", `${fx.company}/items`)));
    const throttled = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]!.headers.get("retry-after")).toBe("1");
    expect(throttled[0]!.body.error.code).toBe("Application_TooManyRequests");
    const log = fx.sandbox.requestLog.entries();
    expect(log).toHaveLength(8);
    expect(Math.max(...log.map((e) => e.concurrent))).toBeLessThanOrEqual(5);
    expect(fx.sandbox.requestLog.maxOverlap()).toBeLessThanOrEqual(5);
  });

  it("omits Retry-After when told to, and honours a lower concurrency limit", async () => {
    fx.sandbox.setKnobs({ latencyMs: 100, throttleRetryAfter: false, maxConcurrent: 2 });
    const results = await Promise.all(Array.from({ length: 4 }, () => fx.call("GET", `${fx.company}/items`)));
    const throttled = results.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(2);
    expect(throttled[0]!.headers.get("retry-after")).toBeNull();
  });

  it("enforces the request budget per 5-minute window on the sandbox clock", async () => {
    fx.sandbox.setKnobs({ rateLimitPerWindow: 2 });
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(200);
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(200);
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(429);
    fx.clock.now += 5 * 60 * 1000 + 1;
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(200);
  });

  it("injects failures for the next matching requests only", async () => {
    fx.sandbox.failNext({ method: "GET", path: "/items$", count: 2, status: 503, retryAfter: 7 });
    const first = await fx.call("GET", `${fx.company}/items`);
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe("Internal_TenantUnavailable");
    expect(first.headers.get("retry-after")).toBe("7");
    expect((await fx.call("GET", `${fx.company}/customers`)).status).toBe(200);
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(503);
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(200);
  });

  it("serves seeded custom API rows and 404s them when the extension is absent", async () => {
    const inv = await fx.call(
      "GET",
      `${fx.custom}/inventoryByLocation?$filter=itemNumber eq '10002' and locationCode eq 'MAIN'`,
    );
    expect(inv.status).toBe(200);
    expect(inv.body.value.map((r: any) => r.variantCode)).toEqual(["V01", "V02", "V03"]);
    const prices = await fx.call("GET", `${fx.custom}/priceListLines?$filter=customerPriceGroup eq 'WHOLESALE'`);
    expect(prices.body.value).toHaveLength(15);
    const refs = await fx.call("GET", `${fx.custom}/itemReferences?$top=1`);
    expect(refs.body.value[0]).toMatchObject({
      referenceType: "Bar Code",
      referenceNumber: expect.stringMatching(/^\d{13}$/),
    });

    fx.sandbox.setKnobs({ customApiEnabled: false });
    const gone = await fx.call("GET", `${fx.custom}/inventoryByLocation`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("BadRequest_NotFound");
    expect((await fx.call("GET", `${fx.company}/items`)).status).toBe(200);
  });

  it("exposes the knobs, failures, shipments and the request log over the /sandbox control API", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${fx.sandbox.url}${path}`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as any,
      }));
    expect((await post("/sandbox/knobs", { maxConcurrent: 0 })).status).toBe(400);
    expect((await post("/sandbox/knobs", { customApiEnabled: false })).body.customApiEnabled).toBe(false);
    expect((await post("/sandbox/failures", { path: "customers", status: 500 })).status).toBe(200);
    expect((await fx.call("GET", `${fx.company}/customers`)).status).toBe(500);
    const company = await post(`/sandbox/tenants/${TENANT}/environments/${ENV}/companies`, { name: "Second" });
    expect(company.body).toMatchObject({ name: "Second" });
    const seeded = await post(`/sandbox/tenants/${TENANT}/environments/${ENV}/companies/${company.body.id}/seed`, {
      products: 2,
    });
    expect(seeded.body).toMatchObject({ items: 2 });
    const log = (await (await fetch(`${fx.sandbox.url}/sandbox/requests`)).json()) as any;
    expect(log.requests.at(-1)).toMatchObject({ method: "GET", status: 500, errorCode: "Internal_ServerError" });
    expect(fx.sandbox.company(TENANT, ENV, COMPANY_ID).items.all()).toHaveLength(5);
  });
});
