import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import type { ImportedOrder } from "../../app/.server/tasks/orders-sync/imported-order.ts";
import type * as OrdersRoute from "../../app/routes/app.orders._index.tsx";
import type * as OrderRoute from "../../app/routes/app.orders.$id.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";
import { importedOrder, money, orderLine } from "../unit/orders-process/imported-order-factory.ts";

// The routes are called as Remix calls them: real Requests with App Bridge session tokens,
// against real Postgres.
const SHOP = "lists.myshopify.com";
let db: TestDatabase;
let shopId: number;
let ordersRoute: typeof OrdersRoute;
let orderRoute: typeof OrderRoute;

type OrderRow = { status?: string; waiting_on?: string | null; error_message?: string | null; has_conflict?: boolean };

async function addOrder(snapshot: ImportedOrder, row: OrderRow = {}, forShop = shopId): Promise<number> {
  const [inserted] = await db.sql<{ id: number }[]>`
    insert into orders (shop_id, shopify_order_id, name, status, waiting_on, error_message, has_conflict, snapshot, shopify_updated_at)
    values (${forShop}, ${snapshot.shopifyOrderId}, ${snapshot.name}, ${row.status ?? "unprocessed"}, ${row.waiting_on ?? null},
      ${row.error_message ?? null}, ${row.has_conflict ?? false}, ${db.sql.json(snapshot as never)}, ${snapshot.updatedAt})
    returning id`;
  return Number(inserted!.id);
}

const order = (name: string, createdAt: string, total: string, customer: { first: string; last: string }) =>
  importedOrder({
    name,
    shopifyOrderId: `gid://shopify/Order/${name.replace("#", "")}`,
    createdAt,
    updatedAt: createdAt,
    customer: {
      shopifyCustomerId: `gid://shopify/Customer/${name.replace("#", "")}`,
      email: `${customer.first.toLowerCase()}@example.com`,
      phone: null,
      firstName: customer.first,
      lastName: customer.last,
    },
    totals: {
      subtotal: money(total),
      tax: money("0.00"),
      discounts: money("0.00"),
      shipping: money("0.00"),
      total: money(total),
    },
  });

const listOrders = async (search: string) => ordersRoute.loader(routeArgs(adminRequest(SHOP, `/app/orders${search}`)));

beforeAll(async () => {
  db = await useTestDatabase();
  shopId = await ensureShop(getDb(), SHOP);
  await db.sql`update shops set iana_timezone = 'America/New_York', currency_code = 'USD' where id = ${shopId}`;
  await signInShop(SHOP);
  ordersRoute = await import("../../app/routes/app.orders._index.tsx");
  orderRoute = await import("../../app/routes/app.orders.$id.tsx");

  await addOrder(order("#999", "2026-10-01T12:00:00Z", "250.00", { first: "Ava", last: "Stone" }), {
    status: "processed",
  });
  await addOrder(order("#1000", "2026-10-03T02:30:00Z", "19.50", { first: "Ben", last: "Okafor" }));
  await addOrder(order("#1001", "2026-10-02T09:00:00Z", "1200.00", { first: "Chloe", last: "Martin" }), {
    status: "error",
    error_message: "The ERP refused the customer.",
  });
  await addOrder(order("#1002", "2026-09-30T09:00:00Z", "5.00", { first: "Dan", last: "Ng" }), {
    status: "unprocessed",
    waiting_on: "unmapped_product",
    error_message: "Waiting for 1 product to be mapped.",
  });
  // Another shop's order must show in no list or count.
  const other = await ensureShop(getDb(), "other-lists.myshopify.com");
  await addOrder(order("#1003", "2026-10-04T09:00:00Z", "99.00", { first: "Eve", last: "Other" }), {}, other);
});

