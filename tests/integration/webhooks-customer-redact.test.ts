import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mapCustomer } from "../../app/.server/tasks/orders-process/mapping-actions.ts";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact.tsx";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated.tsx";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import type { SandboxEvent } from "../../sandbox/shopify/contracts.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { connectToNewCompany } from "../support/connect-erp.ts";
import { webhookRequest } from "../support/webhook-request.ts";
import { drainAllJobs } from "../support/worker.ts";
import { ORDER_CREATE, startOrdersSandbox } from "./orders-import/orders-sandbox.ts";

/**
 * customers/redact with real data: orders placed in the sandbox store, delivered by its own
 * webhooks, imported over GraphQL and processed against the sandbox Business Central; then the
 * signed redact webhook and its job; then every column of every table is searched.
 */
let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;
let bc: BusinessCentralSandbox;
const routes = { "orders/create": ordersCreate, "orders/updated": ordersUpdated };
const args = (request: Request) => ({ request, params: {}, context: {} });

beforeAll(async () => {
  db = await useTestDatabase();
  store = await startOrdersSandbox();
  bc = await createBusinessCentralSandbox({ port: 0 });
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
});

afterAll(async () => {
  await store.close();
  await bc.close();
});

async function deliver(shop: string, events: SandboxEvent[]) {
  for (const event of events) {
    const route = routes[event.topic as keyof typeof routes];
    if (!route) continue;
    const request = webhookRequest({ topic: event.topic, shop, body: event.payload, webhookId: `${event.eventId}` });
    expect((await route(args(request))).status).toBe(200);
  }
}

/** The buyer who asks to be forgotten: values unusual enough that any hit is theirs. */
const buyer = {
  firstName: "Zephyrine",
  lastName: "Quillfeather",
  email: "zephyrine.quillfeather@example.org",
  phone: "+15558679301",
  address1: "17 Marrowgate Lane",
  city: "Thistlecombe",
  zip: "QX9 7ZZ",
};
const address = {
  firstName: buyer.firstName,
  lastName: buyer.lastName,
  address1: buyer.address1,
  city: buyer.city,
  zip: buyer.zip,
  countryCode: "US",
  provinceCode: "CA",
  phone: buyer.phone,
};

/**
 * Every base table of the app's schema and graphile-worker's, enumerated from information_schema
 * (a table added later is searched too), each whole row as text: the tables holding any value.
 */
