import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { productsSyncTask } from "../../../app/.server/tasks/products-sync/task.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// Shopify's variant-creation limit (1,000 new variants a day for a non-Plus store with 50,000), met
// by "Sync products" ERP → Shopify over HTTP to both sandboxes, run by graphile-worker.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const erpToShopify = {
  products: { direction: "erp_to_shopify", mapping: "item_no_and_variant_code", skuSeparator: "-" },
};
const DAY_MS = 24 * 60 * 60 * 1000;
const ITEMS = 30;
const VARIANTS = 40;
const WAIT_REASON =
  /^Shopify allows 1,000 new variants a day for stores over 50,000 variants; waiting until [A-Z][a-z]{2} \d/;

type Shop = Awaited<ReturnType<typeof world.newShop>>;

/** A control call to the sandbox store, as a test would make it. */
async function storeControl(path: string, body: unknown) {
  const response = await fetch(`${world.store.server.url}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Thirty new BC items of forty variants each (1,200 new variants), written straight into the ERP's data. */
function addCatalog(shop: Shop) {
  const template = shop.company.items.all()[0]!;
  for (let i = 0; i < ITEMS; i++) {
    const number = `THR-${String(i).padStart(2, "0")}`;
    const item = shop.company.items.insert({
      ...template,
      id: randomUUID(),
      number,
      displayName: `Throttled item ${i}`,
      gtin: "",
    });
    for (let v = 0; v < VARIANTS; v++) {
      const code = `V${String(v).padStart(2, "0")}`;
      shop.company.itemVariants.insert({ itemId: item.id, itemNumber: number, code, description: `Size ${code}` });
    }
  }
}

/** How many Shopify products carry the item's first SKU (exactly one once it is created). */
async function productsOfItem(shop: Shop, i: number): Promise<number> {
  const sku = `THR-${String(i).padStart(2, "0")}-V00`;
  const data = await shop.gql(
    `query P($q: String!) { productVariants(first: 5, query: $q) { nodes { sku product { id } } } }`,
    {
      q: `sku:"${sku}"`,
    },
  );
  return new Set((data.productVariants.nodes as any[]).filter((n) => n.sku === sku).map((n) => n.product.id)).size;
}

async function waitingLinks(shopId: number) {
  return db.sql<Array<{ erp_item_number: string; state: string; reason: string | null; variants_waiting: number }>>`
    select erp_item_number, state, reason, variants_waiting from product_links
    where shop_id = ${shopId} and variant_wait_since is not null order by variant_wait_since, id`;
}

/** Another app's product with `count` variants (its default one included), counted by the store's limit too. */
async function anotherAppCreates(shop: Shop, count: number) {
  const other = await shop.gql(`mutation { productCreate(product: { title: "Another app's" }) { product { id } } }`);
  const many = await shop.gql(
    `mutation V($id: ID!, $v: [ProductVariantsBulkInput!]!) {
      productVariantsBulkCreate(productId: $id, variants: $v, strategy: PRESERVE_STANDALONE_VARIANT) { userErrors { message } } }`,
    {
      id: other.productCreate.product.id,
      v: Array.from({ length: count - 1 }, (_, i) => ({ optionValues: [{ optionName: "Title", name: `Size ${i}` }] })),
    },
  );
  expect(many.productVariantsBulkCreate.userErrors).toEqual([]);
}

/** A run of Sync products on a clock `offsetMs` ahead of now (the sandbox store's clock moved along). */
const runAt = (shop: Shop, offsetMs: number) =>
  world.runTask(productsSyncTask, shop.shopId, { clock: { now: () => new Date(Date.now() + offsetMs) } });

describe("Sync products into a Standard store over 50,000 variants", () => {
  it("creates up to the day's 1,000 new variants, lets the rest wait with the reason, and creates them on later days", async () => {
    const shop = await world.newShop(erpToShopify, { plan: "standard" });
    // The seeded catalog is linked first (adopted, nothing created); then the store holds 50,000 more.
    const linked = await world.runTask(productsSyncTask, shop.shopId);
    expect(linked.run?.status).toBe("succeeded");
    await storeControl(`/sandbox/shops/${shop.domain}/existing-variants`, { count: 50_000 });
    addCatalog(shop);
    // A BC user renames a linked item in the same hour: that update must still go out.
    const seeded = shop.company.items.all().find((i) => !i.number.startsWith("THR-"))!;
    const renamed = await shop.bcApi("PATCH", `items(${seeded.id})`, { displayName: "Renamed while throttled" });
    expect(renamed.status, await renamed.clone().text()).toBe(200);

    // Day one: 25 items × 40 variants fill the day (one bulk mutation); five items wait.
    const day1 = await world.runTask(productsSyncTask, shop.shopId);
    expect(day1.run?.status, String(day1.run?.error_message)).toBe("succeeded");
    expect(day1.run?.summary).toContain("200 variants wait for Shopify's daily variant limit");
    const created1 = day1.records.filter((r) => r.outcome === "created");
    expect(created1).toHaveLength(25);
    const skipped1 = day1.records.filter((r) => r.label?.startsWith("Throttled item") && r.outcome === "skipped");
    expect(skipped1).toHaveLength(5);
    for (const record of skipped1) expect(record.reason).toMatch(WAIT_REASON);
    expect(day1.records.find((r) => r.label === "Renamed while throttled")).toMatchObject({ outcome: "updated" });
    const [stats] = await db.sql`select stats from task_runs where id = ${day1.run!.id}`;
    expect(stats?.stats).toMatchObject({ "bulk creates": 25 });
    const product = await shop.gql(`query P($q: String!) { products(first: 2, query: $q) { nodes { title } } }`, {
      q: `title:'Renamed while throttled'`,
    });
    expect(product.products.nodes).toEqual([{ title: "Renamed while throttled" }]);
    const waiting1 = await waitingLinks(shop.shopId);
    expect(waiting1).toHaveLength(5);
    const labels = waiting1.map((l) => `Throttled item ${Number(l.erp_item_number.slice(4))}`);
    expect(skipped1.map((r) => r.label)).toEqual(labels);
    // The Products page shows the link's reason.
    expect(waiting1.every((l) => l.state === "skipped" && WAIT_REASON.test(l.reason ?? ""))).toBe(true);
    expect(waiting1.every((l) => l.variants_waiting === VARIANTS)).toBe(true);

    // The same day again: nothing is sent, nothing is created twice; the ERP feed is not held.
    const again = await world.runTask(productsSyncTask, shop.shopId);
    expect(again.run?.status).toBe("succeeded");
    expect(again.records.filter((r) => r.outcome === "created")).toEqual([]);
    expect(again.run?.summary).toContain("200 variants wait for Shopify's daily variant limit");

    // Day two: another app creates 900 variants first, so Shopify refuses the app's third product.
    await storeControl("/sandbox/clock", { advanceMs: DAY_MS + 60_000 });
    await anotherAppCreates(shop, 900);
    const day2 = await runAt(shop, DAY_MS + 60_000);
    expect(day2.run?.status, String(day2.run?.error_message)).toBe("succeeded");
    expect(day2.records.filter((r) => r.outcome === "created").map((r) => r.label)).toEqual(labels.slice(0, 2));
    const skipped2 = day2.records.filter((r) => r.outcome === "skipped");
    expect(skipped2.map((r) => r.label)).toEqual(labels.slice(2));
    for (const record of skipped2) expect(record.reason).toMatch(WAIT_REASON);
    expect(day2.run?.summary).toContain("120 variants wait for Shopify's daily variant limit");
    // Still oldest first: the three keep their place in line.
    expect((await waitingLinks(shop.shopId)).map((l) => l.erp_item_number)).toEqual(
      waiting1.slice(2).map((l) => l.erp_item_number),
    );

    // Day three: the rest.
    await storeControl("/sandbox/clock", { advanceMs: DAY_MS + 60_000 });
    const day3 = await runAt(shop, 2 * (DAY_MS + 60_000));
    expect(day3.run?.status, String(day3.run?.error_message)).toBe("succeeded");
    expect(day3.records.filter((r) => r.outcome === "created").map((r) => r.label)).toEqual(labels.slice(2));
    expect(day3.run?.summary).not.toContain("wait for Shopify's daily variant limit");
    expect(await waitingLinks(shop.shopId)).toEqual([]);

    // Every item is exactly one product with all its variants, and links say so.
    for (let i = 0; i < ITEMS; i++) expect(await productsOfItem(shop, i), `item ${i}`).toBe(1);
    const states = await db.sql`select state, count(*)::int as n from product_links
      where shop_id = ${shop.shopId} and erp_item_number like 'THR-%' group by state`;
    expect(states).toEqual([{ state: "linked", n: ITEMS }]);
    const [variants] = await db.sql`select count(*)::int as n from variant_links
      where shop_id = ${shop.shopId} and erp_item_number like 'THR-%'`;
    expect(variants?.n).toBe(ITEMS * VARIANTS);
  }, 180_000);

  it("lines of a bulk create that Shopify refuses for the limit (another app used the day) wait, and the run succeeds", async () => {
    const shop = await world.newShop(erpToShopify, { plan: "standard" });
    await world.runTask(productsSyncTask, shop.shopId);
    await storeControl(`/sandbox/shops/${shop.domain}/existing-variants`, { count: 50_000 });
    await anotherAppCreates(shop, 900);
    addCatalog(shop);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status, String(run?.error_message)).toBe("succeeded");
    const [stats] = await db.sql`select stats from task_runs where id = ${run!.id}`;
    expect(stats?.stats).toMatchObject({ "bulk creates": 25 });
    // 900 + 2 × 40 fit; the third line is refused, and so is every line after it.
    expect(records.filter((r) => r.outcome === "created")).toHaveLength(2);
    const skipped = records.filter((r) => r.outcome === "skipped");
    expect(skipped).toHaveLength(ITEMS - 2);
    for (const record of skipped) expect(record.reason).toMatch(WAIT_REASON);
    expect(records.filter((r) => r.outcome === "failed")).toEqual([]);
    expect(run?.summary).toContain("1,120 variants wait for Shopify's daily variant limit");
    // Bulk creates refused by Shopify keep their pending handle: the later run upserts the same product.
    const waiting = await waitingLinks(shop.shopId);
    expect(waiting).toHaveLength(ITEMS - 2);
    expect(new Set(waiting.map((l) => l.state))).toEqual(new Set(["pending", "skipped"]));
  }, 120_000);

  it("a Plus store over 50,000 variants creates everything in one run", async () => {
    const shop = await world.newShop(erpToShopify, { plan: "plus" });
    await world.runTask(productsSyncTask, shop.shopId);
    await storeControl(`/sandbox/shops/${shop.domain}/existing-variants`, { count: 60_000 });
    addCatalog(shop);
    const { run, records } = await world.runTask(productsSyncTask, shop.shopId);
    expect(run?.status, String(run?.error_message)).toBe("succeeded");
    expect(records.filter((r) => r.outcome === "created")).toHaveLength(ITEMS);
    expect(run?.summary).not.toContain("variant limit");
    const [cursor] = await db.sql`select count(*)::int as n from sync_cursors
      where shop_id = ${shop.shopId} and stream = 'products:own-variant-creations'`;
    expect(cursor?.n).toBe(0);
  }, 120_000);
});
