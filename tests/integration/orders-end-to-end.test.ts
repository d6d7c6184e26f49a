import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { countActivity } from "../../app/.server/queries/activity.ts";
import { reconcileOrders } from "../../app/.server/tasks/orders-sync/reconcile-orders.ts";
import { action as ordersCancelled } from "../../app/routes/webhooks.orders.cancelled.tsx";
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
 * The whole order path with nothing faked inside the app: the sandbox store's own webhook events
 * → the real webhook routes → inbox → graphile-worker → import (read back over GraphQL) →
 * processing → the sandbox Business Central over HTTP.
 */
let db: TestDatabase;
let store: Awaited<ReturnType<typeof startOrdersSandbox>>;
let bc: BusinessCentralSandbox;
const routes = { "orders/create": ordersCreate, "orders/updated": ordersUpdated, "orders/cancelled": ordersCancelled };

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

const runAllJobs = () => drainAllJobs(db);

async function deliver(shop: string, events: SandboxEvent[], times: number) {
  for (let copy = 0; copy < times; copy += 1) {
    for (const event of [...events].reverse()) {
      const route = routes[event.topic as keyof typeof routes];
      if (!route) continue;
      const request = webhookRequest({ topic: event.topic, shop, body: event.payload, webhookId: `${event.eventId}` });
      expect((await route({ request, params: {}, context: {} })).status).toBe(200);
    }
  }
}

describe("an order from the store to Business Central", () => {
  it("webhooks ten times over, reversed, with a reconcile at the same time, make exactly one ERP document", async () => {
    const shop = await store.newShop("chain", { allowBackgroundSyncs: true });
    const { company } = await connectToNewCompany(bc, shop.shopId, { tenant: "chain-tenant", name: "CHAIN" });

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

    await deliver(shop.domain, shop.events(), 10);
    await Promise.all([reconcileOrders(shop.shopId), runAllJobs()]);
    await runAllJobs();

    const documents = company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === name);
    expect(documents).toHaveLength(1);
    const [order] = await db.sql`select status, erp_document_number from orders where shop_id = ${shop.shopId}`;
    expect(order).toEqual({ status: "processed", erp_document_number: documents[0]!.number });
    expect(await db.sql`select count(*)::int as n from orders where shop_id = ${shop.shopId}`).toEqual([{ n: 1 }]);

    // Cancelled in Shopify after its ERP document was made: a conflict, the document left alone.
    const before = shop.events().length;
    const orderId = created.orderCreate.order.id as string;
    const cancelled = await shop.gql(
      `mutation Cancel($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, refund: false) { orderCancelUserErrors { message } } }`,
      { id: orderId },
    );
    expect(cancelled.orderCancel.orderCancelUserErrors).toEqual([]);
    await deliver(shop.domain, shop.events().slice(before), 2);
    await runAllJobs();

    const [conflicted] = await db.sql`select has_conflict, conflict_reason from orders where shop_id = ${shop.shopId}`;
    expect(conflicted?.has_conflict).toBe(true);
    expect(String(conflicted?.conflict_reason)).toMatch(/cancel/i);
    expect((await countActivity(getDb(), shop.shopId))["order-conflicts"]).toBe(1);
    expect(company.salesOrders.all().filter((doc) => doc.externalDocumentNumber === name)).toHaveLength(1);
  });
});
