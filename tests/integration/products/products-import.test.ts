import { readFile } from "node:fs/promises";

import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mapProduct, requestProductSync, unlinkProduct } from "../../../app/.server/products-page/product-actions.ts";
import { createItemInErp } from "../../../app/.server/tasks/orders-process/mapping-actions.ts";
import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { action as productsUpdate } from "../../../app/routes/webhooks.products.update.tsx";
import { pick } from "../../../sandbox/shopify/server/webhook-delivery.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { setSettings } from "../../support/shop-settings.ts";
import { webhookRequest } from "../../support/webhook-request.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// Shopify → ERP product sync over HTTP to both sandboxes, run by graphile-worker as Run now runs it.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const shopifyToErp = {
  products: { direction: "shopify_to_erp", mapping: "item_no_and_variant_code", skuSeparator: "-" },
};

type Shop = Awaited<ReturnType<typeof world.newShop>>;

/** A merchant's product in the Shopify admin: one option, a variant per [value, sku, barcode]. */
async function createShopifyProduct(shop: Shop, title: string, variants: Array<[string, string, string | null]>) {
  const made = await shop.gql(
    `mutation S($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id variants(first: 10) { nodes { id sku } } } userErrors { message } } }`,
    {
      input: {
        title,
        productOptions: [{ name: "Colour", values: variants.map(([value]) => ({ name: value })) }],
        variants: variants.map(([value, sku, barcode]) => ({
          optionValues: [{ optionName: "Colour", name: value }],
          sku,
          ...(barcode ? { barcode } : {}),
          price: "12.00",
        })),
      },
    },
  );
  expect(made.productSet.userErrors).toEqual([]);
  return made.productSet.product as { id: string; variants: { nodes: Array<{ id: string; sku: string }> } };
}

async function bcItem(shop: Shop, body: Record<string, unknown>) {
  const created = await shop.bcApi("POST", "items", { type: "Inventory", unitPrice: 10, ...body });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await created.json()) as { id: string };
}

async function link(shopId: number, productId: string) {
  const [row] = await db.sql<
    Array<{ id: number; state: string; origin: string; erp_item_number: string | null; reason: string | null }>
  >`
    select id::int, state, origin, erp_item_number, reason from product_links where shop_id = ${shopId} and shopify_product_id = ${productId}`;
  return row;
}

async function variantLinksOf(shopId: number, productId: string) {
  return db.sql`select erp_item_number, erp_variant_code, source, sku from variant_links
    where shop_id = ${shopId} and shopify_product_id = ${productId} order by sku`;
}

const recordOf = <R extends { label: string | null }>(records: R[], label: string) =>
  records.filter((r) => r.label === label);

