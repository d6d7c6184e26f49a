import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import type * as UnmappedRoute from "../../app/routes/app.unmapped.$kind.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";
import { importedOrder, orderLine } from "../unit/orders-process/imported-order-factory.ts";

const SHOP = "unmapped-lists.myshopify.com";
const VARIANT = "gid://shopify/ProductVariant/1031";
const CUSTOMER = "gid://shopify/Customer/77";
let db: TestDatabase;
let shopId: number;
let route: typeof UnmappedRoute;

beforeAll(async () => {
  db = await useTestDatabase();
  shopId = await ensureShop(getDb(), SHOP);
  await signInShop(SHOP);
  route = await import("../../app/routes/app.unmapped.$kind.tsx");

  const waitingOn = [
    { name: "#3001", waiting: "unmapped_product" },
    { name: "#3002", waiting: "unmapped_customer" },
  ] as const;
  for (const [index, entry] of waitingOn.entries()) {
    const snapshot = importedOrder({
      name: entry.name,
      shopifyOrderId: `gid://shopify/Order/300${index}`,
      customer: {
        shopifyCustomerId: CUSTOMER,
        email: "grace.hopper@example.com",
        phone: null,
        firstName: "Grace",
        lastName: "Hopper",
      },
      lines: [orderLine({ variantId: VARIANT, title: "Gift Box", variantTitle: "Large", sku: "GIFTBOX-L" })],
    });
    await db.sql`insert into orders (shop_id, shopify_order_id, name, status, waiting_on, snapshot)
      values (${shopId}, ${snapshot.shopifyOrderId}, ${snapshot.name}, 'unprocessed', ${entry.waiting}, ${db.sql.json(snapshot as never)})`;
  }
  await db.sql`insert into unmapped_records (shop_id, entity, shopify_id, label) values
    (${shopId}, 'product', ${VARIANT}, 'Gift Box – Large (SKU GIFTBOX-L)'),
    (${shopId}, 'product', 'gid://shopify/ProductVariant/5555', 'Old Mug (SKU MUG-1)'),
    (${shopId}, 'customer', ${CUSTOMER}, 'Grace Hopper <grace.hopper@example.com>')`;
});

const load = (kind: string) => route.loader(routeArgs(adminRequest(SHOP, `/app/unmapped/${kind}`), { kind }));

describe("the unmapped lists", () => {
  it("name products by title, variant and SKU with their waiting orders and a count, never by gid", async () => {
    const page = await load("products");
    expect(JSON.stringify(page)).not.toContain("gid://");
    expect(page.count).toBe("2 products");
    expect(page.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "Gift Box – Large",
          details: "SKU GIFTBOX-L",
          waiting: "1 order waiting: #3001",
        }),
        expect.objectContaining({ name: "Old Mug (SKU MUG-1)", waiting: "No order waiting" }),
      ]),
    );
  });

  it("name customers by name and e-mail", async () => {
    const page = await load("customers");
    expect(JSON.stringify(page)).not.toContain("gid://");
    expect(page.count).toBe("1 customer");
    expect(page.rows).toEqual([
      expect.objectContaining({
        name: "Grace Hopper",
        details: "grace.hopper@example.com",
        waiting: "1 order waiting: #3002",
      }),
    ]);
  });

  it("say how many orders ignoring a record holds back, in the right number", async () => {
    const [record] = await db.sql<{ id: number }[]>`select id from unmapped_records where shopify_id = ${CUSTOMER}`;
    const result = await route.action(
      routeArgs(
        adminRequest(SHOP, "/app/unmapped/customers", { form: { intent: "ignore", recordId: String(record!.id) } }),
        { kind: "customers" },
      ),
    );
    expect(result).toMatchObject({ result: { ok: true, message: "Ignored; 1 waiting order will not be processed." } });
  });
});
