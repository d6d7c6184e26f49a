import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { requestOrderProcessing } from "../../app/.server/tasks/orders-process/enqueue.ts";
import { requestReconcile } from "../../app/.server/tasks/orders-sync/enqueue.ts";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { connectToNewCompany } from "../support/connect-erp.ts";
import { drainJobs } from "../support/worker.ts";
import { importedOrder } from "../unit/orders-process/imported-order-factory.ts";
import { ORDER_CREATE, startOrdersSandbox } from "./orders-import/orders-sandbox.ts";
import { connectedShop, insertOrder } from "./orders-process/harness.ts";

/**
 * A preview ("dry run") of Sync orders and of Process orders, through the real worker against the
 * sandbox store and the sandbox Business Central: it reads, plans and records `planned` outcomes
 * on its run, and writes nothing to Shopify, the ERP or our own tables. The real runs after it do
 * what it said.
 */
let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;
let bc: BusinessCentralSandbox;

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

/** Everything of the shop's that a run of either task could write, in our database. */
async function ourRows(shopId: number) {
  const [counts] = await db.sql`
    select
      (select count(*)::int from orders where shop_id = ${shopId}) as orders,
      (select count(*)::int from order_events where shop_id = ${shopId}) as order_events,
      (select count(*)::int from skipped_records where shop_id = ${shopId}) as skipped_records,
      (select count(*)::int from customer_links where shop_id = ${shopId}) as customer_links,
      (select count(*)::int from variant_links where shop_id = ${shopId}) as variant_links,
      (select count(*)::int from unmapped_records where shop_id = ${shopId}) as unmapped_records`;
  const cursors =
    await db.sql`select stream, cursor, updated_at from sync_cursors where shop_id = ${shopId} order by stream`;
  const orderRows = await db.sql`
    select id, status, waiting_on, erp_document_number, updated_at from orders where shop_id = ${shopId} order by id`;
  // Only jobs a preview must not leave behind (its own job is done by then).
  const jobs = await db.sql`select task_identifier, key from graphile_worker.jobs order by id`;
  return { counts, cursors, orderRows, jobs };
}

/** The sandbox company's documents, customers and items, and its requests that were not reads. */
function erpState(company: Awaited<ReturnType<typeof connectToNewCompany>>["company"], sinceRequest: number) {
  const writes = bc.requestLog
    .entries()
    .slice(sinceRequest)
    // Signing in is a POST to the token endpoint; everything else a preview sends must be a read.
    .filter((entry) => entry.method !== "GET" && !entry.path.includes("/oauth2/"))
    .map((entry) => `${entry.method} ${entry.path}`);
  return {
    writes,
    salesOrders: company.salesOrders.all().length,
    salesInvoices: company.salesInvoices.all().length,
    customers: company.customers.all().length,
    items: company.items.all().length,
  };
}

async function lastRun(shopId: number, task: string) {
  const [run] = await db.sql<{ id: number; status: string; dry_run: boolean; counts: Record<string, number> }[]>`
    select id, status, dry_run, counts from task_runs where shop_id = ${shopId} and task = ${task} order by id desc limit 1`;
  const records = await db.sql<{ record_key: string; label: string | null; outcome: string; reason: string | null }[]>`
    select record_key, label, outcome, reason from task_run_records where shop_id = ${shopId} and run_id = ${run!.id} order by id`;
  return { ...run!, records };
}