async function tablesHolding(value: string): Promise<string[]> {
  const tables = await db.sql<{ table_schema: string; table_name: string }[]>`
    select table_schema, table_name from information_schema.tables
    where table_schema in ('public', 'graphile_worker') and table_type = 'BASE TABLE'
    order by 1, 2`;
  expect(tables.map((t) => t.table_name)).toEqual(
    expect.arrayContaining(["orders", "order_events", "unmapped_records", "webhook_inbox", "api_log_entries"]),
  );
  const hits: string[] = [];
  for (const t of tables) {
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from ${db.sql(t.table_schema)}.${db.sql(t.table_name)} x
      where x::text ilike ${`%${value}%`}`;
    if (row!.n > 0) hits.push(`${t.table_schema}.${t.table_name}`);
  }
  return hits;
}

describe("customers/redact", () => {
  it("removes the customer's data from every table, keeps the ERP document, and ends the waiting order", async () => {
    const shop = await store.newShop("redact-shop", { allowBackgroundSyncs: true });
    const { company } = await connectToNewCompany(bc, shop.shopId, { tenant: "redact-tenant", name: "REDACT" });
    const seeded = await shop.gql(`{ productVariants(first: 1) { nodes { id } } }`);
    const variantId = seeded.productVariants.nodes[0].id as string;

    // Order A: the buyer as a Shopify customer the ERP does not know, so it waits on the customer.
    const a = await shop.gql(ORDER_CREATE, {
      order: {
        customer: {
          toUpsert: { email: buyer.email, firstName: buyer.firstName, lastName: buyer.lastName, phone: buyer.phone },
        },
        email: buyer.email,
        financialStatus: "PAID",
        shippingAddress: address,
        billingAddress: address,
        lineItems: [{ variantId, quantity: 1 }],
      },
    });
    expect(a.orderCreate.userErrors).toEqual([]);
    await deliver(shop.domain, shop.events());
    await drainAllJobs(db);
    const [waiting] = await db.sql<{ id: string; status: string; waiting_on: string; error_message: string }[]>`
      select id, status, waiting_on, error_message from orders where shop_id = ${shop.shopId}`;
    expect(waiting).toMatchObject({ status: "unprocessed", waiting_on: "unmapped_customer" });
    const [customer] = await db.sql<{ shopify_id: string; label: string }[]>`
      select shopify_id, label from unmapped_records where shop_id = ${shop.shopId} and entity = 'customer'`;
    expect(customer!.label).toContain(buyer.email);

    // The merchant maps the customer: order A reaches the ERP.
    const erpCustomer = company.customers.all()[0]!.number;
    expect(await mapCustomer(shop.shopId, customer!.shopify_id, erpCustomer)).toMatchObject({ ok: true });
    await drainAllJobs(db);
    const [processed] = await db.sql<{ status: string; erp_document_number: string; snapshot: any }[]>`
      select status, erp_document_number, snapshot from orders where shop_id = ${shop.shopId}`;
    expect(processed).toMatchObject({ status: "processed" });
    const documentNumber = processed!.erp_document_number;
    const total = processed!.snapshot.totals.total;

    // Order B: the same buyer checking out as a guest; the ERP does not know the e-mail: it waits.
    const events = shop.events().length;
    const b = await shop.gql(ORDER_CREATE, {
      order: {
        email: buyer.email,
        shippingAddress: address,
        billingAddress: address,
        lineItems: [{ variantId, quantity: 2 }],
      },
    });
    expect(b.orderCreate.userErrors).toEqual([]);
    await deliver(shop.domain, shop.events().slice(events));
    await drainAllJobs(db);
    const guestName = b.orderCreate.order.name as string;
    const [guest] = await db.sql<{ id: string; status: string; waiting_on: string }[]>`
      select id, status, waiting_on from orders where shop_id = ${shop.shopId} and name = ${guestName}`;
    expect(guest).toMatchObject({ status: "unprocessed", waiting_on: "unmapped_customer" });
    const [waitEvent] = await db.sql<{ message: string }[]>`
      select message from order_events where shop_id = ${shop.shopId} and order_id = ${guest!.id} and kind = 'waiting'`;
    expect(waitEvent!.message).toContain(`${buyer.firstName} ${buyer.lastName} <${buyer.email}>`);

    // What else the app may have stored about the buyer: a failed run, a skipped record, a shipment, a logged call.
    const label = `${buyer.firstName} ${buyer.lastName} <${buyer.email}>`;
    await db.sql`insert into task_runs (shop_id, task, category, trigger, status, error_message)
      values (${shop.shopId}, 'orders__process', 'orders', 'system', 'failed', ${`Waiting for the customer ${label}`})`;
    await db.sql`insert into skipped_records (shop_id, entity, record_key, reason)
      values (${shop.shopId}, 'customer', ${customer!.shopify_id}, ${`Skipped ${label}, phone ${buyer.phone}`})`;
    await db.sql`insert into shipments (shop_id, erp_shipment_no, content)
      values (${shop.shopId}, 'S-REDACT-1', ${db.sql.json({ shipTo: `${buyer.firstName} ${buyer.lastName}`, street: buyer.address1 })})`;
    await db.sql`insert into api_log_entries (shop_id, system, operation, is_error, error_message)
      values (${shop.shopId}, 'erp', 'findCustomer', true, ${`no customer with email ${buyer.email}`})`;
    expect(await tablesHolding(buyer.email)).toEqual(
      expect.arrayContaining([
        "public.orders",
        "public.order_events",
        "public.unmapped_records",
        "public.task_runs",
        "public.api_log_entries",
      ]),
    );

    const shopifyCustomerId = Number(customer!.shopify_id.split("/").pop());
    const orderIds = [a.orderCreate.order.id, b.orderCreate.order.id].map((gid: string) =>
      Number(gid.split("/").pop()),
    );
    const body = {
      shop_id: 1,
      shop_domain: shop.domain,
      customer: { id: shopifyCustomerId, email: buyer.email, phone: buyer.phone },
      orders_to_redact: orderIds,
    };
    const redact = webhookRequest({ topic: "customers/redact", shop: shop.domain, body });
    expect((await customersRedact(args(redact))).status).toBe(200);
    await drainAllJobs(db);

    for (const value of Object.values(buyer)) expect(await tablesHolding(value), value).toEqual([]);

    // What the ERP document needs stays; the waiting order is ended with the reason, off the lists.
    const after = await db.sql<
      {
        name: string;
        status: string;
        waiting_on: string | null;
        status_reason: string | null;
        erp_document_number: string | null;
        snapshot: any;
      }[]
    >`
      select name, status, waiting_on, status_reason, erp_document_number, snapshot from orders
      where shop_id = ${shop.shopId} order by id`;
    expect(after[0]).toMatchObject({ status: "processed", erp_document_number: documentNumber });
    expect(after[0]!.snapshot.totals.total).toEqual(total);
    expect(after[0]!.snapshot.lines).toHaveLength(1);
    expect(after[0]!.snapshot.shippingAddress).toMatchObject({ countryCode: "US", address1: null });
    expect(after[1]).toMatchObject({ name: guestName, status: "ignored", waiting_on: null });
    expect(after[1]!.status_reason).toMatch(/redacted at the customer's request/);
    expect(
      await db.sql`select count(*)::int as n from unmapped_records where shop_id = ${shop.shopId} and entity = 'customer' and resolved_at is null`,
    ).toEqual([{ n: 0 }]);
    expect(await db.sql`select count(*)::int as n from customer_links where shop_id = ${shop.shopId}`).toEqual([
      { n: 0 },
    ]);
    // Other shops' and other customers' rows are not touched: the seeded ERP customer's link is gone only for this buyer.
    expect(company.salesOrders.all().filter((d) => d.number === documentNumber)).toHaveLength(1);
  });
});
