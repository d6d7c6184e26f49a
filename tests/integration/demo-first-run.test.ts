import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { getShopSettings } from "../../app/.server/queries/shops.ts";
import { enqueueRun } from "../../app/.server/runs/enqueue-run.ts";
import { companiesSyncTask } from "../../app/.server/tasks/companies-sync/task.ts";
import { customersSyncTask } from "../../app/.server/tasks/customers-sync/task.ts";
import { documentsPostTask } from "../../app/.server/tasks/documents-post/task.ts";
import { inventorySyncTask } from "../../app/.server/tasks/inventory-sync/task.ts";
import { ordersSyncTask } from "../../app/.server/tasks/orders-sync/task.ts";
import { paymentsSyncTask } from "../../app/.server/tasks/payments-sync/task.ts";
import { productsSyncTask } from "../../app/.server/tasks/products-sync/task.ts";
import { shipmentsSyncTask } from "../../app/.server/tasks/shipments-sync/task.ts";
import { action as inventoryLevelsUpdate } from "../../app/routes/webhooks.inventory_levels.update.tsx";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create.tsx";
import { action as refundsCreate } from "../../app/routes/webhooks.refunds.create.tsx";
import type { SandboxEvent } from "../../sandbox/shopify/contracts.ts";
import { createShopifyEngine } from "../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../sandbox/shopify/server/create-server.ts";
import { readAppToml } from "../../scripts/demo/app-toml.ts";
import { connectDemoShop, DEMO_BC, startDemoBusinessCentral } from "../../scripts/demo/business-central.ts";
import { installOfflineSession } from "../../scripts/demo/install-session.ts";
import { businessCentralPersistenceFiles } from "../../scripts/demo/sandbox-snapshot.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { testEnv } from "../setup/test-env.ts";
import { webhookRequest } from "../support/webhook-request.ts";
import { drainAllJobs } from "../support/worker.ts";
import { ORDER_CREATE } from "./orders-import/orders-sandbox.ts";

/**
 * A fresh demo, no setting touched: the store and the Business Central company seeded and connected
 * by the demo's own functions, then an order with shipping, a discount and taxes placed in the store
 * reaches the ERP as a sales order.
 */
const SHOP = "first-run.myshopify.com";
const BC_SECRET = "first-run-bc-secret";
let db: TestDatabase;
let store: Awaited<ReturnType<typeof createShopifySandboxServer>>;
let engine: ReturnType<typeof createShopifyEngine>;
let bc: Awaited<ReturnType<typeof startDemoBusinessCentral>>;
const events: SandboxEvent[] = [];

beforeAll(async () => {
  db = await useTestDatabase();
  // Both sandboxes' URLs are set before anything reads the app's configuration (read once).
  const dataDir = await mkdtemp(path.join(tmpdir(), "first-run-"));
  bc = await startDemoBusinessCentral({
    port: 0,
    clientSecret: BC_SECRET,
    persistence: businessCentralPersistenceFiles(dataDir),
    log: () => {},
  });
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.sandbox.url;
  engine = createShopifyEngine();
  engine.onEvent((event) => events.push(event));
  store = await createShopifySandboxServer({ engine, port: 0 });
  process.env.SHOPIFY_SANDBOX_URL = store.url;
  const toml = await readAppToml();
  store.registerApp({
    apiKey: testEnv.SHOPIFY_API_KEY,
    apiSecret: testEnv.SHOPIFY_API_SECRET,
    appUrl: testEnv.SHOPIFY_APP_URL,
    scopes: toml.scopes,
  });
  // As scripts/demo/start-demo.ts seeds the store (the BC company is seeded with the same seed).
  engine.createShop({ domain: SHOP, name: "Demo Shop", plan: "standard" });
  engine.seed(SHOP, { seed: 1 });
  const { accessToken } = store.installApp(SHOP, testEnv.SHOPIFY_API_KEY);
  await installOfflineSession({ shop: SHOP, accessToken, scopes: toml.scopes });

  await connectDemoShop(
    SHOP,
    BC_SECRET,
    bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId).locations.all(),
  );
});