describe("Sync products, Shopify → ERP", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop(shopifyToErp);
  });

  it("maps the store's products to the BC items their SKUs name and stores the links", async () => {
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status, run?.error_message ?? "").toBe("succeeded");
    expect(records.length).toBe(4);
    expect(records.every((r) => r.outcome === "updated" && r.type === "product")).toBe(true);
    const links = await db.sql`select state, origin, erp_item_number from product_links where shop_id = ${shop.shopId}`;
    expect(links).toHaveLength(4);
    expect(links.every((l) => l.state === "linked" && l.origin === "shopify" && l.erp_item_number)).toBe(true);
    const variants =
      await db.sql`select sku, erp_item_number, erp_variant_code, source from variant_links where shop_id = ${shop.shopId}`;
    expect(variants).toHaveLength(8);
    for (const v of variants) {
      expect(v.source).toBe("matched");
      expect(v.sku).toBe(`${v.erp_item_number}-${v.erp_variant_code}`);
    }
    // Each record is keyed by its product link (the product's page).
    const ids = (await db.sql`select id::text from product_links where shop_id = ${shop.shopId}`).map((r) => r.id);
    expect(records.map((r) => r.key).sort()).toEqual(ids.sort());
  });

  it("runs again without a write when nothing the import maps changed", async () => {
    const before = shop.company.items.all().length;
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status, run?.error_message ?? "").toBe("succeeded");
    expect(records.filter((r) => r.outcome !== "unchanged")).toEqual([]);
    expect(shop.company.items.all().length).toBe(before);
  });

  it("falls back to the barcode when the SKU finds no item", async () => {
    await bcItem(shop, { number: "GLASS-1", displayName: "Glass", gtin: "4006381333931" });
    const product = await createShopifyProduct(shop, "Tumbler", [["Clear", "TUMBLER-CLR", "4006381333931"]]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Tumbler")).toMatchObject([
      { outcome: "updated", reason: expect.stringMatching(/found by barcode/) },
    ]);
    expect(await link(shop.shopId, product.id)).toMatchObject({
      state: "linked",
      origin: "shopify",
      erp_item_number: "GLASS-1",
    });
    expect(await variantLinksOf(shop.shopId, product.id)).toEqual([
      { erp_item_number: "GLASS-1", erp_variant_code: "", source: "matched", sku: "TUMBLER-CLR" },
    ]);
  });

  it("lists a product no item matches as unmapped, on the product list and the unmapped list", async () => {
    const product = await createShopifyProduct(shop, "Ghost chair", [
      ["Grey", "GHOST-GRY", null],
      ["Red", "GHOST-RED", null],
    ]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Ghost chair")).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/^unmapped: no ERP item/) },
    ]);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "unmapped", erp_item_number: null });
    const open = await db.sql`select shopify_id, label from unmapped_records
      where shop_id = ${shop.shopId} and entity = 'product' and resolved_at is null order by label`;
    expect(open.map((r) => r.shopify_id).sort()).toEqual(product.variants.nodes.map((v) => v.id).sort());
    expect(open.map((r) => r.label)).toEqual([
      "Ghost chair – Grey (SKU GHOST-GRY)",
      "Ghost chair – Red (SKU GHOST-RED)",
    ]);
    expect(shop.company.items.all().some((i) => i.number.startsWith("GHOST"))).toBe(false);
  });

  it("Create on the unmapped list makes the item from Shopify's variant, and the next run links the product", async () => {
    const product = await createShopifyProduct(shop, "Bowl", [["Only", "BOWL9", null]]);
    await world.runTask(productsSyncTask, shop.shopId);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "unmapped" });
    // No order has bought it: the details come from Shopify.
    const result = await createItemInErp(shop.shopId, product.variants.nodes[0]!.id);
    expect(result).toMatchObject({ ok: true, message: "Item BOWL9 created in the ERP." });
    expect(shop.company.items.all().find((i) => i.number === "BOWL9")).toMatchObject({
      displayName: "Bowl Only",
      unitPrice: 12,
    });
    const open = await db.sql`select 1 from unmapped_records where shop_id = ${shop.shopId}
      and shopify_id = ${product.variants.nodes[0]!.id} and resolved_at is null`;
    expect(open).toHaveLength(0);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Bowl")).toMatchObject([{ outcome: "updated" }]);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "linked", erp_item_number: "BOWL9" });
  });

  it("refuses a SKU that names two items, naming both", async () => {
    // "LAMP-X" is item LAMP's variant X, and also the number of another item.
    const lamp = await bcItem(shop, { number: "LAMP", displayName: "Lamp" });
    expect((await shop.bcApi("POST", "itemVariants", { itemId: lamp.id, code: "X", description: "X" })).status).toBe(
      201,
    );
    await bcItem(shop, { number: "LAMP-X", displayName: "Lamp X" });
    const product = await createShopifyProduct(shop, "Lamp in Shopify", [["Only", "LAMP-X", null]]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    const [record] = recordOf(records, "Lamp in Shopify");
    expect(record?.outcome).toBe("skipped");
    expect(record?.reason).toMatch(/ambiguous: SKU LAMP-X names LAMP variant X and item LAMP-X/);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "skipped", erp_item_number: null });
    expect(await variantLinksOf(shop.shopId, product.id)).toEqual([]);
  });

  it("refuses a product whose variants name two different items", async () => {
    const product = await createShopifyProduct(shop, "Mixed set", [
      ["Glass", "GLASS-1", null],
      ["Lamp", "LAMP", null],
    ]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    const [record] = recordOf(records, "Mixed set");
    expect(record?.outcome).toBe("skipped");
    expect(record?.reason).toMatch(/ambiguous: .*item GLASS-1 \(SKU GLASS-1\) and item LAMP \(SKU LAMP\)/);
    expect(await variantLinksOf(shop.shopId, product.id)).toEqual([]);
  });

  it("a preview plans a new product's link and writes nothing", async () => {
    await bcItem(shop, { number: "BOWL-1", displayName: "Bowl" });
    const product = await createShopifyProduct(shop, "Bowl in Shopify", [["Only", "BOWL-1", null]]);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId, { dryRun: true });
    expect(run).toMatchObject({ status: "succeeded", dry_run: true });
    expect(recordOf(records, "Bowl in Shopify")).toMatchObject([
      { outcome: "planned", reason: "would link 1 variant(s) to item BOWL-1" },
    ]);
    expect(await link(shop.shopId, product.id)).toBeUndefined();
    const { records: real } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(real, "Bowl in Shopify")).toMatchObject([{ outcome: "updated" }]);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "linked", erp_item_number: "BOWL-1" });
  });

  it("with the kill switch off records the product as skipped and keeps the cursor", async () => {
    await bcItem(shop, { number: "PLATE-1", displayName: "Plate" });
    const product = await createShopifyProduct(shop, "Plate in Shopify", [["Only", "PLATE-1", null]]);
    const cursor = async () =>
      (await db.sql`select cursor from sync_cursors where shop_id = ${shop.shopId} and stream = 'shopify-products'`)[0]
        ?.cursor;
    const before = await cursor();
    expect(before).toBeTruthy();
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = false));
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Plate in Shopify")).toMatchObject([
      { outcome: "skipped", reason: "outgoing writes are off in Settings" },
    ]);
    expect(await link(shop.shopId, product.id)).toBeUndefined();
    expect(await cursor()).toBe(before);
    await setSettings(shop.shopId, (s) => (s.allowOutgoingWrites = true));
    const { records: again } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(again, "Plate in Shopify")).toMatchObject([{ outcome: "updated" }]);
  });

  it("updates the mapped item's name from Shopify only when the shop lets Shopify update items", async () => {
    await bcItem(shop, { number: "JUG-1", displayName: "Jug" });
    const product = await createShopifyProduct(shop, "Jug", [["Only", "JUG-1", null]]);
    await world.runTask(productsSyncTask, shop.shopId);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "linked", erp_item_number: "JUG-1" });
    const retitle = async (title: string) => {
      const edited = await shop.gql(
        `mutation U($product: ProductUpdateInput!) { productUpdate(product: $product) { userErrors { message } } }`,
        { product: { id: product.id, title } },
      );
      expect(edited.productUpdate.userErrors).toEqual([]);
    };
    const jug = () => shop.company.items.all().find((i) => i.number === "JUG-1");

    await retitle("Jug, stoneware");
    const { records: off } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(off, "Jug, stoneware")).toMatchObject([
      { outcome: "unchanged", reason: "changed in Shopify, but the shop does not let Shopify update ERP items" },
    ]);
    expect(jug()?.displayName).toBe("Jug");

    await setSettings(shop.shopId, (s) => (s.products.shopifyCanUpdateItems = true));
    const modifiedBefore = jug()?.lastModifiedDateTime;
    const { records: on } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(on, "Jug, stoneware")).toMatchObject([{ outcome: "updated" }]);
    expect(jug()?.displayName).toBe("Jug, stoneware");
    expect(jug()?.lastModifiedDateTime).not.toBe(modifiedBefore);
    // Nothing changed since: no ERP write at all.
    const modifiedAfter = jug()?.lastModifiedDateTime;
    const { records: again } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(again, "Jug, stoneware")).toMatchObject([{ outcome: "unchanged" }]);
    expect(jug()?.lastModifiedDateTime).toBe(modifiedAfter);

    // A BC user changes the item under the write, twice (the adapter re-reads once): a failed record naming it.
    await retitle("Jug, glazed");
    world.bc.failNext({ method: "PATCH", path: "/items\\(", count: 2, status: 412 });
    const { run, records: conflict } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status).toBe("succeeded");
    expect(recordOf(conflict, "Jug, glazed")).toMatchObject([
      {
        outcome: "failed",
        reason: expect.stringMatching(/^ERP item JUG-1 changed while Shopify's change was written to it \(CONFLICT\)/),
      },
    ]);
    expect(jug()?.displayName).toBe("Jug, stoneware");
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "error", erp_item_number: "JUG-1" });
    // Failed: read again by id on the next run, which succeeds.
    const { records: retried } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(retried, "Jug, glazed")).toMatchObject([{ outcome: "updated" }]);
    expect(jug()?.displayName).toBe("Jug, glazed");
    await setSettings(shop.shopId, (s) => (s.products.shopifyCanUpdateItems = false));
  });

  it("a products/update webhook queues one run of Sync products and does no work in the request", async () => {
    const product = await createShopifyProduct(shop, "Webhook vase", [["Only", "WEBHOOK-VASE", null]]);
    const edited = await shop.gql(
      `mutation U($product: ProductUpdateInput!) { productUpdate(product: $product) { userErrors { message } } }`,
      { product: { id: product.id, title: "Webhook vase, blue" } },
    );
    expect(edited.productUpdate.userErrors).toEqual([]);
    // The sandbox store's own products/update event, cut to the subscription's include_fields as Shopify sends it.
    const toml = parse(await readFile("shopify.app.toml", "utf8")) as {
      webhooks: { subscriptions: Array<{ topics?: string[]; include_fields?: string[] }> };
    };
    const includeFields = toml.webhooks.subscriptions.find((s) =>
      s.topics?.includes("products/update"),
    )?.include_fields;
    expect(includeFields).toEqual(
      expect.arrayContaining(["id", "admin_graphql_api_id", "updated_at", "variants.sku", "variants.barcode"]),
    );
    const event = shop
      .events()
      .findLast((e) => e.topic === "products/update" && e.payload.admin_graphql_api_id === product.id);
    expect(event, "the store announced the new product").toBeDefined();
    const body = pick(event!.payload, includeFields!);
    for (let i = 0; i < 3; i++) {
      const response = await productsUpdate({
        request: webhookRequest({ topic: "products/update", shop: shop.domain, body }),
        params: {},
        context: {},
      });
      expect(response.status).toBe(200);
    }
    const jobs = await db.sql`select key, payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'products__sync' and j.key like ${`products__sync:${shop.shopId}%`}`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      key: `products__sync:${shop.shopId}`,
      payload: { shopId: shop.shopId, trigger: "webhook" },
    });
    expect(await link(shop.shopId, product.id)).toBeUndefined();
    await world.runAllJobs();
    const [run] =
      await db.sql`select trigger, status from task_runs where shop_id = ${shop.shopId} and task = 'products__sync' order by id desc limit 1`;
    expect(run).toMatchObject({ trigger: "webhook", status: "succeeded" });
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "unmapped" });
  });
});

