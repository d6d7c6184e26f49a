import { Logger, runOnce, type TaskList } from "graphile-worker";

import { getDb } from "../../../app/.server/db.ts";
import { type ShopSettings, shopSettingsSchema } from "../../../app/.server/domain/settings-schema.ts";
import { markShopInstalled, saveShopSettings } from "../../../app/.server/queries/shops.ts";
import { sessions } from "../../../db/schema/sessions.ts";
import type { PlanName, SandboxEvent } from "../../../sandbox/shopify/contracts.ts";
import { createShopifyEngine } from "../../../sandbox/shopify/engine/create-engine.ts";
import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";
import { taskList } from "../../../worker/task-list.ts";
import type { TestDatabase } from "../../setup/test-database.ts";
import { testEnv } from "../../setup/test-env.ts";

/**
 * The sandbox store on the real clock (the reconcile's cursor compares Shopify's updatedAt with
 * our own time), over HTTP, with our app installed; no webhook subscriptions, so nothing reaches
 * the app unless a test delivers the recorded events itself.
 */
export async function startOrdersSandbox() {
  const engine = createShopifyEngine();
  const server = await createShopifySandboxServer({ engine, port: 0 });
  server.registerApp({
    apiKey: testEnv.SHOPIFY_API_KEY,
    apiSecret: testEnv.SHOPIFY_API_SECRET,
    appUrl: testEnv.SHOPIFY_APP_URL,
    scopes: ["read_orders", "write_orders", "read_products"],
  });
  const events: SandboxEvent[] = [];
  engine.onEvent((event) => events.push(event));
  // The app reaches the sandbox through configuration only, as in the demo.
  process.env.SHOPIFY_SANDBOX_URL = server.url;

  /** A new shop with products and customers, the app installed and its offline session stored. */
  async function newShop(
    name: string,
    settings: Partial<Record<keyof ShopSettings, unknown>> = {},
    options: { plan?: PlanName } = {},
  ) {
    const domain = `${name}.myshopify.com`;
    engine.createShop({ domain, name, plan: options.plan ?? "plus", currencyCode: "EUR" });
    engine.seed(domain, { products: 4, variantsPerProduct: 2, customers: 3, orders: 0 });
    const { accessToken } = server.installApp(domain, testEnv.SHOPIFY_API_KEY);
    const shopId = await markShopInstalled(getDb(), { domain, scopes: "read_orders,write_orders", at: new Date() });
    await getDb()
      .insert(sessions)
      .values({ id: `offline_${domain}`, shop: domain, state: "", isOnline: false, accessToken, scope: "read_orders" });
    await saveShopSettings(getDb(), shopId, shopSettingsSchema.parse(settings));
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await engine.execute({ shop: domain, apiKey: "test-harness", query, variables });
      const body = response.body as { data?: Record<string, any>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    return { shopId, domain, gql, events: () => events.filter((e) => e.shop === domain) };
  }

  return { engine, server, events, newShop, close: () => server.close() };
}

export const ORDER_CREATE = `mutation OrderCreate($order: OrderCreateOrderInput!) {
  orderCreate(order: $order) { order { id name updatedAt } userErrors { field message } }
}`;

export function orderInput(overrides: Record<string, unknown> = {}) {
  return {
    email: "buyer@example.com",
    financialStatus: "PAID",
    lineItems: [
      { variantId: "gid://shopify/ProductVariant/1001", quantity: 2 },
      { variantId: "gid://shopify/ProductVariant/1002", quantity: 1 },
    ],
    shippingLines: [
      { title: "Express", code: "EXP", priceSet: { shopMoney: { amount: "7.50", currencyCode: "EUR" } } },
    ],
    transactions: [
      {
        kind: "SALE",
        status: "SUCCESS",
        gateway: "manual",
        amountSet: { shopMoney: { amount: "10.00", currencyCode: "EUR" } },
      },
    ],
    ...overrides,
  };
}

const importTasks: TaskList = {
  webhook__process: taskList.webhook__process!,
  orders__import: taskList.orders__import!,
  orders__reconcile: taskList.orders__reconcile!,
};

/**
 * Runs the webhook and import jobs until none is left, making delayed ones (the import's batching
 * delay) due at once. Order processing is left queued: these tests only look at its jobs.
 */
export async function drainImportJobs(db: TestDatabase): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    await db.sql`update graphile_worker._private_jobs set run_at = now() where run_at > now()`;
    await runOnce({
      connectionString: db.url,
      taskList: importTasks,
      logger: new Logger(() => () => {}),
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    const [left] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs
      where task_identifier in ('webhook__process', 'orders__import', 'orders__reconcile') and attempts < max_attempts`;
    if (left!.n === 0) return;
  }
  throw new Error("import jobs did not settle");
}