afterAll(async () => {
  await store.close();
  await bc.sandbox.close();
});

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await engine.execute({ shop: SHOP, apiKey: "test-harness", query, variables });
  const body = response.body as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
};

const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });

describe("a fresh demo", () => {
  it("comes with the order accounts set to posting accounts of its ERP company", async () => {
    const [shop] = await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`;
    const { orders } = await getShopSettings(getDb(), shop!.id);
    const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
    for (const number of [orders.shippingChargesAccount, orders.tipAccount, orders.giftCardAccount]) {
      expect(company.accounts.find((a) => a.number === number)).toMatchObject({
        accountType: "Posting",
        directPosting: true,
        blocked: false,
      });
    }
  });

  it("sends an order with shipping, a discount and taxes to Business Central with no setting touched", async () => {
    const seeded = await gql(
      `{ customers(first: 1) { nodes { id } } productVariants(first: 2) { nodes { id sku price } } }`,
    );
    const [first, second] = seeded.productVariants.nodes as Array<{ id: string; sku: string; price: string }>;
    const created = await gql(ORDER_CREATE, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        financialStatus: "PAID",
        lineItems: [
          { variantId: first!.id, quantity: 2, taxLines: [{ title: "State tax", rate: 0.08 }] },
          { variantId: second!.id, quantity: 1, taxLines: [{ title: "State tax", rate: 0.08 }] },
        ],
        discountCode: { itemFixedDiscountCode: { code: "WELCOME5", amountSet: usd("5.00") } },
        shippingLines: [
          {
            title: "Standard Shipping",
            code: "STANDARD",
            priceSet: usd("7.50"),
            taxLines: [{ title: "State tax", rate: 0.08, priceSet: usd("0.60") }],
          },
        ],
      },
    });
    expect(created.orderCreate.userErrors).toEqual([]);
    const name = created.orderCreate.order.name as string;

    const { order, document, lines } = await processInTheApp(name);
    expect(order).toMatchObject({ status: "processed", error_message: null, status_reason: null });

    // SKU = item number "-" variant code (the demo's product mapping); the order discount is spread
    // over the item lines in proportion to their amounts, as Shopify allocates it.
    const p1 = Number(first!.price);
    const p2 = Number(second!.price);
    const d1 = Math.round((500 * p1 * 2) / (p1 * 2 + p2)) / 100;
    const d2 = Math.round((5 - d1) * 100) / 100;
    const round = (n: number) => Math.round(n * 100) / 100;
    expect(lines).toEqual([
      ["Item", first!.sku.split("-")[0], 2, p1, d1, round(p1 * 2 - d1)],
      ["Item", second!.sku.split("-")[0], 1, p2, d2, round(p2 - d2)],
      ["Account", "6810", 1, 7.5, 0, 7.5],
    ]);
    // Prices exclude tax (Shopify's taxesIncluded is false): BC computes the tax itself.
    expect(document).toMatchObject({
      pricesIncludeTax: false,
      totalAmountExcludingTax: round(p1 * 2 + p2 - 5 + 7.5),
    });
  });

  it("charges a tip to the tip account", async () => {
    const seeded = await gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`);
    const created = await gql(ORDER_CREATE, {
      order: {
        customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
        financialStatus: "PAID",
        lineItems: [
          { variantId: seeded.productVariants.nodes[0].id, quantity: 1 },
          { title: "Tip", priceSet: usd("3.00"), quantity: 1, requiresShipping: false, taxable: false },
        ],
      },
    });
    expect(created.orderCreate.userErrors).toEqual([]);
    const { order, lines } = await processInTheApp(created.orderCreate.order.name as string);
    expect(order).toMatchObject({ status: "processed", error_message: null });
    expect(lines.at(-1)).toEqual(["Account", "5850", 1, 3, 0, 3]);
  });
});

