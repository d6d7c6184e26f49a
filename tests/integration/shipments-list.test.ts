import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import type * as ShipmentsRoute from "../../app/routes/app.shipments._index.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";

const SHOP = "shipments-list.myshopify.com";
let db: TestDatabase;
let route: typeof ShipmentsRoute;

beforeAll(async () => {
  db = await useTestDatabase();
  const shopId = await ensureShop(getDb(), SHOP);
  await signInShop(SHOP);
  route = await import("../../app/routes/app.shipments._index.tsx");
  await db.sql`insert into shipments (shop_id, erp_shipment_no, status, fulfillment_ids) values
    (${shopId}, 'S-SHP1', 'synced', ${["gid://shopify/Fulfillment/1"]}),
    (${shopId}, 'S-SHP2', 'synced', ${["gid://shopify/Fulfillment/2", "gid://shopify/Fulfillment/3"]})`;
});

describe("the shipments list", () => {
  it("counts fulfillments in words, in the right number", async () => {
    const page = await route.loader(routeArgs(adminRequest(SHOP, "/app/shipments?status=synced")));
    expect(Object.fromEntries(page.rows.map((row) => [row.erpShipmentNo, row.fulfillments]))).toEqual({
      "S-SHP1": "1 fulfillment",
      "S-SHP2": "2 fulfillments",
    });
  });
});
