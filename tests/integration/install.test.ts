import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { recordInstall } from "../../app/.server/shops/install.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { SHOP, startAdminSandbox } from "./shopify-admin/admin-sandbox.ts";

let db: TestDatabase;
let sandbox: Awaited<ReturnType<typeof startAdminSandbox>>;

beforeAll(async () => {
  db = await useTestDatabase();
  sandbox = await startAdminSandbox();
  // The app reaches the sandbox through configuration only, as in the demo.
  process.env.SHOPIFY_SANDBOX_URL = sandbox.server.url;
});

afterAll(async () => {
  await sandbox.server.close();
});

describe("recording an install", () => {
  it("marks the shop installed and stores its name, currency, timezone and plan from Shopify", async () => {
    const shopId = await recordInstall(getDb(), {
      domain: SHOP,
      scopes: "read_products",
      accessToken: sandbox.accessToken,
    });
    const [row] = await db.sql`select installed_at, name, currency_code, plan_name from shops where id = ${shopId}`;
    expect(row?.installed_at).toBeInstanceOf(Date);
    expect(row).toMatchObject({ name: "Admin Port Test", currency_code: "EUR" });
    expect(String(row?.plan_name)).not.toBe("");
  });

  it("still installs when Shopify refuses the call, and shows the failure as an API error", async () => {
    const shopId = await recordInstall(getDb(), {
      domain: SHOP,
      scopes: "read_products",
      accessToken: "shpat_revoked",
    });
    const errors =
      await db.sql`select operation, status, error_code from api_log_entries where shop_id = ${shopId} and is_error`;
    expect(errors).toEqual([{ operation: "ShopInfo", status: 401, error_code: "UNAUTHORIZED" }]);
  });
});
