import { randomUUID } from "node:crypto";

import { and, eq } from "drizzle-orm";

import { getDb } from "../../../app/.server/db.ts";
import { saveConnectionForm } from "../../../app/.server/erp/connections.ts";
import { ensureShop, saveShopSettings } from "../../../app/.server/queries/shops.ts";
import type { ImportedOrder } from "../../../app/.server/tasks/orders-sync/imported-order.ts";
import { orders } from "../../../db/schema/orders.ts";
import { createBusinessCentralSandbox } from "../../../sandbox/business-central/create-server.ts";
import type { BusinessCentralSandbox } from "../../../sandbox/business-central/sandbox-api.ts";
import { settings as buildSettings } from "../../unit/orders-process/imported-order-factory.ts";

const ENV = "Production";
const CLIENT = { clientId: "22222222-3333-4444-5555-666666666666", clientSecret: "orders-process-secret" };

export async function startBusinessCentral(): Promise<BusinessCentralSandbox> {
  const bc = await createBusinessCentralSandbox();
  // The app reaches the sandbox through configuration only, as in the demo.
  process.env.BUSINESS_CENTRAL_SANDBOX_URL = bc.url;
  return bc;
}

/**
 * A shop connected to its own BC tenant and company, seeded like the Shopify sandbox (items 10001…
 * with variants V01…, customers C00010…, locations MAIN/EAST/WEST) plus a single-variant item 20001.
 */
export async function connectedShop(bc: BusinessCentralSandbox, settings: Parameters<typeof buildSettings>[0] = {}) {
  const tenant = `t-${randomUUID().slice(0, 8)}.onmicrosoft.com`;
  bc.addTenant({ tenantId: tenant, environment: ENV, clients: [CLIENT] });
  const company = bc.addCompany(tenant, ENV, { name: "CRONUS" });
  bc.seed(tenant, ENV, company.info.id, { products: 2, variantsPerProduct: 3, locations: 3, customers: 3 });
  // The order factory's buyer is this customer (C00010), by e-mail and phone.
  const first = company.customers.all().find((c) => c.number === "C00010")!;
  company.customers.update(first.id, { email: "liam.garcia.001@example.com", phoneNumber: "+1 555 893 9741" });
  const template = company.items.all()[0]!;
  company.items.insert({ ...template, id: randomUUID(), number: "20001", displayName: "Water Bottle", gtin: "" });
  const db = getDb();
  const shopId = await ensureShop(db, `${tenant.slice(0, 10)}.myshopify.com`);
  await saveShopSettings(db, shopId, shopSettings(settings));
  const saved = await saveConnectionForm(shopId, {
    mode: "online",
    tenant,
    environment: ENV,
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    companyId: company.info.id,
  });
  if (!saved.ok) throw new Error(saved.message);
  return { shopId, company };
}

/** Test defaults: shipping account set, no write-back (no Shopify store in most tests). */
export function shopSettings(overrides: Parameters<typeof buildSettings>[0] = {}) {
  return buildSettings({
    ...overrides,
    orders: { shippingChargesAccount: "6810", writeBackDocumentNo: false, ...overrides.orders },
  });
}

export async function setShopSettings(shopId: number, overrides: Parameters<typeof buildSettings>[0]) {
  await saveShopSettings(getDb(), shopId, shopSettings(overrides));
}

/** An imported order row, as the import helper writes it. */
export async function insertOrder(shopId: number, order: ImportedOrder): Promise<number> {
  const [row] = await getDb()
    .insert(orders)
    .values({ shopId, shopifyOrderId: order.shopifyOrderId, name: order.name, snapshot: order })
    .returning({ id: orders.id });
  return row!.id;
}

export async function orderRow(shopId: number, orderId: number) {
  const [row] = await getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
  return row!;
}

export { drainJobs } from "../../support/worker.ts";
