import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { saveLevelReads } from "../../../app/.server/queries/inventory-levels.ts";
import { ensureShop } from "../../../app/.server/queries/shops.ts";
import { action as itemsUpdate } from "../../../app/routes/webhooks.inventory_items.update.tsx";
import { action as levelsUpdate } from "../../../app/routes/webhooks.inventory_levels.update.tsx";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { webhookRequest } from "../../support/webhook-request.ts";

// Shopify's stock webhooks into the shadow: late, twice, out of order, for another shop.

let db: TestDatabase;
beforeAll(async () => {
  db = await useTestDatabase();
});

const levelBody = (available: number | null, updatedAt: string) => ({
  inventory_item_id: 501,
  location_id: 1001,
  available,
  updated_at: updatedAt,
  admin_graphql_api_id: "gid://shopify/InventoryLevel/1001?inventory_item_id=501",
});

async function deliver(shop: string, topic: "inventory_levels/update" | "inventory_items/update", body: unknown) {
  const route = topic === "inventory_levels/update" ? levelsUpdate : itemsUpdate;
  return (await route({ request: webhookRequest({ topic, shop, body }), params: {}, context: {} })).status;
}

async function shadow(shopId: number) {
  const [row] = await db.sql`select available, on_hand, tracked, recompute from inventory_levels
    where shop_id = ${shopId} and inventory_item_id = 'gid://shopify/InventoryItem/501'`;
  return row;
}

describe("inventory webhooks", () => {
  it("keep the newest available quantity, whatever order they come in, and only for their shop", async () => {
    const shop = "levels-a.myshopify.com";
    const shopId = await ensureShop(getDb(), shop);
    const otherId = await ensureShop(getDb(), "levels-b.myshopify.com");
    for (const id of [shopId, otherId]) {
      await saveLevelReads(getDb(), id, [
        {
          inventoryItemId: "gid://shopify/InventoryItem/501",
          locationId: "gid://shopify/Location/1001",
          variantId: "gid://shopify/ProductVariant/501",
          tracked: true,
          stocked: true,
          available: 10,
          onHand: 12,
          shopifyUpdatedAt: new Date("2026-12-01T10:00:00Z"),
        },
      ]);
    }
    expect(await deliver(shop, "inventory_levels/update", levelBody(7, "2026-12-01T10:05:00Z"))).toBe(200);
    expect(await deliver(shop, "inventory_levels/update", levelBody(9, "2026-12-01T10:02:00Z"))).toBe(200); // late
    expect(await deliver(shop, "inventory_levels/update", levelBody(7, "2026-12-01T10:05:00Z"))).toBe(200); // again
    expect(await shadow(shopId)).toMatchObject({ available: 7, on_hand: 12 });
    expect(await shadow(otherId)).toMatchObject({ available: 10 });
  });

  it("note an item made untracked, and plan it again when tracked once more", async () => {
    const shop = "levels-a.myshopify.com";
    const [row] = await db.sql`select id from shops where domain = ${shop}`;
    const shopId = Number(row!.id);
    const item = { admin_graphql_api_id: "gid://shopify/InventoryItem/501", tracked: false, id: 501 };
    expect(await deliver(shop, "inventory_items/update", item)).toBe(200);
    expect(await shadow(shopId)).toMatchObject({ tracked: false, recompute: false });
    expect(await deliver(shop, "inventory_items/update", { ...item, tracked: true })).toBe(200);
    expect(await shadow(shopId)).toMatchObject({ tracked: true, recompute: true });
  });

  it("refuse a payload without the fields relied on, and change nothing", async () => {
    const shop = "levels-a.myshopify.com";
    const [row] = await db.sql`select id from shops where domain = ${shop}`;
    expect(await deliver(shop, "inventory_levels/update", { inventory_item_id: 501, available: 1 })).toBe(400);
    expect(await shadow(Number(row!.id))).toMatchObject({ available: 7 });
  });
});
