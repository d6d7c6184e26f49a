import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runOperation } from "../../app/.server/adapters/shopify/admin-port.ts";
import { SHOP_INFO_QUERY } from "../../app/.server/adapters/shopify/shop-info.ts";
import { WritesDisabledError } from "../../app/.server/adapters/writes-disabled.ts";
import { erpAdapterForShop } from "../../app/.server/erp/connections.ts";
import { shopifyAdminForShopId } from "../../app/.server/shopify/admin-for-shop-id.ts";
import { ORDER_DOCUMENT_NUMBER_SET } from "../../app/.server/tasks/orders-process/write-back.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { startOrdersSandbox } from "./orders-import/orders-sandbox.ts";
import { connectedShop, setShopSettings, startBusinessCentral } from "./orders-process/harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
  store = await startOrdersSandbox();
});

afterAll(async () => {
  await store.close();
  await bc.close();
});

describe("the kill switch on the ports (Allow outgoing writes off)", () => {
  it("lets the ERP be read and refuses every ERP write before a request is sent", async () => {
    const { shopId, company } = await connectedShop(bc, { allowOutgoingWrites: false });
    const adapter = (await erpAdapterForShop(shopId))!;
    const order = company.salesOrders.all()[0];
    expect((await adapter.pull("items", { cursor: null, pageSize: 5 })).records.length).toBeGreaterThan(0);

    bc.requestLog.clear();
    const writes = [
      adapter.postDocument({ type: "order", id: order?.id ?? "00000000-0000-0000-0000-000000000000" }),
      adapter.deleteSalesDocument({ type: "order", id: "00000000-0000-0000-0000-000000000000" }),
      adapter.upsertCustomer({ shopifyKey: { kind: "email", value: "someone@example.com" }, displayName: "Someone" }),
      adapter.upsertItem({ number: "X-1", displayName: "X", unitPrice: "1.00" }),
    ];
    for (const write of writes) await expect(write).rejects.toBeInstanceOf(WritesDisabledError);
    expect(bc.requestLog.entries().filter((e) => e.method !== "GET")).toEqual([]);

    // Back on: the next adapter the shop gets writes again.
    await setShopSettings(shopId, { allowOutgoingWrites: true });
    const reopened = (await erpAdapterForShop(shopId))!;
    expect(reopened).not.toBe(adapter);
  });

  it("lets Shopify be read and refuses every mutation before it is sent", async () => {
    const shop = await store.newShop("kill-switch", { allowOutgoingWrites: false });
    const admin = await shopifyAdminForShopId(shop.shopId);
    expect((await runOperation(admin, SHOP_INFO_QUERY, {})).shop).toBeDefined();
    const before = shop.events().length;
    await expect(
      runOperation(admin, ORDER_DOCUMENT_NUMBER_SET, {
        metafields: [
          {
            ownerId: "gid://shopify/Order/1",
            namespace: "erp_connector",
            key: "document_number",
            type: "single_line_text_field",
            value: "SO-1",
          },
        ],
      }),
    ).rejects.toThrow(/Outgoing writes are off.*OrderErpDocumentNumberSet was not sent to Shopify/);
    expect(shop.events().length).toBe(before);
    const logged =
      await db.sql`select operation from api_log_entries where shop_id = ${shop.shopId} and operation = 'OrderErpDocumentNumberSet'`;
    expect(logged).toEqual([]);
  });
});
