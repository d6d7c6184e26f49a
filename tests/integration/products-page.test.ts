import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { PRODUCTS_SYNC_TASK, requestProductSync } from "../../app/.server/products-page/product-actions.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import type * as ProductsRoute from "../../app/routes/app.products._index.tsx";
import type * as ProductRoute from "../../app/routes/app.products.$id.tsx";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";
import { connectToNewCompany } from "../support/connect-erp.ts";

// The Products list and a product's page as Remix calls them: real Requests with session tokens,
// real Postgres with rows as the product sync leaves them, and the sandbox Business Central for
// the Map picker (through the shop's own connection).
const SHOP = "products-page.myshopify.com";
const OTHER = "products-other.myshopify.com";
let db: TestDatabase;
let bc: BusinessCentralSandbox;
let shopId: number;
let otherId: number;
let listRoute: typeof ProductsRoute;
let pageRoute: typeof ProductRoute;

interface LinkRow {
  title: string;
  state: string;
  origin?: "erp" | "shopify";
  erpItemNumber?: string | null;
  shopifyProductId?: string | null;
  reason?: string | null;
  lastSyncedAt?: string | null;
  lastWrittenAt?: string | null;
  lastSeenShopifyHash?: string | null;
  shopifyMediaId?: string | null;
  pictureVersion?: string | null;
}

async function addLink(row: LinkRow, forShop = shopId): Promise<number> {
  const [inserted] = await db.sql<{ id: number }[]>`
    insert into product_links (shop_id, title, state, origin, erp_item_number, shopify_product_id, reason,
      last_synced_at, last_written_at, last_seen_shopify_hash, last_written_hash, shopify_media_id, picture_version)
    values (${forShop}, ${row.title}, ${row.state}, ${row.origin ?? "erp"}, ${row.erpItemNumber ?? null},
      ${row.shopifyProductId ?? null}, ${row.reason ?? null}, ${row.lastSyncedAt ?? null}, ${row.lastWrittenAt ?? null},
      ${row.lastSeenShopifyHash ?? null}, ${row.shopifyProductId ? "written-hash" : null}, ${row.shopifyMediaId ?? null},
      ${row.pictureVersion ?? null})
    returning id`;
  return Number(inserted!.id);
}

interface VariantRow {
  variantId: string;
  productId: string | null;
  itemNumber: string;
  variantCode?: string;
  sku: string;
  price?: string;
  compareAt?: string | null;
  cost?: string | null;
  pricesWrittenAt?: string | null;
}

async function addVariant(row: VariantRow, forShop = shopId) {
  await db.sql`insert into variant_links (shop_id, shopify_variant_id, erp_item_number, erp_variant_code, source,
      shopify_product_id, sku, price, compare_at_price, unit_cost, prices_written_at)
    values (${forShop}, ${row.variantId}, ${row.itemNumber}, ${row.variantCode ?? ""}, 'exported', ${row.productId},
      ${row.sku}, ${row.price ?? null}, ${row.compareAt ?? null}, ${row.cost ?? null}, ${row.pricesWrittenAt ?? null})`;
}

async function addErpRecord(
  row: { entity: string; erpId: string; itemNumber: string; data: Record<string, unknown> },
  forShop = shopId,
) {
  await db.sql`insert into erp_records (shop_id, entity, erp_id, item_number, data, hash, erp_modified_at)
    values (${forShop}, ${row.entity}, ${row.erpId}, ${row.itemNumber}, ${db.sql.json(row.data as never)}, 'h',
      '2026-10-01T08:00:00Z')`;
}

async function addRun(row: { task: string; queuedAt: string; dryRun?: boolean }, forShop = shopId): Promise<number> {
  const [inserted] = await db.sql<{ id: number }[]>`
    insert into task_runs (shop_id, task, category, trigger, status, dry_run, queued_at, started_at, finished_at, counts)
    values (${forShop}, ${row.task}, 'catalog', 'schedule', 'succeeded', ${row.dryRun ?? false}, ${row.queuedAt},
      ${row.queuedAt}, ${row.queuedAt}, ${db.sql.json({})})
    returning id`;
  return Number(inserted!.id);
}