describe("a fresh demo's stock", () => {
  const sku = async () => {
    const [link] = await db.sql<Array<{ sku: string; erp_item_number: string; erp_variant_code: string }>>`
      select sku, erp_item_number, erp_variant_code from variant_links vl join shops s on s.id = vl.shop_id
       where s.domain = ${SHOP} order by sku limit 1`;
    return link!;
  };
  const available = async (variantSku: string) => {
    const data = await gql(
      `query Q($q: String!) { productVariants(first: 1, query: $q) { nodes { inventoryItem { inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available"]) { quantity } } } } } } }`,
      { q: `sku:"${variantSku}"` },
    );
    const levels = data.productVariants.nodes[0].inventoryItem.inventoryLevels.nodes as any[];
    return Object.fromEntries(levels.map((l) => [l.location.name, l.quantities[0].quantity as number]));
  };
  const runAll = async () => {
    const [shop] = await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`;
    for (const task of [productsSyncTask, inventorySyncTask]) {
      await enqueueRun(getDb(), task, { shopId: Number(shop!.id), trigger: "manual" });
    }
    await drainAllJobs(db);
    // Shopify's level webhooks, as the demo's store delivers them.
    for (const event of events.filter((e) => e.topic === "inventory_levels/update" && e.shop === SHOP).splice(0)) {
      const request = webhookRequest({ topic: event.topic, shop: SHOP, body: event.payload, webhookId: event.eventId });
      expect((await inventoryLevelsUpdate({ request, params: {}, context: {} })).status).toBe(200);
    }
  };

  it("maps the store's locations to BC's and sends a BC adjustment of +5 to Shopify", async () => {
    await runAll();
    const [shop] = await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`;
    const mapped =
      await db.sql`select name, erp_location_codes, stock_calculation from shop_locations where shop_id = ${shop!.id} order by name`;
    expect(mapped.filter((m) => (m.erp_location_codes as string[]).length > 0).length).toBeGreaterThan(0);
    const link = await sku();
    const before = await available(link.sku);
    bc.sandbox.postInventoryAdjustment(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId, {
      itemNumber: link.erp_item_number,
      ...(link.erp_variant_code ? { variantCode: link.erp_variant_code } : {}),
      locationCode: "MAIN",
      quantity: 5,
    });
    await runAll();
    expect((await available(link.sku))["Main Warehouse"]).toBe(before["Main Warehouse"]! + 5);
  });
});

describe("a fresh demo's customers", () => {
  const shopId = async () =>
    Number((await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`)[0]!.id);
  const runCustomers = async () => {
    await enqueueRun(getDb(), customersSyncTask, { shopId: await shopId(), trigger: "manual" });
    await drainAllJobs(db);
  };
  const bcCustomer = (email: string) =>
    bc.sandbox
      .company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId)
      .customers.all()
      .find((c) => c.email === email);

  it("imports a customer created in the store into BC, and its changed phone after it", async () => {
    // The first run reads the store's seeded customers in bulk; the new one arrives with the next.
    await runCustomers();
    const made = await gql(
      `mutation C($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }`,
      {
        input: {
          firstName: "Ida",
          lastName: "Brandt",
          email: "ida.brandt@example.com",
          phone: "+4930111222",
          addresses: [{ address1: "Am Markt 3", city: "Leipzig", zip: "04109", countryCode: "DE" }],
        },
      },
    );
    expect(made.customerCreate.userErrors).toEqual([]);
    await runCustomers();
    expect(bcCustomer("ida.brandt@example.com")).toMatchObject({
      displayName: "Ida Brandt",
      addressLine1: "Am Markt 3",
      city: "Leipzig",
      postalCode: "04109",
      phoneNumber: "+4930111222",
    });
    await gql(`mutation U($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }`, {
      input: { id: made.customerCreate.customer.id, phone: "+4930999000" },
    });
    await runCustomers();
    expect(bcCustomer("ida.brandt@example.com")?.phoneNumber).toBe("+4930999000");
  });
});

describe("a fresh demo's B2B companies", () => {
  it("imports the seeded Northwind Traders as one BC company customer with Net 30 terms, and its buyer's order goes to it", async () => {
    const shopId = Number((await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`)[0]!.id);
    await enqueueRun(getDb(), companiesSyncTask, { shopId, trigger: "manual" });
    await drainAllJobs(db);
    const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
    const northwind = company.customers.all().filter((c) => c.displayName === "Northwind Traders");
    expect(northwind).toHaveLength(1);
    expect(northwind[0]).toMatchObject({ type: "Company", paymentTermsCode: "30 DAYS", city: "Berlin" });

    const seeded = await gql(`{ companies(first: 5, query: "name:'Northwind Traders'") { nodes {
      locations(first: 5) { nodes { id } } mainContact { customer { id } } } }
      productVariants(first: 1) { nodes { id } } }`);
    const nw = seeded.companies.nodes[0];
    const placed = await gql(ORDER_CREATE, {
      order: {
        companyLocationId: nw.locations.nodes[1].id,
        customer: { toAssociate: { id: nw.mainContact.customer.id } },
        financialStatus: "PAID",
        lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 1 }],
      },
    });
    expect(placed.orderCreate.userErrors).toEqual([]);
    await processInTheApp(placed.orderCreate.order.name);
    const salesOrder = company.salesOrders
      .all()
      .find((o) => o.externalDocumentNumber === placed.orderCreate.order.name);
    expect(salesOrder?.customerNumber).toBe(northwind[0]!.number);
  });
});

