import { afterEach, describe, expect, it } from "vitest";

import { runOperation } from "../../../app/.server/adapters/shopify/admin-port.ts";
import { ShopifyApiError, throwOnUserErrors, type UserError } from "../../../app/.server/adapters/shopify/errors.ts";
import { paginate } from "../../../app/.server/adapters/shopify/paginate.ts";
import { fetchShopInfo, SHOP_INFO_QUERY } from "../../../app/.server/adapters/shopify/shop-info.ts";
import { countingFetch, memoryLog, SHOP, startAdminSandbox, steppingClock } from "./admin-sandbox.ts";

// Requests 802 points; on 100 seeded products (2 variants each) it actually costs 502.
const BIG_PRODUCTS = `
  query BigProducts {
    products(first: 100) { nodes { id title variants(first: 5) { nodes { id sku } } } }
  }
`;
type BigProducts = { products: { nodes: { id: string }[] } };

async function rejection(promise: Promise<unknown>): Promise<ShopifyApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShopifyApiError);
  return error as ShopifyApiError;
}

describe("AdminClient against the sandbox Admin API", () => {
  let sandbox: Awaited<ReturnType<typeof startAdminSandbox>>;
  afterEach(async () => {
    await sandbox.close();
  });

  it("reads the shop with ShopInfo and logs the call with its cost", async () => {
    sandbox = await startAdminSandbox({ plan: "plus" });
    const log = memoryLog();
    const info = await fetchShopInfo(sandbox.client({ log }));
    expect(info).toEqual({
      name: "Admin Port Test",
      myshopifyDomain: SHOP,
      currencyCode: "EUR",
      ianaTimezone: "Etc/UTC",
      plan: { publicDisplayName: "Shopify Plus", partnerDevelopment: false, shopifyPlus: true },
    });
    expect(log.entries).toEqual([
      expect.objectContaining({
        operation: "ShopInfo",
        status: 200,
        attempts: 1,
        isError: false,
        errorCode: null,
        path: `/${SHOP}/admin/api/2026-10/graphql.json`,
      }),
    ]);
    expect(log.entries[0]?.cost).toBeGreaterThan(0);
  });

  it("types a generated document from the document constant alone", async () => {
    sandbox = await startAdminSandbox();
    const data = await runOperation(sandbox.client(), SHOP_INFO_QUERY, {});
    // A compile-time check as much as a runtime one: `data.shop.currencyCode` is CurrencyCode.
    const currency: string = data.shop.currencyCode;
    expect(currency).toBe("EUR");
  });

  it("waits out THROTTLED for exactly (requested − available) / restoreRate and then succeeds", async () => {
    const clock = steppingClock();
    sandbox = await startAdminSandbox({ plan: "standard", clock });
    sandbox.engine.seed(SHOP, { products: 100, variantsPerProduct: 2, seed: 7 });
    // Another worker drains the bucket (2000 − 3 × 502 = 494 left; the clock does not move).
    const other = sandbox.client();
    for (let i = 0; i < 3; i += 1) await other.query<BigProducts>(BIG_PRODUCTS, {});
    expect(clock.sleeps).toEqual([]);

    // A client that has never seen the bucket sends blind and is throttled once.
    const fetchSpy = countingFetch();
    const log = memoryLog();
    const data = await sandbox.client({ fetch: fetchSpy, log }).query<BigProducts>(BIG_PRODUCTS, {});
    expect(data.products.nodes).toHaveLength(100);
    expect(fetchSpy.calls).toBe(2);
    expect(clock.sleeps).toEqual([((802 - 494) / 100) * 1000]);
    expect(log.entries).toEqual([
      expect.objectContaining({ operation: "BigProducts", attempts: 2, waitedMs: 3080, cost: 502, isError: false }),
    ]);
  });

  it("waits before a call it knows will not fit, so it is never throttled", async () => {
    const clock = steppingClock();
    sandbox = await startAdminSandbox({ plan: "standard", clock });
    sandbox.engine.seed(SHOP, { products: 100, variantsPerProduct: 2, seed: 7 });
    const fetchSpy = countingFetch();
    const client = sandbox.client({ fetch: fetchSpy });
    for (let i = 0; i < 4; i += 1) await client.query<BigProducts>(BIG_PRODUCTS, {});
    // The fourth call needed 802 with 494 left: one wait, one request per call.
    expect(fetchSpy.calls).toBe(4);
    expect(clock.sleeps).toEqual([3080]);
  });

  it("gives up on THROTTLED after the retry bound, with the wait for the job's next run", async () => {
    const clock = steppingClock();
    sandbox = await startAdminSandbox({ plan: "standard", clock });
    sandbox.engine.seed(SHOP, { products: 100, variantsPerProduct: 2, seed: 7 });
    const other = sandbox.client();
    for (let i = 0; i < 3; i += 1) await other.query<BigProducts>(BIG_PRODUCTS, {});
    const error = await rejection(sandbox.client({ retry: { maxThrottleRetries: 0 } }).query(BIG_PRODUCTS, {}));
    expect(error).toMatchObject({ code: "THROTTLED", retryable: true, attempts: 1, retryAfterMs: 3080 });
  });

  it("turns a bad token (401) into a non-retryable UNAUTHORIZED after one attempt", async () => {
    sandbox = await startAdminSandbox();
    const fetchSpy = countingFetch();
    const log = memoryLog();
    const error = await rejection(fetchShopInfo(sandbox.client({ accessToken: "shpat_wrong", fetch: fetchSpy, log })));
    expect(error).toMatchObject({
      code: "UNAUTHORIZED",
      retryable: false,
      status: 401,
      operation: "ShopInfo",
      attempts: 1,
    });
    expect(error.message).toContain("Invalid API key or access token");
    expect(error.message).not.toContain("shpat_wrong");
    expect(fetchSpy.calls).toBe(1);
    expect(log.entries).toEqual([expect.objectContaining({ isError: true, errorCode: "UNAUTHORIZED", status: 401 })]);
  });

  it("turns a misspelt field into a non-retryable GRAPHQL_VALIDATION error", async () => {
    sandbox = await startAdminSandbox();
    const error = await rejection(sandbox.client().query("query Misspelt { shop { nmae } }", {}));
    expect(error).toMatchObject({
      code: "GRAPHQL_VALIDATION",
      retryable: false,
      status: 200,
      attempts: 1,
      operation: "Misspelt",
    });
    expect(error.message).toContain("Field 'nmae' doesn't exist on type 'Shop'");
  });

  it("refuses a query above the single-query cost limit without retrying", async () => {
    sandbox = await startAdminSandbox();
    const fetchSpy = countingFetch();
    const query = "query TooBig { products(first: 250) { nodes { id variants(first: 2) { nodes { id } } } } }";
    const error = await rejection(sandbox.client({ fetch: fetchSpy }).query(query, {}));
    expect(error).toMatchObject({ code: "MAX_COST_EXCEEDED", retryable: false });
    expect(fetchSpy.calls).toBe(1);
  });

  it("returns userErrors as data, and throws them only when asked", async () => {
    sandbox = await startAdminSandbox();
    const mutation = `
      mutation RenameCustomer($input: CustomerInput!) {
        customerUpdate(input: $input) { customer { id } userErrors { field message } }
      }
    `;
    type RenameCustomer = { customerUpdate: { customer: { id: string } | null; userErrors: UserError[] } };
    const log = memoryLog();
    const data = await sandbox
      .client({ log })
      .query<RenameCustomer>(mutation, { input: { id: "gid://shopify/Customer/999999", firstName: "Ada" } });
    expect(data.customerUpdate.userErrors).toEqual([{ field: ["id"], message: "Customer does not exist" }]);
    expect(log.entries).toEqual([expect.objectContaining({ operation: "RenameCustomer", isError: false })]);

    let thrown: unknown;
    try {
      throwOnUserErrors("RenameCustomer", data.customerUpdate.userErrors);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: "USER_ERRORS",
      retryable: false,
      message: "RenameCustomer: id: Customer does not exist",
    });
    expect(() => throwOnUserErrors("RenameCustomer", [])).not.toThrow();
  });

  it("visits every product of a seeded store exactly once across pages", async () => {
    sandbox = await startAdminSandbox({ plan: "plus" });
    const seeded = sandbox.engine.seed(SHOP, { products: 57, variantsPerProduct: 1, seed: 3 });
    const query = `
      query ProductPage($after: String) {
        products(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
      }
    `;
    type ProductPage = {
      products: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const ids: string[] = [];
    const pages: number[] = [];
    for await (const page of paginate(sandbox.client(), query, {}, { connection: (d: ProductPage) => d.products })) {
      ids.push(...page.nodes.map((n: { id: string }) => n.id));
      pages.push(page.pageNumber);
    }
    expect(seeded.products).toBe(57);
    expect(ids).toHaveLength(57);
    expect(new Set(ids).size).toBe(57);
    expect(pages).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