async function addRecord(runId: number, key: number, outcome: string, reason: string | null, forShop = shopId) {
  await db.sql`insert into task_run_records (shop_id, run_id, record_type, record_key, label, outcome, reason)
    values (${forShop}, ${runId}, 'product', ${String(key)}, 'a product', ${outcome}, ${reason})`;
}

/** Everything an action could change for the shop, to show that a refused one changed nothing. */
async function shopState(forShop = shopId) {
  const links = await db.sql`select * from product_links where shop_id = ${forShop} order by id`;
  const variants = await db.sql`select * from variant_links where shop_id = ${forShop} order by id`;
  const mirror = await db.sql`select id, change_seq from erp_records where shop_id = ${forShop} order by id`;
  const jobs = await db.sql`select task_identifier, key from graphile_worker.jobs order by id`;
  return { links, variants, mirror, jobs };
}

const list = (search = "", shop = SHOP) => listRoute.loader(routeArgs(adminRequest(shop, `/app/products${search}`)));
const page = (id: number | string, shop = SHOP) =>
  pageRoute.loader(routeArgs(adminRequest(shop, `/app/products/${id}`), { id: String(id) }));
const act = (id: number, form: Record<string, string>, shop = SHOP) =>
  pageRoute.action(routeArgs(adminRequest(shop, `/app/products/${id}`, { form }), { id: String(id) }));

