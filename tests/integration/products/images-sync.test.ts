import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { imagesSyncTask } from "../../../app/.server/tasks/images-sync/task.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { makePng } from "../../../sandbox/business-central/store/seed-images.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { TEST_ERP_CLIENT } from "../../support/connect-erp.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// Item and variant pictures ↔ Shopify product images, over HTTP to both sandboxes, run by graphile-worker.

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
type Records = Awaited<ReturnType<typeof world.runTask>>["records"];

const writes = (records: Records) => records.filter((r) => r.outcome === "created" || r.outcome === "updated");

async function media(shop: Shop, productId: string) {
  const data = await shop.gql(`query M($id: ID!) { product(id: $id) { media(first: 20) { nodes { id } } } }`, {
    id: productId,
  });
  return (data.product.media.nodes as Array<{ id: string }>).map((m) => m.id);
}

async function variantMedia(shop: Shop, variantId: string) {
  const data = await shop.gql(`query V($id: ID!) { productVariant(id: $id) { media(first: 5) { nodes { id } } } }`, {
    id: variantId,
  });
  return (data.productVariant.media.nodes as Array<{ id: string }>).map((m) => m.id);
}

/** A call to the company's BC API v2.0 as any BC client makes it (token, then the request). */
async function bcRequest(shop: Shop, path: string, init: RequestInit = {}) {
  const token = await fetch(world.bc.tokenUrl(shop.tenant), {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: TEST_ERP_CLIENT.clientId,
      client_secret: TEST_ERP_CLIENT.clientSecret,
      scope: "https://api.businesscentral.dynamics.com/.default",
    }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  return fetch(`${world.bc.apiBaseUrl(shop.tenant, world.env)}/companies(${shop.company.info.id})/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${access_token}`, ...init.headers },
  });
}

/** A BC user uploads a new picture: raw bytes to pictureContent, as BC's API takes them. */
async function putBcPicture(shop: Shop, parent: string, bytes: Uint8Array<ArrayBuffer>) {
  const put = await bcRequest(shop, `${parent}/picture/pictureContent`, {
    method: "PATCH",
    headers: { "If-Match": "*", "Content-Type": "application/octet-stream" },
    body: bytes,
  });
  expect(put.status).toBe(204);
}

/** The item's picture read back through BC's API: its etag, type and bytes. */
async function bcPicture(shop: Shop, itemId: string) {
  const entity = (await (await bcRequest(shop, `items(${itemId})/picture`)).json()) as Record<string, unknown>;
  const content = await bcRequest(shop, `items(${itemId})/picture/pictureContent`);
  return {
    etag: entity["@odata.etag"] as string,
    contentType: entity.contentType as string,
    bytes: new Uint8Array(await content.arrayBuffer()),
  };
}