describe("the orders list", () => {
  it("shows date in the shop's time zone, customer, formatted total and sentence-case status", async () => {
    const page = await listOrders("?status=all");
    const row = page.rows.find((r) => r.name === "#1000");
    // 02:30 UTC on Oct 3 is still Oct 2 in New York.
    expect(row).toMatchObject({ date: "Oct 2, 2026, 10:30 PM", customer: "Ben Okafor", total: "$19.50" });
    expect(page.rows.find((r) => r.name === "#1001")).toMatchObject({
      total: "$1,200.00",
      badges: [{ label: "Failed", tone: "critical" }],
    });
    expect(page.rows.find((r) => r.name === "#1002")?.badges).toEqual([
      { label: "Waiting for product", tone: "warning" },
    ]);
  });

  it("sorts on the server by date, order number, total and status, both ways", async () => {
    const names = async (query: string) => (await listOrders(`?status=all&${query}`)).rows.map((r) => r.name);
    expect(await names("sort=date&direction=desc")).toEqual(["#1000", "#1001", "#999", "#1002"]);
    expect(await names("sort=date&direction=asc")).toEqual(["#1002", "#999", "#1001", "#1000"]);
    // Numerically: #999 before #1000, not after it as text would put it.
    expect(await names("sort=order&direction=asc")).toEqual(["#999", "#1000", "#1001", "#1002"]);
    expect(await names("sort=total&direction=desc")).toEqual(["#1001", "#999", "#1000", "#1002"]);
    expect(await names("sort=total&direction=asc")).toEqual(["#1002", "#1000", "#999", "#1001"]);
    expect((await names("sort=status&direction=asc"))[0]).toBe("#1001"); // error < processed < unprocessed
  });

  it("takes only whitelisted sort keys; anything else sorts by date", async () => {
    const page = await listOrders(`?status=all&sort=${encodeURIComponent("name; drop table orders")}&direction=up`);
    expect(page.query).toMatchObject({ sort: "date", direction: "desc" });
    expect(page.rows.map((r) => r.name)).toEqual(["#1000", "#1001", "#999", "#1002"]);
  });

  it("counts every tab for this shop in the same answer", async () => {
    const page = await listOrders("?status=unprocessed");
    expect(page.counts).toEqual({
      unprocessed: 2,
      error: 1,
      conflict: 0,
      posting_error: 0,
      money: 0,
      processed: 1,
      ignored: 0,
      all: 4,
    });
  });

  it("searches by order number and customer, and counts the tabs within the search", async () => {
    expect((await listOrders("?status=all&q=1001")).rows.map((r) => r.name)).toEqual(["#1001"]);
    expect((await listOrders("?status=all&q=okafor")).rows.map((r) => r.name)).toEqual(["#1000"]);
    expect((await listOrders("?status=all&q=ben%20okafor")).rows.map((r) => r.name)).toEqual(["#1000"]);
    const byEmail = await listOrders("?status=unprocessed&q=Chloe%40example.com");
    expect(byEmail.rows).toEqual([]);
    expect(byEmail.counts).toMatchObject({ error: 1, unprocessed: 0, all: 1 });
  });

  it("answers a search with a NUL byte or other control characters instead of failing", async () => {
    const nul = await listOrders("?status=all&q=%00");
    expect(nul.query.q).toBe("");
    expect(nul.rows).toHaveLength(4);
    const mixed = await listOrders("?status=all&q=10%0001%1B%7F");
    expect(mixed.query.q).toBe("10 01");
    const embedded = await listOrders("?status=all&q=100%002");
    expect(embedded.query.q).toBe("100 2");
    expect(embedded.rows).toEqual([]);
  });

  it("caps a very long search instead of failing or silently dropping it", async () => {
    const page = await listOrders(`?status=all&q=${"1001".repeat(2000)}`);
    expect(page.query.q).toHaveLength(100);
    expect(page.rows).toEqual([]);
  });
});

describe("the order page", () => {
  let orderId: number;
  beforeAll(async () => {
    const snapshot = importedOrder({
      name: "#2001",
      shopifyOrderId: "gid://shopify/Order/820982911946154508",
      lines: [
        orderLine({
          variantId: "gid://shopify/ProductVariant/1031",
          title: "Urban T-Shirt",
          variantTitle: "M",
          sku: "10001-V02",
          quantity: 2,
        }),
      ],
      shippingLines: [
        {
          title: "Standard Shipping",
          code: "STD",
          price: money("4.90"),
          discountedPrice: money("4.90"),
          taxLines: [],
        },
      ],
    });
    orderId = await addOrder(snapshot, { status: "processed" });
    await db.sql`update orders set erp_document_type = 'order', erp_document_number = 'S-ORD101005' where id = ${orderId}`;
    await db.sql`insert into order_events (shop_id, order_id, kind, message) values
      (${shopId}, ${orderId}, 'imported', null), (${shopId}, ${orderId}, 'processed', 'S-ORD101005'),
      (${shopId}, ${orderId}, 'written_back', null)`;
  });

  const loadPage = async (id: number) =>
    orderRoute.loader(routeArgs(adminRequest(SHOP, `/app/orders/${id}`), { id: String(id) }));

  it("shows the shipping line, names and SKUs, and links to Shopify admin and the ERP document", async () => {
    const page = await loadPage(orderId);
    const text = JSON.stringify(page);
    expect(text).toContain("Standard Shipping");
    expect(text).toContain("$4.90");
    expect(text).toContain("Urban T-Shirt – M");
    expect(text).toContain("10001-V02");
    expect(text).not.toContain("gid://");
    expect(text).toContain("shopify://admin/orders/820982911946154508");
    expect(text).toContain("Sales order S-ORD101005");
  });

  it("labels the history in words", async () => {
    const text = JSON.stringify(await loadPage(orderId));
    expect(text).toContain("Document number written back to Shopify");
    expect(text).toContain("Imported from Shopify");
    expect(text).not.toContain("written_back");
  });

  it("shows a normal wait as one warning, not also as a failure", async () => {
    const [waiting] = await db.sql<
      { id: number }[]
    >`select id from orders where name = '#1002' and shop_id = ${shopId}`;
    const page = await loadPage(Number(waiting!.id));
    expect(page.order.banner).toEqual({
      kind: "waiting",
      on: "product",
      message: "Waiting for 1 product to be mapped.",
    });
    expect(JSON.stringify(page)).not.toMatch(/"kind":"error"/);
  });

  it("Retry clears the old error from what the page loads next, and queues processing", async () => {
    const [failed] = await db.sql<{ id: number }[]>`select id from orders where name = '#1001' and shop_id = ${shopId}`;
    const id = Number(failed!.id);
    expect(JSON.stringify(await loadPage(id))).toContain("The ERP refused the customer.");

    const result = await orderRoute.action(
      routeArgs(adminRequest(SHOP, `/app/orders/${id}`, { form: { intent: "process" } }), { id: String(id) }),
    );
    expect(result).toEqual({ ok: true, message: "Processing queued" });
    // What Remix's revalidation after the action loads:
    const after = await loadPage(id);
    expect(JSON.stringify(after)).not.toContain("The ERP refused the customer.");
    expect(after.order).toMatchObject({ banner: null, pending: true });
    const jobs = await db.sql`select 1 from graphile_worker.jobs where task_identifier = 'orders__process'`;
    expect(jobs.length).toBeGreaterThan(0);
  });
});
