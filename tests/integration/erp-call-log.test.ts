import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { erpAdapterForShop } from "../../app/.server/erp/connections.ts";
import { countActivity } from "../../app/.server/queries/activity.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { connectedShop, setShopSettings, startBusinessCentral } from "./orders-process/harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});

afterAll(async () => {
  await bc.close();
});

const erpRows = (shopId: number) =>
  db.sql<
    {
      operation: string;
      method: string;
      path: string;
      status: number | null;
      is_error: boolean;
      error_code: string | null;
      error_message: string | null;
    }[]
  >`
    select operation, method, path, status, is_error, error_code, error_message
    from api_log_entries where shop_id = ${shopId} and system = 'erp' order by id`;

describe("ERP calls in the shop's API log", () => {
  it("keeps a failed ERP call with the ERP's words, counted by the API errors tile, and no secret anywhere", async () => {
    const { shopId } = await connectedShop(bc);
    const adapter = (await erpAdapterForShop(shopId))!;
    await adapter.pull("items", { cursor: null, pageSize: 10 });
    // Errors only by default: the successful pull (and its token call) left no row.
    expect(await erpRows(shopId)).toEqual([]);

    bc.setKnobs({});
    bc.failNext({
      method: "GET",
      path: "/items$",
      status: 400,
      code: "BadRequest",
      message: "The filter is not valid.",
    });
    await expect(adapter.pull("items", { cursor: null, pageSize: 10 })).rejects.toMatchObject({ retryable: false });

    const rows = await erpRows(shopId);
    expect(rows).toEqual([
      expect.objectContaining({
        method: "GET",
        status: 400,
        is_error: true,
        error_message: expect.stringContaining("The filter is not valid."),
      }),
    ]);
    expect(rows[0]!.path).toMatch(/\/items$/);
    expect((await countActivity(getDb(), shopId))["api-errors"]).toBe(1);

    const dump = JSON.stringify(await db.sql`select * from api_log_entries where shop_id = ${shopId}`);
    expect(dump).not.toContain("orders-process-secret");
  });

  it("keeps every ERP call when the shop logs everything", async () => {
    const { shopId } = await connectedShop(bc);
    await setShopSettings(shopId, { logging: "all" });
    const adapter = (await erpAdapterForShop(shopId))!;
    await adapter.pull("items", { cursor: null, pageSize: 10 });
    const rows = await erpRows(shopId);
    expect(rows.map((r) => [r.operation, r.is_error])).toEqual(
      expect.arrayContaining([
        ["token", false],
        [expect.stringContaining("items"), false],
      ]),
    );
    expect((await countActivity(getDb(), shopId))["api-errors"]).toBe(0);
  });
});