/** A merchant adds an image to a product in Shopify (staged upload, then the product's media) and waits for it. */
async function addShopifyImage(shop: Shop, productId: string, bytes: Uint8Array<ArrayBuffer>, filename: string) {
  const staged = await shop.gql(
    `mutation S($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) {
      stagedTargets { url resourceUrl parameters { name value } } userErrors { message } } }`,
    {
      input: [
        { resource: "IMAGE", filename, mimeType: "image/png", fileSize: String(bytes.byteLength), httpMethod: "POST" },
      ],
    },
  );
  const target = staged.stagedUploadsCreate.stagedTargets[0] as {
    url: string;
    resourceUrl: string;
    parameters: Array<{ name: string; value: string }>;
  };
  const form = new FormData();
  for (const p of target.parameters) form.append(p.name, p.value);
  form.append("file", new Blob([bytes], { type: "image/png" }), filename);
  expect((await fetch(target.url, { method: "POST", body: form })).ok).toBe(true);
  const updated = await shop.gql(
    `mutation U($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { userErrors { message } } }`,
    { product: { id: productId }, media: [{ originalSource: target.resourceUrl, mediaContentType: "IMAGE" }] },
  );
  expect(updated.productUpdate.userErrors).toEqual([]);
  for (let i = 0; i < 100; i += 1) {
    const data = await shop.gql(`query F($id: ID!) { product(id: $id) { featuredMedia { id status } } }`, {
      id: productId,
    });
    if (data.product.featuredMedia?.status === "READY") return data.product.featuredMedia.id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the image was not processed");
}

async function productLink(shop: Shop, itemNumber: string) {
  const [link] =
    await db.sql`select id::int, shopify_product_id, shopify_media_id, picture_hash, picture_version, shopify_image_id from product_links where shop_id = ${shop.shopId} and erp_item_number = ${itemNumber}`;
  return link!;
}

describe("Sync images, ERP → Shopify", () => {
  let shop: Shop;
  let pictured: { itemNumber: string; itemId: string; productId: string };
  let variant: { id: string; code: string; shopifyVariantId: string };

  const variantLink = async () => {
    const [row] =
      await db.sql`select shopify_media_id, picture_hash, picture_version from variant_links where shop_id = ${shop.shopId} and shopify_variant_id = ${variant.shopifyVariantId}`;
    return row!;
  };

  beforeAll(async () => {
    shop = await world.newShop({ products: { direction: "erp_to_shopify" }, images: { direction: "erp_to_shopify" } });
    await world.runTask(productsSyncTask, shop.shopId);
    // The seed gives the first item a picture, and its first variant one of its own.
    const first = shop.company.items.all()[0]!;
    pictured = {
      itemNumber: first.number,
      itemId: first.id,
      productId: (await productLink(shop, first.number)).shopify_product_id,
    };
    const variantPicture = shop.company.pictures.all().find((p) => p.parentType === "Item Variant")!;
    const bcVariant = shop.company.itemVariants.get(variantPicture.id)!;
    expect(bcVariant.itemNumber).toBe(first.number);
    const [row] =
      await db.sql`select shopify_variant_id from variant_links where shop_id = ${shop.shopId} and erp_item_number = ${first.number} and erp_variant_code = ${bcVariant.code}`;
    variant = { id: bcVariant.id, code: bcVariant.code, shopifyVariantId: row!.shopify_variant_id as string };
  });

  it("puts an item's picture on its product and a variant's own picture on its variant, once; later runs upload nothing", async () => {
    const before = await media(shop, pictured.productId);
    const { run, records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(records.find((r) => r.label?.endsWith(`/ ${variant.code}`))).toMatchObject({
      outcome: "created",
      reason: "picture added",
    });
    const after = await media(shop, pictured.productId);
    expect(after).toHaveLength(before.length + 2);
    const link = await productLink(shop, pictured.itemNumber);
    const ofVariant = await variantLink();
    expect(after).toContain(link.shopify_media_id);
    expect(after).toContain(ofVariant.shopify_media_id);
    expect(ofVariant.shopify_media_id).not.toBe(link.shopify_media_id);
    expect(await variantMedia(shop, variant.shopifyVariantId)).toEqual([ofVariant.shopify_media_id]);

    const again = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(again.records)).toEqual([]);
    expect(await media(shop, pictured.productId)).toEqual(after);
    expect(await variantMedia(shop, variant.shopifyVariantId)).toEqual([ofVariant.shopify_media_id]);
  });

  it("a picture replaced in BC replaces the app's image; the merchant's own stay", async () => {
    const before = await media(shop, pictured.productId);
    const old = await productLink(shop, pictured.itemNumber);
    await putBcPicture(shop, `items(${pictured.itemId})`, makePng(48, [10, 120, 200], [255, 255, 255]));
    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(records)).toMatchObject([
      { outcome: "updated", reason: "picture replaced", label: expect.not.stringContaining("/") },
    ]);
    const after = await media(shop, pictured.productId);
    expect(after).toHaveLength(before.length);
    expect(after).not.toContain(old.shopify_media_id);
  });

  it("a variant's picture replaced in BC replaces the variant's image, and the product keeps one of it", async () => {
    const before = await media(shop, pictured.productId);
    const old = await variantLink();
    await putBcPicture(shop, `itemVariants(${variant.id})`, makePng(40, [200, 30, 90], [20, 20, 20]));
    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(records)).toMatchObject([
      { outcome: "updated", reason: "picture replaced", label: expect.stringContaining(`/ ${variant.code}`) },
    ]);
    const now = await variantLink();
    expect(now.shopify_media_id).not.toBe(old.shopify_media_id);
    expect(now.picture_hash).not.toBe(old.picture_hash);
    expect(await variantMedia(shop, variant.shopifyVariantId)).toEqual([now.shopify_media_id]);
    const after = await media(shop, pictured.productId);
    expect(after).toHaveLength(before.length);
    expect(after).not.toContain(old.shopify_media_id);
    expect(after).toContain(now.shopify_media_id);

    // Saved again with the same bytes: a new version in BC, nothing uploaded.
    await putBcPicture(shop, `itemVariants(${variant.id})`, makePng(40, [200, 30, 90], [20, 20, 20]));
    const resaved = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(resaved.records)).toEqual([]);
    expect((await variantLink()).picture_version).not.toBe(now.picture_version);
    expect(await variantMedia(shop, variant.shopifyVariantId)).toEqual([now.shopify_media_id]);
  });
});