describe("previews of the order tasks", () => {
  it("plan without writing anywhere, and the real runs then do what they said", async () => {
    // No processing with import: the order waits for a Process orders run, as it would on hold.
    const shop = await store.newShop("preview", { orders: { autoProcess: false } });
    const { company } = await connectToNewCompany(bc, shop.shopId, { tenant: "preview-tenant", name: "PREVIEW" });
    const seeded = await shop.gql(
      `{ customers(first: 1) { nodes { id } } productVariants(first: 2) { nodes { id } } }`,
    );
    const variants = seeded.productVariants.nodes as Array<{ id: string }>;
    const created = await shop.gql(ORDER_CREATE, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        financialStatus: "PAID",
        lineItems: [
          { variantId: variants[0]!.id, quantity: 2 },
          { variantId: variants[1]!.id, quantity: 1 },
        ],
      },
    });
    const name = created.orderCreate.order.name as string;

    // --- Sync orders, preview ---
    let storeBefore = JSON.stringify(store.engine.snapshot());
    let rowsBefore = await ourRows(shop.shopId);
    await requestReconcile(getDb(), { shopId: shop.shopId, dryRun: true });
    await drainJobs(db.url);

    const syncPreview = await lastRun(shop.shopId, "orders__reconcile");
    expect(syncPreview).toMatchObject({ status: "succeeded", dry_run: true, counts: { planned: 1, created: 0 } });
    expect(syncPreview.records).toEqual([
      expect.objectContaining({ label: name, outcome: "planned", reason: `would import as new order ${name}` }),
    ]);
    expect(JSON.stringify(store.engine.snapshot())).toBe(storeBefore);
    expect(await ourRows(shop.shopId)).toEqual(rowsBefore);
    expect(rowsBefore.cursors).toEqual([]); // still a first run next time

    // --- Sync orders, for real: the order the preview named, and the cursor ---
    await requestReconcile(getDb(), { shopId: shop.shopId });
    await drainJobs(db.url);
    const synced = await lastRun(shop.shopId, "orders__reconcile");
    expect(synced).toMatchObject({ status: "succeeded", dry_run: false, counts: { created: 1, planned: 0 } });
    const [order] = await db.sql<{ id: number; name: string; status: string }[]>`
      select id, name, status from orders where shop_id = ${shop.shopId}`;
    expect(order).toMatchObject({ name, status: "unprocessed" });
    expect(synced.records).toEqual([expect.objectContaining({ record_key: String(order!.id), outcome: "created" })]);
    expect(await db.sql`select stream from sync_cursors where shop_id = ${shop.shopId}`).toEqual([
      { stream: "shopify-orders" },
    ]);

    // --- Process orders, preview: ERP reads only ---
    storeBefore = JSON.stringify(store.engine.snapshot());
    rowsBefore = await ourRows(shop.shopId);
    const requestsBefore = bc.requestLog.entries().length;
    const erpBefore = erpState(company, requestsBefore);
    await requestOrderProcessing(getDb(), { shopId: shop.shopId, dryRun: true });
    await drainJobs(db.url);

    const processPreview = await lastRun(shop.shopId, "orders__process");
    expect(processPreview).toMatchObject({ status: "succeeded", dry_run: true, counts: { planned: 1, created: 0 } });
    expect(processPreview.records).toHaveLength(1);
    const [planned] = processPreview.records;
    expect(planned).toMatchObject({ record_key: String(order!.id), label: name, outcome: "planned" });
    const plan = /^would create an ERP sales order with (\d+) lines for customer (\S+)$/.exec(planned!.reason ?? "");
    expect(plan, planned!.reason ?? "").not.toBeNull();
    expect(bc.requestLog.entries().length).toBeGreaterThan(requestsBefore); // it did ask the ERP
    expect(erpState(company, requestsBefore)).toEqual(erpBefore);
    expect(erpBefore.writes).toEqual([]);
    expect(JSON.stringify(store.engine.snapshot())).toBe(storeBefore);
    expect(await ourRows(shop.shopId)).toEqual(rowsBefore);

    // --- Process orders, for real: the document the preview described ---
    await requestOrderProcessing(getDb(), { shopId: shop.shopId });
    await drainJobs(db.url);
    const processed = await lastRun(shop.shopId, "orders__process");
    expect(processed).toMatchObject({ status: "succeeded", dry_run: false, counts: { created: 1, planned: 0 } });
    const documents = company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === name);
    expect(documents).toHaveLength(1);
    const lines = company.salesOrderLines.all().filter((line) => line.documentId === documents[0]!.id);
    expect({ lines: lines.length, customer: documents[0]!.customerNumber }).toEqual({
      lines: Number(plan![1]),
      customer: plan![2],
    });
    const [after] = await db.sql`select status, erp_document_number from orders where id = ${order!.id}`;
    expect(after).toEqual({ status: "processed", erp_document_number: documents[0]!.number });
  });

  it("names the customer it would create for a new buyer, and creates nothing until the real run", async () => {
    const { shopId, company } = await connectedShop(bc, { customers: { createUnknownInErp: true } });
    const email = "preview.buyer@example.com";
    const order = importedOrder({
      email,
      customer: {
        shopifyCustomerId: "gid://shopify/Customer/424242",
        email,
        phone: null,
        firstName: "Preview",
        lastName: "Buyer",
      },
    });
    const orderId = await insertOrder(shopId, order);
    const requestsBefore = bc.requestLog.entries().length;
    const erpBefore = erpState(company, requestsBefore);
    const rowsBefore = await ourRows(shopId);

    await requestOrderProcessing(getDb(), { shopId, dryRun: true });
    await drainJobs(db.url);

    const preview = await lastRun(shopId, "orders__process");
    expect(preview).toMatchObject({ dry_run: true, counts: { planned: 1 } });
    expect(preview.records).toEqual([
      expect.objectContaining({
        record_key: String(orderId),
        outcome: "planned",
        reason: expect.stringMatching(
          new RegExp(
            `^would create an ERP sales order with \\d+ lines? for a new customer; first would create customer ${email}$`,
          ),
        ),
      }),
    ]);
    expect(erpState(company, requestsBefore)).toEqual(erpBefore);
    expect(erpBefore.writes).toEqual([]);
    expect(company.customers.all().some((c) => c.email === email)).toBe(false);
    expect(await ourRows(shopId)).toEqual(rowsBefore);

    await requestOrderProcessing(getDb(), { shopId });
    await drainJobs(db.url);
    const made = company.customers.all().find((c) => c.email === email);
    expect(made).toBeDefined();
    expect(company.salesOrders.all().find((d) => d.externalDocumentNumber === order.name)?.customerNumber).toBe(
      made!.number,
    );
  });
});