describe("a fresh demo's refunds", () => {
  it("a refunded line of a processed order becomes one BC credit memo with the refunded amount", async () => {
    const seeded = await gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`);
    const placed = await gql(
      `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
        order { id name transactions { id } lineItems(first: 1) { nodes { id } } } userErrors { field message } } }`,
      {
        order: {
          customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
          lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 2, priceSet: usd("30.00") }],
          transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual", amountSet: usd("60.00") }],
        },
      },
    );
    expect(placed.orderCreate.userErrors).toEqual([]);
    const order = placed.orderCreate.order;
    await processInTheApp(order.name);
    const refunded = await gql(
      `mutation R($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) {
        refund { id legacyResourceId } userErrors { field message } } }`,
      {
        key: `demo-refund-${order.name}`,
        input: {
          orderId: order.id,
          refundLineItems: [{ lineItemId: order.lineItems.nodes[0].id, quantity: 1, restockType: "CANCEL" }],
          transactions: [
            {
              orderId: order.id,
              parentId: order.transactions[0].id,
              amount: "30.00",
              kind: "REFUND",
              gateway: "manual",
            },
          ],
        },
      },
    );
    expect(refunded.refundCreate.userErrors).toEqual([]);
    // The store's own refunds/create, through the real webhook route, then every job.
    const event = events.find((e) => e.topic === "refunds/create" && e.shop === SHOP)!;
    const request = webhookRequest({
      topic: event.topic,
      shop: SHOP,
      body: event.payload,
      webhookId: `${event.eventId}`,
    });
    expect((await refundsCreate({ request, params: {}, context: {} })).status).toBe(200);
    await drainAllJobs(db);
    const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
    const key = `${order.name}-R${refunded.refundCreate.refund.legacyResourceId}`;
    const memos = company.salesCreditMemos.all().filter((m) => m.externalDocumentNumber === key);
    expect(memos).toHaveLength(1);
    const lines = company.salesCreditMemoLines.filter((l) => l.documentId === memos[0]!.id);
    expect(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0)).toBe(30);
  });
});

describe("a fresh demo's payments", () => {
  it("a paid order's card payment is in BC once, applied to its invoice, once the order is shipped and invoiced", async () => {
    const seeded = await gql(`{ customers(first: 1) { nodes { id } } productVariants(first: 1) { nodes { id } } }`);
    const placed = await gql(
      `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
        order { id name transactions { id } } userErrors { field message } } }`,
      {
        order: {
          customer: { toAssociate: { id: seeded.customers.nodes[0].id } },
          lineItems: [{ variantId: seeded.productVariants.nodes[0].id, quantity: 1, priceSet: usd("40.00") }],
          transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "shopify_payments", amountSet: usd("40.00") }],
        },
      },
    );
    expect(placed.orderCreate.userErrors).toEqual([]);
    const order = placed.orderCreate.order;
    await processInTheApp(order.name);
    const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
    const salesOrder = company.salesOrders.find((d) => d.externalDocumentNumber === order.name)!;
    // The warehouse ships it in BC; then the demo's tasks, as their every-minute schedule runs them.
    bc.sandbox.postShipment(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId, salesOrder.id);
    const shopId = Number((await db.sql<{ id: number }[]>`select id from shops where domain = ${SHOP}`)[0]!.id);
    for (const task of [shipmentsSyncTask, ordersSyncTask, documentsPostTask, paymentsSyncTask]) {
      await enqueueRun(getDb(), task, { shopId, trigger: "manual" });
      await drainAllJobs(db);
    }
    const invoice = company.salesInvoices.find((i) => i.externalDocumentNumber === order.name && i.status !== "Draft");
    expect(invoice, "the shipped order is invoiced").toBeDefined();
    const number = (order.transactions[0].id as string).split("/").at(-1);
    const lines = company.customerPayments.all().filter((p) => p.externalDocumentNumber === number);
    expect(lines).toMatchObject([
      { amount: -40, appliesToInvoiceNumber: invoice!.number, journalDisplayName: expect.any(String) },
    ]);
    expect(company.customerPaymentJournals.get(lines[0]!.journalId)?.code).toBe("SHOPIFY");
    await enqueueRun(getDb(), paymentsSyncTask, { shopId, trigger: "manual" });
    await drainAllJobs(db);
    expect(company.customerPayments.all().filter((p) => p.externalDocumentNumber === number)).toHaveLength(1);

    // Shopify pays the charges out: the payout is recorded in BC's PAYOUTS journal and balances to zero.
    const payout = engine.createPayout!(SHOP, { status: "PAID" });
    await enqueueRun(getDb(), paymentsSyncTask, { shopId, trigger: "manual" });
    await drainAllJobs(db);
    const entry = company.journalLines
      .all()
      .filter((l) => l.externalDocumentNumber === `PAYOUT-${payout.id.split("/").at(-1)}`);
    expect(entry.map((l) => [l.journalDisplayName, l.accountType, l.accountNumber])).toEqual([
      ["PAYOUTS", "Bank Account", "SHOPIFY"],
      ["PAYOUTS", "G/L Account", "8660"],
      ["PAYOUTS", "G/L Account", "2945"],
    ]);
    expect(entry[0]!.amount).toBe(Number(payout.net.amount));
    expect(entry[1]!.amount).toBeGreaterThan(0);
    expect(entry.reduce((sum, l) => sum + l.amount, 0)).toBeCloseTo(0, 6);
  });
});

/** The store's own orders/create event for `name`, through the real webhook route, then every job. */
async function processInTheApp(name: string) {
  const event = events.find(
    (e) => e.topic === "orders/create" && e.shop === SHOP && (e.payload as { name?: string }).name === name,
  )!;
  const request = webhookRequest({
    topic: event.topic,
    shop: SHOP,
    body: event.payload,
    webhookId: `${event.eventId}`,
  });
  expect((await ordersCreate({ request, params: {}, context: {} })).status).toBe(200);
  await drainAllJobs(db);
  const [order] =
    await db.sql`select status, error_message, status_reason, erp_document_number from orders where name = ${name}`;
  const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
  const document = company.salesOrders.find((d) => d.externalDocumentNumber === name);
  expect(document?.number).toBe(order?.erp_document_number);
  const lines = company.salesOrderLines
    .filter((l) => l.documentId === document?.id)
    .sort((a, b) => a.sequence - b.sequence)
    .map((l) => [l.lineType, l.lineObjectNumber, l.quantity, l.unitPrice, l.discountAmount, l.amountExcludingTax]);
  return { order, document, lines };
}