let mug: number;
let tee: number;
let pendingLamp: number;
let unmappedCap: number;
let ignoredBag: number;
let erroredSock: number;
let skippedKit: number;
let otherMug: number;
const MUG_PRODUCT = "gid://shopify/Product/7001";
const TEE_PRODUCT = "gid://shopify/Product/7002";
const CAP_PRODUCT = "gid://shopify/Product/7003";

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await createBusinessCentralSandbox({ port: 0 });
  // The app reaches the sandbox through configuration only, as in the demo.
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
  shopId = await ensureShop(getDb(), SHOP);
  otherId = await ensureShop(getDb(), OTHER);
  await db.sql`update shops set iana_timezone = 'America/New_York', currency_code = 'USD' where id in (${shopId}, ${otherId})`;
  await signInShop(SHOP);
  await signInShop(OTHER);
  listRoute = await import("../../app/routes/app.products._index.tsx");
  pageRoute = await import("../../app/routes/app.products.$id.tsx");

  mug = await addLink({
    title: "Coffee Mug",
    state: "linked",
    erpItemNumber: "10001",
    shopifyProductId: MUG_PRODUCT,
    // 02:30 UTC on Oct 3 is still Oct 2 in New York.
    lastSyncedAt: "2026-10-03T02:30:00Z",
    lastWrittenAt: "2026-10-03T02:29:00Z",
    lastSeenShopifyHash: "seen-hash",
    shopifyMediaId: "gid://shopify/MediaImage/1",
    pictureVersion: "3",
  });
  tee = await addLink({ title: "T-Shirt", state: "linked", erpItemNumber: "10002", shopifyProductId: TEE_PRODUCT });
  pendingLamp = await addLink({ title: "Desk Lamp", state: "pending", erpItemNumber: "10003" });
  unmappedCap = await addLink({
    title: "Baseball Cap",
    state: "unmapped",
    origin: "shopify",
    shopifyProductId: CAP_PRODUCT,
    reason: "no ERP item has SKU CAP-1",
  });
  ignoredBag = await addLink({
    title: "Gift Bag",
    state: "ignored",
    origin: "shopify",
    shopifyProductId: "gid://shopify/Product/7004",
    reason: "ignored by the merchant",
  });
  erroredSock = await addLink({
    title: "Wool Socks",
    state: "error",
    erpItemNumber: "10005",
    reason: "Title: is too long (maximum is 255 characters)",
  });
  skippedKit = await addLink({
    title: "Bundle Kit",
    state: "skipped",
    erpItemNumber: "10006",
    reason: "a bundle needs its components",
  });

  await addVariant({
    variantId: "gid://shopify/ProductVariant/81",
    productId: MUG_PRODUCT,
    itemNumber: "10001",
    variantCode: "V01",
    sku: "10001-V01",
    price: "12.5",
    compareAt: "15",
    cost: "5.25",
    pricesWrittenAt: "2026-10-03T02:29:00Z",
  });
  await addVariant({
    variantId: "gid://shopify/ProductVariant/82",
    productId: MUG_PRODUCT,
    itemNumber: "10001",
    variantCode: "V02",
    sku: "10001-V02",
    price: "14.5",
  });
  await addVariant({
    variantId: "gid://shopify/ProductVariant/83",
    productId: TEE_PRODUCT,
    itemNumber: "10002",
    sku: "TEE-RED",
  });
  await addErpRecord({
    entity: "items",
    erpId: "item-10001",
    itemNumber: "10001",
    data: {
      number: "10001",
      displayName: "Coffee Mug, white",
      type: "inventory",
      blocked: false,
      gtin: "2010001000015",
      unitPrice: "12.50",
      baseUnitOfMeasureCode: "PCS",
    },
  });
  await addErpRecord({
    entity: "itemVariants",
    erpId: "var-10001-1",
    itemNumber: "10001",
    data: { itemNumber: "10001", code: "V01", description: "Small" },
  });
  await addErpRecord({
    entity: "itemVariants",
    erpId: "var-10001-2",
    itemNumber: "10001",
    data: { itemNumber: "10001", code: "V02", description: "Large" },
  });
  await addErpRecord({
    entity: "items",
    erpId: "item-10003",
    itemNumber: "10003",
    data: { number: "10003", displayName: "Desk Lamp", blocked: true },
  });
  await addErpRecord({
    entity: "itemVariants",
    erpId: "var-10003-1",
    itemNumber: "10003",
    data: { itemNumber: "10003", code: "A", description: "Black" },
  });
  await addErpRecord({
    entity: "items",
    erpId: "item-10002",
    itemNumber: "10002",
    data: { number: "10002", displayName: "T-Shirt" },
  });

  // Another shop with "the same" product, SKU and item: it must show nowhere for SHOP.
  otherMug = await addLink(
    {
      title: "Coffee Mug",
      state: "error",
      erpItemNumber: "10001",
      shopifyProductId: MUG_PRODUCT,
      reason: "other shop",
    },
    otherId,
  );
  await addVariant(
    { variantId: "gid://shopify/ProductVariant/81", productId: MUG_PRODUCT, itemNumber: "10001", sku: "10001-V01" },
    otherId,
  );
  await addErpRecord({ entity: "items", erpId: "item-10001", itemNumber: "10001", data: { number: "10001" } }, otherId);
});

afterAll(async () => {
  await bc.close();
});

