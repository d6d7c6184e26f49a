import { appendFileSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal, type ShopifyPersistence } from "../../../sandbox/shopify/engine/snapshot-journal.ts";
import { at, type GqlBody, REFERENCE_TIMESTAMP, SHOP } from "./engine-harness.ts";
import { fulfillAll, FULFILLMENT_CREATE } from "./fulfillment-harness.ts";

const ORDER_CREATE_WITH_OPTIONS = `mutation($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { id name } userErrors { message } } }`;
const ORDER_FOS = `query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id } } } }`;
const CANCEL = `mutation($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: false) { orderCancelUserErrors { message } } }`;
const TAGS_ADD = `mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`;
const CUSTOMER_CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }`;
const PRODUCT_SET = `mutation($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id } userErrors { message } } }`;
const INVENTORY_SET = `mutation($input: InventorySetQuantitiesInput!, $key: String!) { inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { code } } }`;

let dir: string;
let clock: number;
let open: ShopifyPersistence[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "shopify-journal-"));
  clock = REFERENCE_TIMESTAMP;
  open = [];
});
afterEach(async () => {
  for (const persistence of open) persistence.close();
  await rm(dir, { recursive: true, force: true });
});

const files = () => ({
  snapshotFile: path.join(dir, "sandbox-shopify.json"),
  journalFile: path.join(dir, "sandbox-shopify.journal"),
});

/** A store on the journal in `dir`, as the demo opens it (a later call is the next start). */
async function start(log: (line: string) => void = () => {}): Promise<ShopifyPersistence> {
  const persistence = await openShopifyJournal(createShopifyEngine({ now: () => clock }), files(), log);
  open.push(persistence);
  return persistence;
}

async function gql(p: ShopifyPersistence, query: string, variables: Record<string, unknown> = {}): Promise<GqlBody> {
  const res = await p.engine.execute({ shop: SHOP, apiKey: "app-1", query, variables });
  const body = res.body as GqlBody;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function createOrder(
  p: ShopifyPersistence,
  variantId = "gid://shopify/ProductVariant/1001",
  options: Record<string, unknown> | null = null,
): Promise<string> {
  clock += 1_000;
  const body = await gql(p, ORDER_CREATE_WITH_OPTIONS, {
    order: { email: "buyer@example.com", lineItems: [{ variantId, quantity: 1 }] },
    options,
  });
  return at<string>(body.data, "orderCreate.order.name");
}

/** A session of everything the app and the demo do to the store, none of it followed by a clean stop. */
async function busySession(p: ShopifyPersistence): Promise<void> {
  p.engine.createShop({ domain: SHOP, name: "Demo Shop" });
  p.engine.seed(SHOP, { seed: 1 });
  await createOrder(p);
  await createOrder(p, "gid://shopify/ProductVariant/1002");
  const third = await createOrder(p, "gid://shopify/ProductVariant/1004", {
    inventoryBehaviour: "DECREMENT_IGNORING_POLICY",
  });
  expect(third).toBe("#1003");
  const fos = await gql(p, ORDER_FOS, { id: "gid://shopify/Order/1001" });
  const foId = at<{ id: string }[]>(fos.data, "order.fulfillmentOrders.nodes")[0]!.id;
  clock += 1_000;
  await gql(p, FULFILLMENT_CREATE, fulfillAll(foId, { trackingInfo: { company: "UPS", number: "1Z1" } }));
  await gql(p, CANCEL, { id: "gid://shopify/Order/1002" });
  await gql(p, TAGS_ADD, { id: "gid://shopify/Order/1003", tags: ["erp:S-ORD101001"] });
  await gql(p, CUSTOMER_CREATE, { input: { email: "new@example.com", firstName: "New" } });
  const sizes = (values: string[]) => ({ name: "Size", values: values.map((name) => ({ name })) });
  const variant = (size: string) => ({
    optionValues: [{ optionName: "Size", name: size }],
    sku: `JRNL-${size}`,
    price: "4.50",
  });
  const made = await gql(p, PRODUCT_SET, {
    input: { title: "Journal Item", productOptions: [sizes(["S", "M"])], variants: [variant("S"), variant("M")] },
  });
  const productId = at<string>(made.data, "productSet.product.id");
  clock += 1_000;
  // Set again with one variant: the other variant and its inventory item are deleted.
  const reset = await gql(p, PRODUCT_SET, {
    input: { id: productId, title: "Journal Item", productOptions: [sizes(["S"])], variants: [variant("S")] },
  });
  expect(at(reset.data, "productSet.userErrors")).toEqual([]);
  await gql(p, INVENTORY_SET, {
    key: "stock-1",
    input: {
      name: "available",
      reason: "correction",
      quantities: [
        {
          inventoryItemId: "gid://shopify/InventoryItem/1001",
          locationId: "gid://shopify/Location/1001",
          quantity: 42,
          changeFromQuantity: null,
        },
      ],
    },
  });
  p.engine.createFulfillmentService(SHOP, { name: "Third Party" });
}

describe("the sandbox store's journal", () => {
  it("brings back, after a kill (no clean stop), exactly the store every answer came from", async () => {
    const first = await start();
    await busySession(first);
    const before = first.engine.snapshot();
    // Killed: no save(), the snapshot on disk is the empty one written on open.
    const second = await start();
    expect(second.restored).toBe(true);
    expect(second.engine.snapshot()).toEqual(before);
  });

  it("journals the variants a store holds without records, which productVariantsCount counts after a kill", async () => {
    const first = await start();
    first.engine.createShop({ domain: SHOP, name: "Demo Shop" });
    first.engine.seed(SHOP, { seed: 1, products: 2, variantsPerProduct: 2 });
    expect(first.engine.setExistingVariants(SHOP, 50_000)).toEqual({ variants: 50_004 });
    const second = await start();
    const count = await gql(second, `{ productVariantsCount(limit: null) { count precision } }`);
    expect(count.data).toEqual({ productVariantsCount: { count: 50_004, precision: "EXACT" } });
  });

  it("journals deletes: a variant a product set removed stays removed", async () => {
    const first = await start();
    await busySession(first);
    const variants = first.engine.shopState(SHOP)!.variants;
    expect([...variants.values()].filter((v) => v.sku?.startsWith("JRNL-")).map((v) => v.sku)).toEqual(["JRNL-S"]);
    const second = await start();
    expect([...second.engine.shopState(SHOP)!.variants.keys()]).toEqual([...variants.keys()]);
  });

  it("continues order numbers and ids after a kill instead of handing them out again", async () => {
    const first = await start();
    await busySession(first);
    const second = await start();
    expect(await createOrder(second)).toBe("#1004");
    const orders = second.engine.shopState(SHOP)!.orders;
    expect([...orders.keys()]).toEqual([1001, 1002, 1003, 1004]);
  });

  it("replays onto the last clean stop's snapshot, and a clean stop empties the journal", async () => {
    const first = await start();
    await busySession(first);
    await first.save();
    expect(await readFile(files().journalFile, "utf8")).toBe("");
    await createOrder(first);
    const before = first.engine.snapshot();
    const second = await start();
    expect(second.engine.snapshot()).toEqual(before);
  });

  it("drops a last line cut off by a kill mid-write and keeps everything before it", async () => {
    const first = await start();
    await busySession(first);
    const before = first.engine.snapshot();
    appendFileSync(files().journalFile, `{"ops":[{"op":"shop","domain":"${SHOP}","put":{"orders":[[1009,{"id"`);
    const lines: string[] = [];
    const second = await start((line) => lines.push(line));
    expect(second.engine.snapshot()).toEqual(before);
    expect(lines.join("\n")).toMatch(/cut off by a kill mid-write/);
  });

  it("writes nothing for a request that changed nothing", async () => {
    const first = await start();
    await busySession(first);
    const size = statSync(files().journalFile).size;
    await gql(first, `{ orders(first: 5) { nodes { id name } } }`);
    expect(statSync(files().journalFile).size).toBe(size);
  });

  it("keeps the snapshot and the journal owner-only (0600), also a file an older run left readable", async () => {
    writeFileSync(files().snapshotFile, JSON.stringify({ version: 2, shops: [] }), { mode: 0o644 });
    const first = await start();
    await createOrderInNewShop(first);
    expect(statSync(files().snapshotFile).mode & 0o777).toBe(0o600);
    expect(statSync(files().journalFile).mode & 0o777).toBe(0o600);
  });
});

async function createOrderInNewShop(p: ShopifyPersistence) {
  p.engine.createShop({ domain: SHOP });
  p.engine.seed(SHOP, { seed: 1 });
  await createOrder(p);
}
