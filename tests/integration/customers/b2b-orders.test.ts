import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../../app/.server/db.ts";
import { handleUnmappedAction } from "../../../app/.server/orders/unmapped-list.ts";
import { upsertCustomerLink } from "../../../app/.server/queries/links.ts";
import { enqueueOrderProcessing } from "../../../app/.server/tasks/orders-process/enqueue.ts";
import { reconcileOrders } from "../../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { startShipmentsWorld } from "../shipments/shipments-harness.ts";

// Orders placed by a B2B buyer (purchasingEntity) go to the company location's ERP customer, never
// to the contact's consumer customer, even where consumer mapping would find or create one.

let db: TestDatabase;
let world: Awaited<ReturnType<typeof startShipmentsWorld>>;

beforeAll(async () => {
  db = await useTestDatabase();
  world = await startShipmentsWorld(db);
});

afterAll(async () => {
  await world.close();
});

const COMPANY_CREATE = `mutation C($input: CompanyCreateInput!) { companyCreate(input: $input) {
  company { id locations(first: 2) { nodes { id } } contacts(first: 1) { nodes { customer { id } } } }
  userErrors { field message code } } }`;
const ORDER_CREATE = `mutation O($order: OrderCreateOrderInput!) { orderCreate(order: $order) {
  order { id name } userErrors { field message } } }`;

describe("an order from a B2B buyer", () => {
  it("waits on the unmapped companies list instead of going to the contact's consumer customer, then uses the location's ERP customer", async () => {
    // Consumer mapping that would otherwise create the contact as a consumer customer.
    const shop = await world.newShop({ customers: { createUnknownInErp: true } });
    const made = await shop.gql(COMPANY_CREATE, {
      input: {
        company: { name: "Acme Tools" },
        companyContact: { email: "buyer@acme.example", firstName: "Bo", lastName: "Berg" },
        companyLocation: {
          name: "Acme Berlin",
          shippingAddress: { address1: "Ufer 2", city: "Berlin", zip: "10117", countryCode: "DE" },
          billingSameAsShipping: true,
        },
      },
    });
    expect(made.companyCreate.userErrors).toEqual([]);
    const company = made.companyCreate.company;
    const locationId = company.locations.nodes[0].id as string;
    const variants = (await shop.gql(`{ productVariants(first: 1) { nodes { id } } }`)).productVariants.nodes;
    const placed = await shop.gql(ORDER_CREATE, {
      order: {
        companyLocationId: locationId,
        customer: { toAssociate: { id: company.contacts.nodes[0].customer.id } },
        financialStatus: "PAID",
        lineItems: [{ variantId: variants[0].id, quantity: 2 }],
      },
    });
    expect(placed.orderCreate.userErrors).toEqual([]);
    const name = placed.orderCreate.order.name as string;
    const customersBefore = shop.company.customers.all().length;
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();

    const [order] = await db.sql<
      Array<{ id: number; status: string; waiting_on: string | null; status_reason: string | null }>
    >`
      select id::int, status, waiting_on, status_reason from orders where shop_id = ${shop.shopId} and name = ${name}`;
    expect(order).toMatchObject({ status: "unprocessed", waiting_on: "unmapped_customer" });
    expect(shop.company.customers.all().length).toBe(customersBefore);
    expect(shop.company.salesOrders.all().some((o) => o.externalDocumentNumber === name)).toBe(false);
    const open = await db.sql`select entity, shopify_id, label from unmapped_records
      where shop_id = ${shop.shopId} and resolved_at is null`;
    expect(open).toEqual([{ entity: "company", shopify_id: locationId, label: "Acme Tools – Acme Berlin (B2B)" }]);

    // The company's ERP customer, linked to the company: the location buys as its company.
    const erpNumber = shop.company.customers.all()[0]!.number;
    await upsertCustomerLink(getDb(), {
      shopId: shop.shopId,
      shopifyCustomerId: company.id,
      erpCustomerNumber: erpNumber,
      source: "merchant",
    });
    await enqueueOrderProcessing(getDb(), { shopId: shop.shopId, orderIds: [order!.id], trigger: "manual" });
    await world.runAllJobs();
    const [after] = await db.sql`select status, error_message, status_reason from orders where id = ${order!.id}`;
    expect(after, JSON.stringify(after)).toMatchObject({ status: "processed" });
    const salesOrder = shop.company.salesOrders.all().find((o) => o.externalDocumentNumber === name);
    expect(salesOrder?.customerNumber).toBe(erpNumber);
  });

  it("is released by mapping its company location from the unmapped companies list", async () => {
    const shop = await world.newShop();
    const made = await shop.gql(COMPANY_CREATE, {
      input: {
        company: { name: "Birch Supply" },
        companyContact: { email: "ops@birch.example", firstName: "Ada", lastName: "Birch" },
        companyLocation: {
          name: "Birch Depot",
          shippingAddress: { address1: "Weg 9", city: "Köln", zip: "50667", countryCode: "DE" },
          billingSameAsShipping: true,
        },
      },
    });
    expect(made.companyCreate.userErrors).toEqual([]);
    const company = made.companyCreate.company;
    const variants = (await shop.gql(`{ productVariants(first: 1) { nodes { id } } }`)).productVariants.nodes;
    const placed = await shop.gql(ORDER_CREATE, {
      order: {
        companyLocationId: company.locations.nodes[0].id,
        customer: { toAssociate: { id: company.contacts.nodes[0].customer.id } },
        financialStatus: "PAID",
        lineItems: [{ variantId: variants[0].id, quantity: 1 }],
      },
    });
    const name = placed.orderCreate.order.name as string;
    await reconcileOrders(shop.shopId);
    await world.runAllJobs();
    const [record] = await db.sql<Array<{ id: number }>>`select id::int from unmapped_records
      where shop_id = ${shop.shopId} and entity = 'company' and resolved_at is null`;
    const erpNumber = shop.company.customers.all()[1]!.number;
    const form = new FormData();
    form.set("intent", "map");
    form.set("recordId", String(record!.id));
    form.set("number", erpNumber);
    expect(await handleUnmappedAction(shop.shopId, "companies", form)).toMatchObject({
      intent: "map",
      result: { ok: true, message: `Company location mapped to ERP customer ${erpNumber}.`, ordersQueued: 1 },
    });
    await world.runAllJobs();
    const salesOrder = shop.company.salesOrders.all().find((o) => o.externalDocumentNumber === name);
    expect(salesOrder?.customerNumber).toBe(erpNumber);
  });
});