describe("the Products list", () => {
  it("lists the shop's products by title with item no., variants, state and reason, and last sync", async () => {
    const products = await list();
    expect(
      products.rows.map((r) => [r.title, r.erpItemNumber, r.variants, r.badge.label, r.reason, r.lastSync]),
    ).toEqual([
      ["Baseball Cap", "", "", "Unmapped", "No ERP item has SKU CAP-1", ""],
      ["Bundle Kit", "10006", "", "Skipped", "A bundle needs its components", ""],
      ["Coffee Mug", "10001", "2", "Mapped", "", "Oct 2, 2026, 10:30 PM"],
      ["Desk Lamp", "10003", "1 in the ERP", "Being created", "", ""],
      ["Gift Bag", "", "", "Ignored", "Ignored by the merchant", ""],
      ["T-Shirt", "10002", "1", "Mapped", "", ""],
      ["Wool Socks", "10005", "", "Error", "Title: is too long (maximum is 255 characters)", ""],
    ]);
    expect(products.rows.find((r) => r.id === mug)?.href).toBe(`/app/products/${mug}`);
    expect(products.rows.filter((r) => r.canMap).map((r) => r.id)).toEqual([unmappedCap]);
    expect(products.counts).toEqual({ all: 7, linked: 2, unmapped: 1, error: 1, skipped: 1 });
    expect(products.total).toBe("7 products");
    expect(JSON.stringify(products)).not.toContain("gid://");
  });

  it("shows one tab at a time; pending and ignored only under All", async () => {
    const ids = async (tab: string) => (await list(`?tab=${tab}`)).rows.map((r) => r.id);
    expect(await ids("linked")).toEqual([mug, tee]);
    expect(await ids("unmapped")).toEqual([unmappedCap]);
    expect(await ids("error")).toEqual([erroredSock]);
    expect(await ids("skipped")).toEqual([skippedKit]);
    expect(await ids("all")).toEqual(expect.arrayContaining([pendingLamp, ignoredBag]));
  });

  it("searches title, SKU and ERP item number in any case, and the tab counts follow the search", async () => {
    const found = async (q: string, tab = "all") =>
      (await list(`?tab=${tab}&q=${encodeURIComponent(q)}`)).rows.map((r) => r.title);
    expect(await found("mug")).toEqual(["Coffee Mug"]);
    expect(await found("10001-v02")).toEqual(["Coffee Mug"]);
    expect(await found("tee-red")).toEqual(["T-Shirt"]);
    expect(await found("1000")).toEqual(["Bundle Kit", "Coffee Mug", "Desk Lamp", "T-Shirt", "Wool Socks"]);
    expect(await found("1000", "error")).toEqual(["Wool Socks"]);
    expect((await list("?q=1000")).counts).toEqual({ all: 5, linked: 2, unmapped: 0, error: 1, skipped: 1 });
    // The term's own wildcards are taken literally.
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
  });

  it("never shows another shop's products, and that shop sees only its own", async () => {
    expect((await list("?q=10001")).rows.map((r) => r.id)).toEqual([mug]);
    const other = await list("", OTHER);
    expect(other.rows.map((r) => [r.id, r.variants, r.reason])).toEqual([[otherMug, "1", "Other shop"]]);
    expect(other.counts.all).toBe(1);
  });

  it("falls back to defaults for parameters it does not know instead of failing", async () => {
    const products = await list(`?tab=nope&page=-3&q=${encodeURIComponent("\u0000mug\u0007")}&tab=linked`);
    expect(products.query).toEqual({ tab: "all", page: 0, q: "mug" });
    expect(products.rows.map((r) => r.title)).toEqual(["Coffee Mug"]);
  });

  it("pages 50 at a time by title without skipping or repeating a product", async () => {
    const shop = await ensureShop(getDb(), "products-paging.myshopify.com");
    await signInShop("products-paging.myshopify.com");
    // 120 products, titles repeating in threes: the id breaks the tie.
    await db.sql`insert into product_links (shop_id, title, state, origin)
      select ${shop}, 'Product ' || lpad((n / 3)::text, 3, '0'), 'linked', 'erp' from generate_series(0, 119) n`;
    const expected = await db.sql<
      { id: number }[]
    >`select id from product_links where shop_id = ${shop} order by title, id`;
    const pages = [];
    for (let n = 0; n < 3; n++) pages.push(await list(`?page=${n}`, "products-paging.myshopify.com"));
    expect(pages.map((p) => [p.rows.length, p.hasNext])).toEqual([
      [50, true],
      [50, true],
      [20, false],
    ]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected.map((r) => Number(r.id)));
  });

  it("answers quickly for a shop with 50,000 products, their variants and a search by SKU", async () => {
    const domain = "products-big.myshopify.com";
    const shop = await ensureShop(getDb(), domain);
    await signInShop(domain);
    await db.sql`insert into product_links (shop_id, title, state, origin, erp_item_number, shopify_product_id, reason)
      select ${shop}, 'Item ' || lpad(n::text, 5, '0'), case when n % 10 = 0 then 'error' else 'linked' end, 'erp',
        'I' || n, 'gid://shopify/Product/' || (900000 + n), case when n % 10 = 0 then 'refused' end
      from generate_series(1, 50000) n`;
    await db.sql`insert into variant_links (shop_id, shopify_variant_id, erp_item_number, erp_variant_code, source,
        shopify_product_id, sku)
      select ${shop}, 'gid://shopify/ProductVariant/' || (n * 10 + v), 'I' || n, 'V' || v, 'exported',
        'gid://shopify/Product/' || (900000 + n), 'SKU-' || n || '-V' || v
      from generate_series(1, 50000) n, generate_series(1, 2) v`;
    await db.sql`analyze product_links`;
    await db.sql`analyze variant_links`;

    const started = performance.now();
    const last = await list("?tab=error&page=99", domain);
    const bySku = await list(`?q=${encodeURIComponent("SKU-41234-V2")}`, domain);
    const elapsed = performance.now() - started;
    expect(last.counts).toEqual({ all: 50000, linked: 45000, unmapped: 0, error: 5000, skipped: 0 });
    expect([last.rows.length, last.hasNext, last.rows.at(-1)?.title, last.rows.at(-1)?.variants]).toEqual([
      50,
      false,
      "Item 50000",
      "2",
    ]);
    expect(bySku.rows.map((r) => r.title)).toEqual(["Item 41234"]);
    // Generous for a shared CI machine: a full sort or a count per row would take far longer.
    expect(elapsed).toBeLessThan(3000);
  });
});

