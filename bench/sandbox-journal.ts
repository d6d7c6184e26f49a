/**
 * What the sandboxes' journals cost: requests/s of a burst of orderCreate (Admin GraphQL over
 * HTTP, 8 callers, one app each so no caller waits on another's bucket) and of BC salesOrders
 * POST (deep insert of one line, 5 callers: BC's concurrency limit), in memory and on a journal.
 * Two bursts each, the second on the store the first filled, since a flush scans the shop's records.
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { createBusinessCentralSandbox } from "../sandbox/business-central/create-server.ts";
import { createShopifyEngine } from "../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal } from "../sandbox/shopify/engine/snapshot-journal.ts";
import { createShopifySandboxServer } from "../sandbox/shopify/server/create-server.ts";
import { round } from "./stats.ts";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 4000);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 2000);
const SHOP = "bench-shop.myshopify.com";
const dir = mkdtempSync(path.join(tmpdir(), "sandbox-journal-bench-"));

async function burst(total: number, callers: number, send: (caller: number, n: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (next < total) await send(caller, next++);
    }),
  );
  return round(total / ((performance.now() - started) / 1000), 0);
}

async function shopify(journal: boolean): Promise<number[]> {
  const files = { snapshotFile: path.join(dir, "shopify.json"), journalFile: path.join(dir, "shopify.journal") };
  const persistence = journal ? await openShopifyJournal(createShopifyEngine(), files) : null;
  const engine = persistence?.engine ?? createShopifyEngine();
  engine.createShop({ domain: SHOP, plan: "plus" });
  engine.seed(SHOP, { seed: 1 });
  const server = await createShopifySandboxServer({ engine });
  const tokens = Array.from({ length: 8 }, (_, i) => {
    const apiKey = `bench-app-${i}`;
    server.registerApp({ apiKey, apiSecret: "secret", appUrl: "http://127.0.0.1:1", scopes: [], webhooks: [] });
    return server.installApp(SHOP, apiKey).accessToken;
  });
  const variants = [...engine.shopState(SHOP)!.variants.keys()];
  const url = `${server.url}/admin/api/2026-10/graphql.json`;
  const query = `mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`;
  const send = async (caller: number, n: number) => {
    const variantId = `gid://shopify/ProductVariant/${variants[n % variants.length]}`;
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": tokens[caller]! },
      body: JSON.stringify({
        query,
        variables: { order: { email: "b@example.com", lineItems: [{ variantId, quantity: 1 }] } },
      }),
    });
    const body = (await res.json()) as { data?: { orderCreate?: { order?: unknown } } };
    if (!body.data?.orderCreate?.order) throw new Error(`orderCreate: ${JSON.stringify(body)}`);
  };
  const rates = [await burst(ORDERS, 8, send), await burst(ORDERS, 8, send)];
  await server.close();
  persistence?.close();
  return rates;
}

async function businessCentral(journal: boolean): Promise<number[]> {
  const files = { snapshotFile: path.join(dir, "bc.json"), journalFile: path.join(dir, "bc.journal") };
  const bc = await createBusinessCentralSandbox(journal ? { persistence: files } : {});
  const client = { clientId: "bench", clientSecret: "secret" };
  bc.addTenant({ tenantId: "t", environment: "production", clients: [client] });
  const company = bc.addCompany("t", "production", { name: "CRONUS" });
  bc.seed("t", "production", company.info.id, { seed: 1 });
  bc.setKnobs({ rateLimitPerWindow: 1_000_000 });
  const tokenRes = await fetch(bc.tokenUrl("t"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: "https://api.businesscentral.dynamics.com/.default",
    }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const items = company.items.all();
  const url = `${bc.apiBaseUrl("t", "production")}/companies(${company.info.id})/salesOrders`;
  const send = async (_caller: number, n: number) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        customerNumber: "C00010",
        externalDocumentNumber: `#${n}`,
        salesOrderLines: [{ lineType: "Item", itemId: items[n % items.length]!.id, quantity: 1, unitPrice: 5 }],
      }),
    });
    if (res.status !== 201) throw new Error(`salesOrders POST ${res.status}: ${await res.text()}`);
  };
  const rates = [await burst(DOCUMENTS, 5, send), await burst(DOCUMENTS, 5, send)];
  await bc.close();
  return rates;
}

try {
  const rows = [];
  for (const journal of [false, true]) {
    const [ordersFirst, ordersSecond] = await shopify(journal);
    const [docsFirst, docsSecond] = await businessCentral(journal);
    rows.push({
      mode: journal ? "journal" : "memory",
      [`orderCreate/s (0→${ORDERS})`]: ordersFirst,
      [`orderCreate/s (${ORDERS}→${2 * ORDERS})`]: ordersSecond,
      [`salesOrders POST/s (0→${DOCUMENTS})`]: docsFirst,
      [`salesOrders POST/s (${DOCUMENTS}→${2 * DOCUMENTS})`]: docsSecond,
    });
  }
  console.table(rows);
} finally {
  await rm(dir, { recursive: true, force: true });
}
