import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { listProcessableOrderIds } from "../../../app/.server/queries/order-processing.ts";
import { ensureShop } from "../../../app/.server/queries/shops.ts";
import { requestOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import { ignoreUnmapped, mapCustomer, mapVariant } from "../../../app/.server/tasks/orders-process/mapping-actions.ts";
import { processOrder } from "../../../app/.server/tasks/orders-process/process-order.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { address, importedOrder, orderLine } from "../../unit/orders-process/imported-order-factory.ts";
import { connectedShop, drainJobs, insertOrder, orderRow, setShopSettings, startBusinessCentral } from "./harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});
afterAll(async () => {
  await bc.close();
});

const stranger = () =>
  importedOrder({
    email: "new.buyer@example.com",
    customer: {
      shopifyCustomerId: `gid://shopify/Customer/${Math.floor(Math.random() * 1e9)}`,
      email: "new.buyer@example.com",
      phone: null,
      firstName: "New",
      lastName: "Buyer",
    },
  });

async function openUnmapped(shopId: number) {
  return db.sql<{ id: string; entity: string; shopify_id: string }[]>`
    select id, entity, shopify_id from unmapped_records where shop_id = ${shopId} and resolved_at is null`;
}

describe("mappings and waiting orders", () => {
  it("an unmapped SKU makes the order wait under unmapped products; mapping it from the list processes it", async () => {
    const { shopId, company } = await connectedShop(bc);
    const line = orderLine({ sku: "99999-V09", title: "Mystery" });
    const order = importedOrder({ lines: [line] });
    const orderId = await insertOrder(shopId, order);

    expect(await processOrder(shopId, orderId)).toEqual({ kind: "waiting", waitingOn: "unmapped_product" });
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "unprocessed", waitingOn: "unmapped_product" });
    expect(await openUnmapped(shopId)).toMatchObject([{ entity: "product", shopify_id: line.variantId }]);
    expect(await listProcessableOrderIds(getDb(), { shopId, limit: 500 })).toHaveLength(0);

    expect(await mapVariant(shopId, line.variantId!, "10002", "NOPE")).toMatchObject({ ok: false });
    expect(await mapVariant(shopId, line.variantId!, "10002", "V02")).toMatchObject({ ok: true, ordersQueued: 1 });
    await drainJobs(db.url);
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "processed", waitingOn: null });
    expect(await openUnmapped(shopId)).toEqual([]);
    const doc = company.salesOrders.all().find((d) => d.externalDocumentNumber === order.name)!;
    const [docLine] = company.salesOrderLines.all().filter((l) => l.documentId === doc.id);
    expect(docLine).toMatchObject({ lineObjectNumber: "10002" });
  });

  it("an unknown customer waits when creation is off; mapping it processes the order", async () => {
    const { shopId } = await connectedShop(bc);
    const order = stranger();
    const orderId = await insertOrder(shopId, order);
    expect(await processOrder(shopId, orderId)).toEqual({ kind: "waiting", waitingOn: "unmapped_customer" });
    const [record] = await openUnmapped(shopId);
    expect(record).toMatchObject({ entity: "customer", shopify_id: order.customer!.shopifyCustomerId });

    expect(await mapCustomer(shopId, order.customer!.shopifyCustomerId, "C00030")).toMatchObject({ ok: true });
    await drainJobs(db.url);
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "processed" });
  });

  it("an unknown customer is created in BC from the order and linked when creation is on", async () => {
    const { shopId, company } = await connectedShop(bc, { customers: { createUnknownInErp: true } });
    const order = stranger();
    const orderId = await insertOrder(shopId, order);
    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "processed" });
    const created = company.customers.all().find((c) => c.email === "new.buyer@example.com")!;
    expect(created).toMatchObject({ displayName: "New Buyer", city: "Ashland" });
    const doc = company.salesOrders.all().find((d) => d.externalDocumentNumber === order.name)!;
    expect(doc.customerNumber).toBe(created.number);
    const [link] = await db.sql`select erp_customer_number, source from customer_links where shop_id = ${shopId}`;
    expect(link).toEqual({ erp_customer_number: created.number, source: "created" });
  });

  it("a created customer takes its terms from the template customer; a missing template is a clear error", async () => {
    const { shopId, company } = await connectedShop(bc, {
      customers: { createUnknownInErp: true, templateCustomerNo: "C00020" },
    });
    const template = company.customers.all().find((c) => c.number === "C00020")!;
    company.customers.update(template.id, { taxLiable: true, creditLimit: 2500, currencyCode: "EUR" });
    const order = stranger();
    expect(await processOrder(shopId, await insertOrder(shopId, order))).toMatchObject({ kind: "processed" });
    const created = company.customers.all().find((c) => c.email === "new.buyer@example.com")!;
    expect(created).toMatchObject({
      taxLiable: true,
      creditLimit: 2500,
      currencyCode: "EUR",
      displayName: "New Buyer",
    });

    const other = await connectedShop(bc, { customers: { createUnknownInErp: true, templateCustomerNo: "NOPE" } });
    const outcome = await processOrder(other.shopId, await insertOrder(other.shopId, stranger()));
    expect(outcome).toMatchObject({ kind: "error", message: expect.stringMatching(/template customer NOPE/) });
  });

  it("the ship-to country's default customer wins over the e-mail match", async () => {
    const { shopId, company } = await connectedShop(bc, { customers: { defaultCustomerByCountry: { DE: "C00020" } } });
    const order = importedOrder({ shippingAddress: address({ countryCode: "DE", city: "Berlin" }) });
    await processOrder(shopId, await insertOrder(shopId, order));
    expect(company.salesOrders.all().find((d) => d.externalDocumentNumber === order.name)?.customerNumber).toBe(
      "C00020",
    );
  });

  it("a fulfilled order becomes a sales invoice when the setting asks", async () => {
    const { shopId, company } = await connectedShop(bc, { orders: { documentType: "invoice_when_fulfilled" } });
    const order = importedOrder({ fulfillmentStatus: "FULFILLED" });
    const orderId = await insertOrder(shopId, order);
    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "processed", documentType: "invoice" });
    expect(company.salesInvoices.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
    expect(await orderRow(shopId, orderId)).toMatchObject({ erpDocumentType: "invoice" });
  });

  it("outgoing writes off: recorded as skipped, nothing written to BC", async () => {
    const { shopId, company } = await connectedShop(bc);
    await setShopSettings(shopId, { allowOutgoingWrites: false });
    const order = importedOrder();
    const orderId = await insertOrder(shopId, order);
    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "skipped" });
    expect(company.salesOrders.all()).toHaveLength(0);
    const [skip] = await db.sql`select entity, record_key from skipped_records where shop_id = ${shopId}`;
    expect(skip).toEqual({ entity: "order", record_key: order.shopifyOrderId });
  });

  it("no ERP connected: the order shows 'Connect your ERP first'", async () => {
    const shopId = await ensureShop(getDb(), "no-erp.myshopify.com");
    const orderId = await insertOrder(shopId, importedOrder());
    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "error", retryable: false });
    expect((await orderRow(shopId, orderId)).errorMessage).toMatch(/Connect your ERP first/);
  });

  it("a Process orders run takes the unprocessed orders; ignoring an unmapped product ignores its waiting orders", async () => {
    const { shopId } = await connectedShop(bc);
    const ready = await insertOrder(shopId, importedOrder());
    const blocked = await insertOrder(shopId, importedOrder({ lines: [orderLine({ sku: "NOPE-X1" })] }));
    expect(await listProcessableOrderIds(getDb(), { shopId, limit: 500 })).toHaveLength(2);
    // The shop's entry or "Run now": one run over every waiting order (no per-order job queued here).
    await requestOrderProcessing(getDb(), { shopId });
    await drainJobs(db.url);
    expect(await orderRow(shopId, ready)).toMatchObject({ status: "processed" });
    expect(await orderRow(shopId, blocked)).toMatchObject({ waitingOn: "unmapped_product" });
    expect(await listProcessableOrderIds(getDb(), { shopId, limit: 500 })).toHaveLength(0);

    const [record] = await openUnmapped(shopId);
    expect(await ignoreUnmapped(shopId, Number(record!.id))).toMatchObject({ ok: true });
    expect(await orderRow(shopId, blocked)).toMatchObject({ status: "ignored" });
  });
});
