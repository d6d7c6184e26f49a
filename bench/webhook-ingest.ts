/**
 * Webhook ingestion: signed `orders/create` deliveries over HTTP to the running app (production
 * build, embedded Postgres), sequentially and concurrently; then how long the worker takes to
 * apply them all. Each order gets two deliveries (a Shopify-style duplicate) to include replays.
 */
import { createHmac, randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import { startDemo } from "../scripts/demo/start-demo.ts";
import { percentile, round } from "./stats.ts";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench");
const ORDERS = Number(process.env.BENCH_ORDERS ?? 2000);

await rm(dataDir, { recursive: true, force: true });
const demo = await startDemo({ root, dataDir, appPort: 0, sandboxPort: 0, log: () => {} });
const sql = postgres(demo.info.databaseUrl, { max: 2, onnotice: () => {} });
const { shop, apiSecret } = demo.info.shopify;

let nextOrder = 1;
async function deliver(webhookId: string, orderId: number): Promise<number> {
  const body = JSON.stringify({
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${orderId}`,
    updated_at: new Date().toISOString(),
  });
  const started = performance.now();
  const response = await fetch(`${demo.info.appUrl}/webhooks/orders/create`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", apiSecret).update(body).digest("base64"),
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`delivery answered ${response.status}`);
  return performance.now() - started;
}

async function run(label: string, orders: number, concurrency: number) {
  const latencies: number[] = [];
  const started = performance.now();
  let remaining = orders;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining-- > 0) {
        const orderId = nextOrder++;
        const webhookId = randomUUID();
        latencies.push(await deliver(webhookId, orderId));
        latencies.push(await deliver(webhookId, orderId)); // Shopify's duplicate: acknowledged, ignored
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    label,
    deliveries: latencies.length,
    "p50 ms": round(percentile(latencies, 50), 2),
    "p99 ms": round(percentile(latencies, 99), 2),
    "deliveries/s": round(latencies.length / seconds, 0),
  };
}

try {
  await run("warm-up", 50, 4);
  const results = [await run("sequential", ORDERS / 2, 1), await run("16 concurrent", ORDERS / 2, 16)];
  const drainStarted = performance.now();
  for (;;) {
    const [row] = await sql<
      { pending: number }[]
    >`select count(*)::int as pending from webhook_inbox where status <> 'processed'`;
    if (row?.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  const [orders] = await sql<{ n: number }[]>`select count(*)::int as n from orders`;
  const [inbox] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_inbox`;
  console.table(results);
  console.log(
    `inbox rows: ${inbox?.n} (one per delivery id), orders: ${orders?.n}; worker caught up ${round(drainSeconds, 2)} s after the last delivery`,
  );
} finally {
  await sql.end();
  await demo.stop();
}