describe("Sync products, Shopify → ERP, with the Products page's actions", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop(shopifyToErp);
    await world.runTask(productsSyncTask, shop.shopId);
  });

  it("Map on an unmapped product's page: the next run reads it again and links its variants by SKU", async () => {
    const product = await createShopifyProduct(shop, "Stool", [
      ["Oak", "STOOL-OAK", null],
      ["Ash", "STOOL-ASH", null],
    ]);
    await world.runTask(productsSyncTask, shop.shopId);
    const unmapped = await link(shop.shopId, product.id);
    expect(unmapped).toMatchObject({ state: "unmapped" });
    // A BC user creates the item afterwards; nothing changes in Shopify.
    const stool = await bcItem(shop, { number: "STOOL", displayName: "Stool" });
    for (const code of ["OAK", "ASH"]) {
      expect((await shop.bcApi("POST", "itemVariants", { itemId: stool.id, code, description: code })).status).toBe(
        201,
      );
    }
    expect(await mapProduct(shop.shopId, unmapped!.id, "STOOL")).toMatchObject({ ok: true });
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Stool")).toMatchObject([{ outcome: "updated", key: String(unmapped!.id) }]);
    expect(
      (await variantLinksOf(shop.shopId, product.id)).map((v) => [v.erp_item_number, v.erp_variant_code, v.source]),
    ).toEqual([
      ["STOOL", "ASH", "matched"],
      ["STOOL", "OAK", "matched"],
    ]);
    const open = await db.sql`select shopify_id from unmapped_records
      where shop_id = ${shop.shopId} and entity = 'product' and resolved_at is null`;
    expect(open.map((r) => r.shopify_id)).not.toContain(product.variants.nodes[0]!.id);
  });

  it("Unlink: the next runs leave the product unmapped even though its SKUs match", async () => {
    const [row] = await db.sql<Array<{ id: number; shopify_product_id: string; title: string }>>`
      select id::int, shopify_product_id, title from product_links
      where shop_id = ${shop.shopId} and state = 'linked' order by id limit 1`;
    expect(await unlinkProduct(shop.shopId, row!.id)).toMatchObject({ ok: true });
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, row!.title)).toMatchObject([
      { outcome: "unchanged", reason: "unlinked by the merchant: map it on its product page" },
    ]);
    expect(await link(shop.shopId, row!.shopify_product_id)).toMatchObject({
      state: "unmapped",
      erp_item_number: null,
    });
    expect(await variantLinksOf(shop.shopId, row!.shopify_product_id)).toEqual([]);
    // Read once, remembered: it is not read again by id until it changes (or Map asks for it).
    const [seen] = await db.sql`select last_seen_shopify_hash from product_links where id = ${row!.id}`;
    expect(seen?.last_seen_shopify_hash).toBeTruthy();
    const { records: again } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(again, row!.title).map((r) => r.outcome)).not.toContain("updated");
    expect(await link(shop.shopId, row!.shopify_product_id)).toMatchObject({
      state: "unmapped",
      erp_item_number: null,
    });
  });

  it("Sync now on a product Shopify deleted: said once, then left alone", async () => {
    const product = await createShopifyProduct(shop, "Short-lived", [["Only", "SHORT-1", null]]);
    await world.runTask(productsSyncTask, shop.shopId);
    const row = await link(shop.shopId, product.id);
    expect(row).toMatchObject({ state: "unmapped" });
    const deleted = await shop.gql(
      `mutation D($id: ID!) { productDelete(input: { id: $id }) { userErrors { message } } }`,
      {
        id: product.id,
      },
    );
    expect(deleted.productDelete.userErrors).toEqual([]);
    expect(await requestProductSync(shop.shopId, row!.id, [productsSyncTask])).toMatchObject({ ok: true });
    await world.runAllJobs();
    const [run] = await db.sql<Array<{ id: number }>>`select id::int from task_runs
      where shop_id = ${shop.shopId} and task = 'products__sync' order by id desc limit 1`;
    const records =
      await db.sql`select outcome, reason from task_run_records where run_id = ${run!.id} and record_key = ${String(row!.id)}`;
    expect(records).toEqual([{ outcome: "skipped", reason: "Shopify no longer has this product" }]);
    const { records: later } = await world.runTask(productsSyncTask, shop.shopId);
    expect(later.filter((r) => r.key === String(row!.id))).toEqual([]);
  });
});

