import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fetchShopInfo } from "../../../app/.server/adapters/shopify/shop-info.ts";
import { getDb } from "../../../app/.server/db.ts";
import { ensureShop } from "../../../app/.server/queries/shops.ts";
import { createShopifyLogSink } from "../../../app/.server/shopify/shopify-log-sink.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { SHOP, startAdminSandbox } from "./admin-sandbox.ts";

describe("the api_log_entries sink", () => {
  let database: TestDatabase;
  let sandbox: Awaited<ReturnType<typeof startAdminSandbox>>;
  let shopId: number;

  beforeAll(async () => {
    database = await useTestDatabase();
    sandbox = await startAdminSandbox();
    shopId = await ensureShop(getDb(), SHOP);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const rows = () =>
    database.sql`select system, operation, method, path, status, cost, is_error, error_code, error_message, duration_ms
                 from api_log_entries where shop_id = ${shopId} order by id`;

  it("writes an error row for a failed call and nothing for a success when successes are off", async () => {
    const log = createShopifyLogSink({ shopId, logSuccesses: false });
    await fetchShopInfo(sandbox.client({ log }));
    await expect(fetchShopInfo(sandbox.client({ log, accessToken: "shpat_revoked" }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    const written = await rows();
    expect(written).toEqual([
      {
        system: "shopify",
        operation: "ShopInfo",
        method: "POST",
        path: `/${SHOP}/admin/api/2026-10/graphql.json`,
        status: 401,
        cost: null,
        is_error: true,
        error_code: "UNAUTHORIZED",
        error_message: expect.stringContaining("Invalid API key or access token"),
        duration_ms: expect.any(Number),
      },
    ]);
    // Never the token, whatever the error says.
    expect(JSON.stringify(written)).not.toContain("shpat_");
  });

  it("keeps successes with their cost when the shop's logging asks for them", async () => {
    await database.sql`delete from api_log_entries`;
    await fetchShopInfo(sandbox.client({ log: createShopifyLogSink({ shopId, logSuccesses: true }) }));
    expect(await rows()).toEqual([
      expect.objectContaining({
        operation: "ShopInfo",
        status: 200,
        is_error: false,
        error_code: null,
        cost: expect.any(Number),
      }),
    ]);
  });

  it("swallows a failed insert so the API call's own outcome stands", async () => {
    const problems: unknown[] = [];
    const log = createShopifyLogSink({ shopId: 999_999, logSuccesses: true, onWriteError: (e) => problems.push(e) });
    await expect(fetchShopInfo(sandbox.client({ log }))).resolves.toMatchObject({ myshopifyDomain: SHOP });
    expect(problems).toHaveLength(1); // the foreign key to shops rejected the row
  });
});
