import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BC_LIMITS } from "../../../app/.server/adapters/erp/business-central/sales-documents.ts";
import { getDb } from "../../../app/.server/db.ts";
import { erpAdapterForShop } from "../../../app/.server/erp/connections.ts";
import { listOrderEvents } from "../../../app/.server/queries/order-events.ts";
import { enqueueOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import { mapToSalesDocument } from "../../../app/.server/tasks/orders-process/map-to-sales-document.ts";
import { processOrder } from "../../../app/.server/tasks/orders-process/process-order.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { importedOrder, money, orderLine } from "../../unit/orders-process/imported-order-factory.ts";
import { connectedShop, drainJobs, insertOrder, orderRow, shopSettings, startBusinessCentral } from "./harness.ts";

let db: TestDatabase;
let bc: BusinessCentralSandbox;

beforeAll(async () => {
  db = await useTestDatabase();
  bc = await startBusinessCentral();
});
afterAll(async () => {
  await bc.close();
});

/** 2 × 62.90 − 12.58 line discount, 1 × 25.90, − 5.00 order discount, + 9.90 shipping, + 10.00 tax. */
function happyOrder() {
  return importedOrder({
    lines: [
      orderLine({
        sku: "10001-V01",
        quantity: 2,
        unitPrice: money("62.90"),
        discount: money("12.58"),
        fulfillmentLocationId: "gid://shopify/Location/2",
      }),
      orderLine({ sku: "20001", title: "Water Bottle", variantTitle: null, unitPrice: money("25.90") }),
    ],
    shippingLines: [
      { title: "Standard", code: "STD", price: money("9.90"), discountedPrice: money("9.90"), taxLines: [] },
    ],
    unallocatedDiscount: money("5.00"),
    totals: {
      subtotal: money("139.12"),
      tax: money("10.00"),
      discounts: money("17.58"),
      shipping: money("9.90"),
      total: money("154.02"),
    },
  });
}

describe("processing an order into Business Central", () => {
  it("creates one sales order: order name, customer by e-mail, items, discounts, shipping, location", async () => {
    const { shopId, company } = await connectedShop(bc, {
      orders: { locations: { "gid://shopify/Location/2": "EAST" } },
    });
    const order = happyOrder();
    const orderId = await insertOrder(shopId, order);

    const outcome = await processOrder(shopId, orderId);
    expect(outcome).toMatchObject({ kind: "processed", documentType: "order", created: true });

    const documents = company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name);
    expect(documents).toHaveLength(1);
    const doc = documents[0]!;
    expect(doc).toMatchObject({ customerNumber: "C00010", pricesIncludeTax: false, discountAmount: 5 });
    // Shopify's total less its tax (BC computes its own tax; the sandbox computes none).
    expect(doc.totalAmountExcludingTax).toBe(144.02);
    const lines = company.salesOrderLines.all().filter((l) => l.documentId === doc.id);
    expect(lines.map((l) => [l.lineType, l.lineObjectNumber, l.quantity, l.unitPrice, l.discountAmount])).toEqual([
      ["Item", "10001", 2, 62.9, 12.58],
      ["Item", "20001", 1, 25.9, 0],
      ["Account", "6810", 1, 9.9, 0],
    ]);
    const east = company.locations.all().find((l) => l.code === "EAST")!;
    expect(lines[0]!.locationId).toBe(east.id);
    expect(company.itemVariants.get(lines[0]!.itemVariantId)?.code).toBe("V01");

    const row = await orderRow(shopId, orderId);
    expect(row).toMatchObject({ status: "processed", erpDocumentType: "order", erpDocumentNumber: doc.number });
    const [link] = await db.sql`select erp_customer_number, source from customer_links where shop_id = ${shopId}`;
    expect(link).toEqual({ erp_customer_number: "C00010", source: "matched" });
    const [variants] = await db.sql`select count(*)::int as n from variant_links where shop_id = ${shopId}`;
    expect(variants?.n).toBe(2);
    expect((await listOrderEvents(getDb(), { shopId, orderId })).map((e) => e.kind)).toEqual([
      "processing",
      "processed",
    ]);

    // Processing again leaves it alone; one document still.
    expect(await processOrder(shopId, orderId)).toEqual({ kind: "left_alone", reason: "processed" });
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
  });

  it("two workers at once: one creates, the other leaves the order alone", async () => {
    const { shopId, company } = await connectedShop(bc);
    const order = happyOrder();
    const orderId = await insertOrder(shopId, order);
    const outcomes = await Promise.all([processOrder(shopId, orderId), processOrder(shopId, orderId)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["left_alone", "processed"]);
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
  });

  it("a worker killed after BC created the document: the retry finds it and links it, no duplicate", async () => {
    const { shopId, company } = await connectedShop(bc);
    const order = happyOrder();
    const orderId = await insertOrder(shopId, order);
    // What BC holds after a crash between its create and our commit: the document, and no link on our side.
    const adapter = (await erpAdapterForShop(shopId))!;
    const items = new Map(
      order.lines.map((l) => [l.shopifyLineId, { itemNumber: l.sku!.slice(0, 5), variantCode: l.sku!.slice(6) }]),
    );
    const mapped = mapToSalesDocument(order, { customerNumber: "C00010", items }, shopSettings(), BC_LIMITS);
    if (!mapped.ok) throw new Error(mapped.error);
    const first = await adapter.createSalesDocument(mapped.document);

    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "processed", created: false });
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "processed", erpDocumentId: first.ref.id });
  });

  it("our own step failing after BC created the document deletes it again; the retry makes exactly one", async () => {
    const { shopId, company } = await connectedShop(bc);
    const order = happyOrder();
    const orderId = await insertOrder(shopId, order);
    // A real database failure at the step after the ERP's create: recording the order as processed.
    await db.sql.unsafe(`
      create function fail_processed() returns trigger language plpgsql as $$
      begin raise exception 'disk full (test)'; end $$;
      create trigger fail_processed before update on orders for each row
      when (new.status = 'processed' and new.id = ${orderId}) execute function fail_processed();`);
    try {
      await expect(processOrder(shopId, orderId)).rejects.toThrow();
    } finally {
      await db.sql.unsafe(`drop trigger fail_processed on orders; drop function fail_processed();`);
    }
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(0);
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "error" });
    expect((await orderRow(shopId, orderId)).errorMessage).toMatch(/Processing failed/);

    expect(await processOrder(shopId, orderId)).toMatchObject({ kind: "processed", created: true });
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
  });

  it("an ERP outage leaves the order in error with a reason and the job retrying; after it clears, processed", async () => {
    const { shopId, company } = await connectedShop(bc);
    const order = happyOrder();
    const orderId = await insertOrder(shopId, order);
    await enqueueOrderProcessing(getDb(), { shopId, orderIds: [orderId] });
    bc.failNext({ path: ".*", status: 503, count: 10_000, retryAfter: 60 });
    try {
      await drainJobs(db.url);
    } finally {
      bc.failures.clear();
    }
    const failed = await orderRow(shopId, orderId);
    expect(failed.status).toBe("error");
    expect(failed.errorMessage).toMatch(/will be retried/);
    const [job] =
      await db.sql`select attempts, last_error from graphile_worker.jobs where task_identifier = 'orders__process'`;
    expect(job).toMatchObject({ attempts: 1 });
    expect(String(job?.last_error)).toMatch(/503|unavailable|Injected/i);

    await db.sql`update graphile_worker._private_jobs set run_at = now()`;
    await drainJobs(db.url);
    expect(await orderRow(shopId, orderId)).toMatchObject({ status: "processed", errorMessage: null });
    expect(company.salesOrders.all().filter((d) => d.externalDocumentNumber === order.name)).toHaveLength(1);
    const [left] = await db.sql`select count(*)::int as n from graphile_worker.jobs`;
    expect(left?.n).toBe(0);
  });
});