describe("Sync products, Shopify → ERP, creating unknown products", () => {
  let shop: Shop;

  beforeAll(async () => {
    shop = await world.newShop({ products: { ...shopifyToErp.products, createUnknownInErp: true } });
    // The template item: a BC user's item whose setup new items copy.
    await bcItem(shop, { number: "TEMPLATE", displayName: "Template", type: "Non-Inventory" });
    await setSettings(shop.shopId, (s) => (s.products.itemTemplateNo = "TEMPLATE"));
    await world.runTask(productsSyncTask, shop.shopId);
  });

  it("creates an unknown product in BC from the item template, with its variants and barcodes", async () => {
    const product = await createShopifyProduct(shop, "Cushion", [
      ["Red", "CUSH-1-RED", "4012345678901"],
      ["Blue", "CUSH-1-BLU", "4012345678918"],
    ]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Cushion")).toMatchObject([{ outcome: "created" }]);
    const item = shop.company.items.all().find((i) => i.number === "CUSH-1");
    expect(item).toMatchObject({ displayName: "Cushion", type: "Non-Inventory" });
    const variants = shop.company.itemVariants
      .filter((v) => v.itemNumber === "CUSH-1")
      .map((v) => v.code)
      .sort();
    expect(variants).toEqual(["BLU", "RED"]);
    const references = shop.company.itemReferences
      .filter((r) => r.itemNumber === "CUSH-1")
      .map((r) => [r.variantCode, r.referenceNumber])
      .sort();
    expect(references).toEqual([
      ["BLU", "4012345678918"],
      ["RED", "4012345678901"],
    ]);
    expect(await link(shop.shopId, product.id)).toMatchObject({
      state: "linked",
      origin: "shopify",
      erp_item_number: "CUSH-1",
    });
    expect((await variantLinksOf(shop.shopId, product.id)).map((v) => [v.erp_variant_code, v.source])).toEqual([
      ["BLU", "created"],
      ["RED", "created"],
    ]);
    // Run again: nothing changed, nothing is written.
    const itemsBefore = shop.company.items.all().length;
    const { records: again } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(again, "Cushion")).toMatchObject([{ outcome: "unchanged" }]);
    expect(shop.company.items.all().length).toBe(itemsBefore);
  });

  it("a variant added in Shopify to a mapped product becomes a new variant of its item", async () => {
    const [row] = await db.sql<Array<{ shopify_product_id: string }>>`select shopify_product_id from product_links
      where shop_id = ${shop.shopId} and erp_item_number = 'CUSH-1'`;
    const added = await shop.gql(
      `mutation A($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkCreate(productId: $productId, variants: $variants) { userErrors { message } } }`,
      {
        productId: row!.shopify_product_id,
        variants: [
          {
            optionValues: [{ optionName: "Colour", name: "Green" }],
            barcode: "4012345678925",
            price: "12.00",
            inventoryItem: { sku: "CUSH-1-GRN" },
          },
        ],
      },
    );
    expect(added.productVariantsBulkCreate.userErrors).toEqual([]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Cushion")).toMatchObject([
      { outcome: "updated", reason: "variant(s) GRN created in the ERP" },
    ]);
    expect(
      shop.company.itemVariants
        .filter((v) => v.itemNumber === "CUSH-1")
        .map((v) => v.code)
        .sort(),
    ).toEqual(["BLU", "GRN", "RED"]);
    expect(shop.company.itemReferences.filter((r) => r.variantCode === "GRN").map((r) => r.referenceNumber)).toEqual([
      "4012345678925",
    ]);
    expect(
      (await variantLinksOf(shop.shopId, row!.shopify_product_id)).map((v) => [v.erp_variant_code, v.source]),
    ).toEqual([
      ["BLU", "created"],
      ["GRN", "created"],
      ["RED", "created"],
    ]);
  });

  it("a product with more variants than one page (Shopify allows 2,048) is read whole and created whole", async () => {
    const code = (n: number) => `V${String(n).padStart(3, "0")}`;
    const first = Array.from({ length: 100 }, (_, i) => code(i + 1));
    const product = await createShopifyProduct(
      shop,
      "Paint chart",
      first.map((c) => [c, `PAINT-1-${c}`, null]),
    );
    const more = Array.from({ length: 30 }, (_, i) => code(i + 101));
    const added = await shop.gql(
      `mutation A($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkCreate(productId: $productId, variants: $variants) { userErrors { message } } }`,
      {
        productId: product.id,
        variants: more.map((c) => ({
          optionValues: [{ optionName: "Colour", name: c }],
          price: "12.00",
          inventoryItem: { sku: `PAINT-1-${c}` },
        })),
      },
    );
    expect(added.productVariantsBulkCreate.userErrors).toEqual([]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Paint chart")).toMatchObject([{ outcome: "created" }]);
    expect(
      shop.company.itemVariants
        .filter((v) => v.itemNumber === "PAINT-1")
        .map((v) => v.code)
        .sort(),
    ).toEqual([...first, ...more]);
    expect(await variantLinksOf(shop.shopId, product.id)).toHaveLength(130);
  });

  it("an item that exists without the product's variants keeps its own fields and gets the variants", async () => {
    await bcItem(shop, { number: "THROW-1", displayName: "Throw (BC name)", unitPrice: 30 });
    const product = await createShopifyProduct(shop, "Throw", [
      ["Grey", "THROW-1-GRY", null],
      ["Sand", "THROW-1-SND", null],
    ]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Throw")).toMatchObject([
      {
        outcome: "updated",
        reason: "item THROW-1 already existed in the ERP and was linked; variant(s) GRY, SND created",
      },
    ]);
    expect(shop.company.items.all().find((i) => i.number === "THROW-1")).toMatchObject({
      displayName: "Throw (BC name)",
      unitPrice: 30,
    });
    expect(
      shop.company.itemVariants
        .filter((v) => v.itemNumber === "THROW-1")
        .map((v) => v.code)
        .sort(),
    ).toEqual(["GRY", "SND"]);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "linked", erp_item_number: "THROW-1" });
  });

  it("a product whose SKUs cannot name an item stays unmapped with the reason", async () => {
    const product = await createShopifyProduct(shop, "Odd rug", [
      ["Small", "RUG-A-S", null],
      ["Large", "RUG-B-L", null],
    ]);
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Odd rug")).toMatchObject([
      { outcome: "skipped", reason: expect.stringMatching(/name 2 items \(RUG-A, RUG-B\)/) },
    ]);
    expect(await link(shop.shopId, product.id)).toMatchObject({ state: "unmapped" });
  });

  it("never creates a bundle in BC: it waits as unmapped with the reason, and no item is made", async () => {
    const made = await shop.gql(
      `mutation S($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id variants(first: 1) { nodes { requiresComponents } } } userErrors { message } } }`,
      {
        input: {
          title: "Gift set",
          productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }],
          variants: [
            {
              optionValues: [{ optionName: "Title", name: "Default Title" }],
              sku: "GIFTSET-1",
              price: "30.00",
              requiresComponents: true,
            },
          ],
        },
      },
    );
    expect(made.productSet.userErrors).toEqual([]);
    expect(made.productSet.product.variants.nodes).toEqual([{ requiresComponents: true }]);
    const itemsBefore = shop.company.items.all().length;
    const { records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(recordOf(records, "Gift set")).toMatchObject([
      { outcome: "skipped", reason: expect.stringContaining("it is a bundle") },
    ]);
    expect(shop.company.items.all().length).toBe(itemsBefore);
    expect(await link(shop.shopId, made.productSet.product.id)).toMatchObject({ state: "unmapped" });
  });
});