describe("Sync images, Shopify → ERP", () => {
  let shop: Shop;
  let target: { itemNumber: string; itemId: string; productId: string; linkId: number };

  beforeAll(async () => {
    shop = await world.newShop({ products: { direction: "erp_to_shopify" }, images: { direction: "shopify_to_erp" } });
    await world.runTask(productsSyncTask, shop.shopId);
    // An item the seed gives no picture.
    const item = shop.company.items.all().find((i) => !shop.company.pictures.get(i.id))!;
    const link = await productLink(shop, item.number);
    target = { itemNumber: item.number, itemId: item.id, productId: link.shopify_product_id, linkId: link.id };
  });

  const recordsOf = (records: Records) => records.filter((r) => r.key === String(target.linkId));

  it("makes a product's first image its BC item's picture, and a second run changes nothing", async () => {
    const image = makePng(24, [30, 160, 60], [250, 250, 250]);
    const mediaId = await addShopifyImage(shop, target.productId, image, "front.png");
    const { run, records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(recordsOf(records)).toMatchObject([
      { outcome: "created", reason: "the product's image became the item's picture" },
    ]);
    const picture = await bcPicture(shop, target.itemId);
    expect(picture.contentType).toBe("image/png");
    expect(Buffer.from(picture.bytes).equals(Buffer.from(image))).toBe(true);
    const link = await productLink(shop, target.itemNumber);
    expect(link).toMatchObject({ shopify_image_id: mediaId, picture_version: picture.etag, shopify_media_id: null });

    const again = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(again.records)).toEqual([]);
    expect((await bcPicture(shop, target.itemId)).etag).toBe(picture.etag);
  });

  it("a changed image: Preview writes nothing, the kill switch skips it, the next run replaces the item's picture", async () => {
    const before = await bcPicture(shop, target.itemId);
    const [old] = await media(shop, target.productId);
    const deleted = await shop.gql(
      `mutation D($ids: [ID!]!) { fileDelete(fileIds: $ids) { userErrors { message } } }`,
      {
        ids: [old],
      },
    );
    expect(deleted.fileDelete.userErrors).toEqual([]);
    const image = makePng(28, [220, 200, 10], [0, 0, 0]);
    const mediaId = await addShopifyImage(shop, target.productId, image, "new-front.png");

    const preview = await world.runTask(imagesSyncTask, shop.shopId, { dryRun: true });
    expect(preview.run?.dry_run).toBe(true);
    expect(recordsOf(preview.records)).toMatchObject([{ outcome: "planned" }]);
    expect((await bcPicture(shop, target.itemId)).etag).toBe(before.etag);

    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const held = await world.runTask(imagesSyncTask, shop.shopId);
    expect(recordsOf(held.records)).toMatchObject([
      { outcome: "skipped", reason: "outgoing writes are off in Settings" },
    ]);
    expect((await bcPicture(shop, target.itemId)).etag).toBe(before.etag);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));

    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(recordsOf(records)).toMatchObject([
      { outcome: "updated", reason: "the item's picture was replaced by the product's image" },
    ]);
    const after = await bcPicture(shop, target.itemId);
    expect(after.etag).not.toBe(before.etag);
    expect(Buffer.from(after.bytes).equals(Buffer.from(image))).toBe(true);
    expect(await productLink(shop, target.itemNumber)).toMatchObject({ shopify_image_id: mediaId });
  });

  it("a product linked after the cursor passed its image still gives the image to its item", async () => {
    const item = shop.company.items.all().find((i) => i.id !== target.itemId)!;
    const link = await productLink(shop, item.number);
    // Not linked yet when its image changes (the products sync maps it later).
    await db.sql`update product_links set state = 'unmapped' where id = ${link.id}`;
    const image = makePng(20, [90, 10, 160], [240, 240, 240]);
    await addShopifyImage(shop, link.shopify_product_id, image, "late.png");
    const passed = await world.runTask(imagesSyncTask, shop.shopId);
    expect(passed.records.filter((r) => r.key === String(link.id))).toEqual([]);
    await db.sql`update product_links set state = 'linked' where id = ${link.id}`;
    // Later runs moved the cursor well past the product's change (beyond the overlap).
    const later = JSON.stringify({ updatedAt: new Date(Date.now() + 3_600_000).toISOString(), lastId: null });
    const moved =
      await db.sql`update sync_cursors set cursor = ${later} where shop_id = ${shop.shopId} and stream = 'shopify-product-images' returning 1`;
    expect(moved).toHaveLength(1);

    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(records.filter((r) => r.key === String(link.id))).toMatchObject([{ outcome: "created" }]);
    expect(Buffer.from((await bcPicture(shop, item.id)).bytes).equals(Buffer.from(image))).toBe(true);
    const again = await world.runTask(imagesSyncTask, shop.shopId);
    expect(writes(again.records)).toEqual([]);
  });

  it("the picture written from Shopify does not come back as an ERP change", async () => {
    const before = await media(shop, target.productId);
    await setSettings(shop.shopId, (s) => (s.images.direction = "erp_to_shopify"));
    const { records } = await world.runTask(imagesSyncTask, shop.shopId);
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    // The other seeded items' pictures go to their products; this one's came from its product.
    expect(writes(records).length).toBeGreaterThan(0);
    expect(recordsOf(records)).toEqual([]);
    expect(await media(shop, target.productId)).toEqual(before);
    await setSettings(shop.shopId, (s) => (s.images.direction = "shopify_to_erp"));
  });
});