describe("a product's page", () => {
  it("shows the product, its ERP item, its variants with the prices last written, sync and picture", async () => {
    const product = await page(mug);
    expect(product.product).toMatchObject({
      title: "Coffee Mug",
      badge: { label: "Mapped", tone: "success" },
      origin: "Created from the ERP item",
      shopifyAdminUrl: "shopify://admin/products/7001",
      lastSynced: "Oct 2, 2026, 10:30 PM",
      lastWritten: "Oct 2, 2026, 10:29 PM",
      canSync: true,
      canUnlink: true,
      canMap: false,
      canIgnore: false,
    });
    expect(product.product.picture).toBe("Picture synced; it is the product's image in Shopify.");
    expect(product.erpItem).toMatchObject({
      number: "10001",
      mirrored: true,
      name: "Coffee Mug, white",
      type: "Inventory",
      blocked: "No",
      gtin: "2010001000015",
      unitPrice: "$12.50",
      unitOfMeasure: "PCS",
      modified: "Oct 1, 2026, 4:00 AM",
      variants: [
        { code: "V01", description: "Small" },
        { code: "V02", description: "Large" },
      ],
    });
    expect(product.variantCount).toBe("2 variants");
    expect(product.variants.map((v) => [v.sku, v.erp, v.price, v.compareAtPrice, v.unitCost, v.pricesWritten])).toEqual(
      [
        ["10001-V01", "10001 / V01", "$12.50", "$15.00", "$5.25", "Oct 2, 2026, 10:29 PM"],
        ["10001-V02", "10001 / V02", "$14.50", "", "", ""],
      ],
    );
  });

  it("says what it knows of a product not in Shopify yet, and of a blocked item", async () => {
    const lamp = await page(pendingLamp);
    expect(lamp.product).toMatchObject({
      inShopify: false,
      shopifyAdminUrl: null,
      canUnlink: false,
      picture: "No picture synced yet.",
    });
    expect(lamp.erpItem).toMatchObject({
      number: "10003",
      blocked: "Blocked",
      variants: [{ code: "A", description: "Black" }],
    });
    const socks = await page(erroredSock);
    expect(socks.erpItem).toMatchObject({ number: "10005", mirrored: false, name: "" });
    expect(socks.product.reason).toBe("Title: is too long (maximum is 255 characters)");
    const cap = await page(unmappedCap);
    expect(cap.erpItem).toBeNull();
    expect(cap.product).toMatchObject({ canMap: true, canIgnore: true, canUnlink: false, origin: "Found in Shopify" });
  });

  it("lists the runs that touched the product, newest first, each linking to its run, never another shop's", async () => {
    const older = await addRun({ task: "products__sync", queuedAt: "2026-10-01T10:00:00Z" });
    const newer = await addRun({ task: "prices__sync", queuedAt: "2026-10-02T10:00:00Z", dryRun: true });
    await addRecord(older, mug, "created", null);
    await addRecord(newer, mug, "planned", "price 12.50 → 13.00");
    await addRecord(newer, tee, "unchanged", null);
    const foreign = await addRun({ task: "products__sync", queuedAt: "2026-10-05T10:00:00Z" }, otherId);
    await addRecord(foreign, mug, "failed", "other shop", otherId);
    const product = await page(mug);
    expect(product.runs.map((r) => [r.href, r.outcome.label, r.reason, r.preview])).toEqual([
      [`/app/runs/${newer}`, "Planned", "price 12.50 → 13.00", true],
      [`/app/runs/${older}`, "Created", "", false],
    ]);
    expect(product.runsHref).toBe(`/app/runs?record=${encodeURIComponent(`product:${mug}`)}`);
  });

  it("is not found for another shop's product, an unknown id or one that is not a number", async () => {
    await expect(page(otherMug)).rejects.toMatchObject({ status: 404 });
    await expect(page(mug, OTHER)).rejects.toMatchObject({ status: 404 });
    await expect(page(999999)).rejects.toMatchObject({ status: 404 });
    await expect(page("12abc")).rejects.toMatchObject({ status: 404 });
    await expect(page("-1")).rejects.toMatchObject({ status: 404 });
  });
});

