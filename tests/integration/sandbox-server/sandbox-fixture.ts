import { createShopifySandboxServer } from "../../../sandbox/shopify/server/create-server.ts";
import { createStubEngine } from "./stub-engine.ts";

export const SHOP = "demo-shop.myshopify.com";
export const APP = { apiKey: "sandbox-api-key", apiSecret: "sandbox-api-secret" };

/** A sandbox server on an ephemeral port with a stub engine, one shop and one registered app. */
export async function startSandbox(options: { appUrl?: string; webhookTopics?: string[] } = {}) {
  const stub = createStubEngine();
  stub.engine.createShop({ domain: SHOP });
  const server = await createShopifySandboxServer({ engine: stub.engine, port: 0, webhookRetrySchedule: [20, 20, 20] });
  server.registerApp({
    ...APP,
    appUrl: options.appUrl ?? "http://127.0.0.1:1",
    scopes: ["read_products", "write_orders"],
    webhooks: [{ topics: options.webhookTopics ?? ["orders/create", "app/uninstalled"], uri: "/webhooks" }],
  });
  return { server, ...stub };
}

export async function graphql(origin: string, token: string | undefined, body: unknown, version = "2026-10") {
  const response = await fetch(`${origin}/admin/api/${version}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { "X-Shopify-Access-Token": token } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}
