import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { imagesSyncTask } from "../../../app/.server/tasks/images-sync/task.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { makePng } from "../../../sandbox/business-central/store/seed-images.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// ERP item pictures onto Shopify products, over HTTP to both sandboxes, run by graphile-worker.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

type Shop = Awaited<ReturnType<typeof world.newShop>>;

async function media(shop: Shop, productId: string) {
  const data = await shop.gql(`query M($id: ID!) { product(id: $id) { media(first: 20) { nodes { id } } } }`, {
    id: productId,
  });
  return (data.product.media.nodes as Array<{ id: string }>).map((m) => m.id);
}

describe("Sync images, ERP → Shopify", () => {
  let shop: Shop;
  let pictured: { itemNumber: string; itemId: string; productId: string };

  beforeAll(async () => {
    shop = await world.newShop({ products: { direction: "erp_to_shopify" }, images: { direction: "erp_to_shopify" } });
    await world.runTask(productsSyncTask, shop.shopId);
    const first = shop.company.items.all()[0]!;
    const [link] =
      await db.sql`select shopify_product_id from product_links where shop_id = ${shop.shopId} and erp_item_number = ${first.number}`;
    pictured = { itemNumber: first.number, itemId: first.id, productId: link!.shopify_product_id as string };
  });

  it("puts an item's picture on its product once, and later runs upload nothing", async () => {
    const before = await media(shop, pictured.productId);
    const { run, records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    const after = await media(shop, pictured.productId);
    expect(after).toHaveLength(before.length + 1);
    const [link] =
      await db.sql`select shopify_media_id, picture_hash from product_links where shop_id = ${shop.shopId} and erp_item_number = ${pictured.itemNumber}`;
    expect(after).toContain(link!.shopify_media_id);

    const again = await world.runTask(imagesSyncTask, shop.shopId);
    expect(again.records.filter((r) => r.outcome === "created" || r.outcome === "updated")).toEqual([]);
    expect(await media(shop, pictured.productId)).toEqual(after);
  });

  it("a picture replaced in BC replaces the app's image; the merchant's own stay", async () => {
    const before = await media(shop, pictured.productId);
    const [old] =
      await db.sql`select shopify_media_id from product_links where shop_id = ${shop.shopId} and erp_item_number = ${pictured.itemNumber}`;
    // A BC user uploads a new picture: raw bytes to pictureContent, as BC's API takes them.
    const token = await fetch(world.bc.tokenUrl(shop.tenant), {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "test-client",
        client_secret: "test-client-secret",
        scope: "https://api.businesscentral.dynamics.com/.default",
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const companyId = shop.company.info.id;
    const put = await fetch(
      `${world.bc.apiBaseUrl(shop.tenant, world.env)}/companies(${companyId})/items(${pictured.itemId})/picture/pictureContent`,
      {
        method: "PATCH",
        headers: {
          Authorization: `Bearer ${access_token}`,
          "If-Match": "*",
          "Content-Type": "application/octet-stream",
        },
        body: makePng(48, [10, 120, 200], [255, 255, 255]),
      },
    );
    expect(put.status).toBe(204);
    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(records.find((r) => r.outcome === "updated")).toMatchObject({ reason: "picture replaced" });
    const after = await media(shop, pictured.productId);
    expect(after).toHaveLength(before.length);
    expect(after).not.toContain(old!.shopify_media_id);
  });
});