describe("the product page's actions", () => {
  it("answers 404 to an action on another shop's product, and changes nothing", async () => {
    const before = await shopState(otherId);
    await expect(act(otherMug, { intent: "unlink" })).rejects.toMatchObject({ status: 404 });
    await expect(act(mug, { intent: "unlink" }, OTHER)).rejects.toMatchObject({ status: 404 });
    await expect(act(otherMug, { intent: "sync" })).rejects.toMatchObject({ status: 404 });
    expect(await shopState(otherId)).toEqual(before);
  });

  it("refuses input it does not know with a message, changing nothing", async () => {
    const before = await shopState();
    const forms: Record<string, string>[] = [
      {},
      { intent: "delete" },
      { intent: "map" },
      { intent: "map", number: "  " },
    ];
    for (const form of forms) {
      expect(await act(unmappedCap, form)).toMatchObject({ ok: false });
    }
    expect(await act(unmappedCap, { intent: "map", number: "" })).toMatchObject({
      ok: false,
      message: "Choose an ERP item to map the product to.",
    });
    expect(await act(unmappedCap, { intent: "map", number: "x".repeat(51) })).toMatchObject({
      ok: false,
      message: "An ERP item number has at most 50 characters.",
    });
    expect(await act(unmappedCap, { intent: "map", number: "100\u000001" })).toMatchObject({
      ok: false,
      message: "That is not an ERP item number.",
    });
    expect(await shopState()).toEqual(before);
  });

  it("Sync now puts the item's mirror rows at the head of the feed, forgets the Shopify hash and queues the sync", async () => {
    const seqs = async () =>
      new Map(
        (
          await db.sql<{ shop_id: number; erp_id: string; change_seq: number }[]>`
            select shop_id, erp_id, change_seq from erp_records order by id`
        ).map((r) => [`${r.shop_id}:${r.erp_id}`, Number(r.change_seq)]),
      );
    const before = await seqs();
    const highest = Math.max(...before.values());
    const answer = await act(mug, { intent: "sync" });
    const [job] = await db.sql<{ id: string; queue_name: string; key: string; payload: unknown }[]>`
      select j.id::text, j.queue_name, j.key, p.payload from graphile_worker.jobs j
        join graphile_worker._private_jobs p on p.id = j.id where j.task_identifier = ${PRODUCTS_SYNC_TASK}`;
    expect(answer).toEqual({ intent: "sync", ok: true, message: "Sync queued", runLink: `/app/runs/job/${job!.id}` });
    expect(job).toMatchObject({
      queue_name: `catalog:${shopId}`,
      key: `${PRODUCTS_SYNC_TASK}:${shopId}`,
      payload: { shopId, trigger: "manual" },
    });
    const after = await seqs();
    for (const [key, seq] of after) {
      const ofMug = key === `${shopId}:item-10001` || key.startsWith(`${shopId}:var-10001-`);
      if (ofMug) expect(seq, key).toBeGreaterThan(highest);
      else expect(seq, key).toBe(before.get(key));
    }
    const [link] = await db.sql`select last_seen_shopify_hash, state from product_links where id = ${mug}`;
    expect(link).toEqual({ last_seen_shopify_hash: null, state: "linked" });

    // A second Sync now joins the waiting run instead of queueing another.
    const again = await act(mug, { intent: "sync" });
    expect(again).toEqual(answer);
    expect(
      await db.sql`select id from graphile_worker.jobs where task_identifier = ${PRODUCTS_SYNC_TASK}`,
    ).toHaveLength(1);
  });

  it("Sync now of an ignored or another shop's product, or without the product sync, is refused, changing nothing", async () => {
    const before = await shopState();
    expect(await act(ignoredBag, { intent: "sync" })).toEqual({
      intent: "sync",
      ok: false,
      message: "This product is ignored; stop ignoring it to sync it.",
    });
    expect(await requestProductSync(shopId, otherMug)).toEqual({ ok: false, message: "No such product." });
    // A task list without the product sync: said so, nothing bumped or queued.
    expect(await requestProductSync(shopId, mug, [])).toEqual({ ok: false, message: "Product sync is not available" });
    expect(await shopState()).toEqual(before);
  });

  it("Unlink removes the product's variant links only and leaves it unmapped with its Shopify id", async () => {
    const otherBefore = await shopState(otherId);
    expect(await act(mug, { intent: "unlink" })).toEqual({
      intent: "unlink",
      ok: true,
      message: "Product unlinked from item 10001 (2 variant links removed)",
    });
    const [link] = await db.sql`
      select state, reason, shopify_product_id, erp_item_number, last_written_hash from product_links where id = ${mug}`;
    expect(link).toEqual({
      state: "unmapped",
      reason: "unlinked by the merchant",
      shopify_product_id: MUG_PRODUCT,
      erp_item_number: null,
      last_written_hash: null,
    });
    const left = await db.sql`select sku from variant_links where shop_id = ${shopId} order by sku`;
    expect(left.map((r) => r.sku)).toEqual(["TEE-RED"]);
    expect(await shopState(otherId)).toEqual(otherBefore);
    expect((await page(mug)).product).toMatchObject({ badge: { label: "Unmapped" }, canMap: true, canUnlink: false });

    // Again, or for a product not in Shopify: refused, nothing changed.
    const before = await shopState();
    expect(await act(mug, { intent: "unlink" })).toMatchObject({ ok: false });
    expect(await act(pendingLamp, { intent: "unlink" })).toEqual({
      intent: "unlink",
      ok: false,
      message: "Only a product that is mapped to an ERP item in Shopify can be unlinked.",
    });
    expect(await shopState()).toEqual(before);
  });

  it("Ignore takes an unmapped product off the Unmapped tab; Stop ignoring brings it back", async () => {
    expect(await act(ignoredBag, { intent: "stop-ignoring" })).toMatchObject({ ok: true });
    expect((await list("?tab=unmapped")).rows.map((r) => r.id)).toContain(ignoredBag);
    expect(await act(ignoredBag, { intent: "ignore" })).toEqual({
      intent: "ignore",
      ok: true,
      message: "Product ignored",
    });
    const [link] = await db.sql`select state, reason from product_links where id = ${ignoredBag}`;
    expect(link).toEqual({ state: "ignored", reason: "ignored by the merchant" });
    expect((await list("?tab=unmapped")).rows.map((r) => r.id)).not.toContain(ignoredBag);

    const before = await shopState();
    expect(await act(tee, { intent: "ignore" })).toEqual({
      intent: "ignore",
      ok: false,
      message: "Only an unmapped product can be ignored.",
    });
    expect(await act(tee, { intent: "stop-ignoring" })).toMatchObject({ ok: false });
    expect(await shopState()).toEqual(before);
  });

  it("Map needs an ERP connection first", async () => {
    const before = await shopState();
    const message = "Connect your ERP first (Settings → ERP connection).";
    expect(await act(unmappedCap, { intent: "search", q: "100" })).toEqual({ intent: "search", ok: false, message });
    expect(await act(unmappedCap, { intent: "map", number: "10004" })).toEqual({ intent: "map", ok: false, message });
    expect(await shopState()).toEqual(before);
  });

  it("Map searches the ERP's items and maps the unmapped product to one that exists and is no other product's", async () => {
    await connectToNewCompany(bc, shopId, {
      tenant: "products-page.onmicrosoft.com",
      name: "CRONUS Products",
      seed: { products: 4, variantsPerProduct: 2, customers: 1 },
    });
    const search = await act(unmappedCap, { intent: "search", q: "1000" });
    expect(search).toMatchObject({ intent: "search", ok: true });
    const results = search.intent === "search" && search.ok ? search.results : [];
    expect(results.map((r) => r.number)).toEqual(["10001", "10002", "10003", "10004"]);
    expect(results.every((r) => r.name !== "")).toBe(true);
    // Searching for a product that cannot be mapped is refused.
    expect(await act(tee, { intent: "search", q: "1000" })).toMatchObject({ ok: false });

    const before = await shopState();
    expect(await act(unmappedCap, { intent: "map", number: "99999" })).toEqual({
      intent: "map",
      ok: false,
      message: "Item 99999 does not exist in the ERP.",
    });
    expect(await act(unmappedCap, { intent: "map", number: "10002" })).toEqual({
      intent: "map",
      ok: false,
      message: "Item 10002 is already the product “T-Shirt”.",
    });
    expect(await act(tee, { intent: "map", number: "10004" })).toEqual({
      intent: "map",
      ok: false,
      message: "Only an unmapped product can be mapped.",
    });
    expect(await shopState()).toEqual(before);

    expect(await act(unmappedCap, { intent: "map", number: " 10004 " })).toEqual({
      intent: "map",
      ok: true,
      message: "Product mapped to item 10004",
    });
    const [link] = await db.sql`
      select state, reason, erp_item_number, shopify_product_id from product_links where id = ${unmappedCap}`;
    expect(link).toEqual({ state: "linked", reason: null, erp_item_number: "10004", shopify_product_id: CAP_PRODUCT });
    expect((await page(unmappedCap)).product).toMatchObject({
      badge: { label: "Mapped" },
      canMap: false,
      canUnlink: true,
    });
    // The unlinked mug can take its item back.
    expect(await act(mug, { intent: "map", number: "10001" })).toMatchObject({ ok: true });
  });
});
