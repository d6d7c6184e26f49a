import { afterAll, beforeAll, expect, it } from "vitest";

import { AdminClient } from "../../../app/.server/adapters/shopify/admin-client.ts";
import { adminGraphqlEndpoint } from "../../../app/.server/adapters/shopify/endpoint.ts";
import { processOrder } from "../../../app/.server/tasks/orders-process/process-order.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";
import { type TestDatabase, useTestDatabase } from "../../setup/test-database.ts";
import { importedOrder } from "../../unit/orders-process/imported-order-factory.ts";
import { connectedShop, insertOrder, setShopSettings, startBusinessCentral } from "./harness.ts";

const APP = { apiKey: "write-back-key", apiSecret: "write-back-secret" };
let db: TestDatabase;
let bc: BusinessCentralSandbox;
let shopify: Awaited<ReturnType<typeof createShopifySandboxServer>>;

beforeAll(async () => {
  bc = await startBusinessCentral();
  shopify = await createShopifySandboxServer({ engine: createShopifyEngine(), port: 0 });
  // Set before the database (which resets the parsed configuration) so the app reaches the sandbox.
  process.env.SHOPIFY_SANDBOX_URL = shopify.url;
  db = await useTestDatabase();
});
afterAll(async () => {
  await shopify.close();
  await bc.close();
});

it("writes the ERP document number to the Shopify order as a metafield", async () => {
  const { shopId } = await connectedShop(bc);
  const [shop] = await db.sql<{ domain: string }[]>`select domain from shops where id = ${shopId}`;
  const domain = shop!.domain;
  shopify.engine.createShop({ domain, name: "Write-back", plan: "standard", currencyCode: "USD" });
  shopify.registerApp({ ...APP, appUrl: "http://127.0.0.1:1", scopes: ["read_orders", "write_orders"] });
  const { accessToken } = shopify.installApp(domain, APP.apiKey);
  await db.sql`insert into sessions (id, shop, state, "isOnline", "accessToken", scope)
    values (${`offline_${domain}`}, ${domain}, 'x', false, ${accessToken}, 'read_orders,write_orders')`;
  const admin = new AdminClient({
    shop: domain,
    accessToken,
    endpoint: adminGraphqlEndpoint(domain, { sandboxOrigin: shopify.url }),
  });
  const created = await admin.query<{ orderCreate: { order: { id: string; name: string } } }>(
    `mutation { orderCreate(order: { email: "liam.garcia.001@example.com", lineItems: [{ title: "Tee", quantity: 1, priceSet: { shopMoney: { amount: "10.00", currencyCode: USD } } }] }) { order { id name } userErrors { field message } } }`,
    {},
  );
  const { id, name } = created.orderCreate.order;
  await setShopSettings(shopId, { orders: { writeBackDocumentNo: true } });
  const orderId = await insertOrder(shopId, importedOrder({ shopifyOrderId: id, name }));

  const outcome = await processOrder(shopId, orderId);
  expect(outcome).toMatchObject({ kind: "processed" });
  const read = await admin.query<{ order: { metafield: { value: string } | null } }>(
    `query($id: ID!) { order(id: $id) { metafield(namespace: "erp_connector", key: "document_number") { value } } }`,
    { id },
  );
  expect(read.order.metafield?.value).toBe(outcome.kind === "processed" ? outcome.documentNumber : "?");
  const events =
    await db.sql`select kind from order_events where shop_id = ${shopId} and order_id = ${orderId} order by id`;
  expect(events.map((e) => e.kind)).toEqual(["processing", "processed", "written_back"]);
});
