/**
 * Orders from Shopify into the ERP, end to end: BENCH_ORDERS (default 5,000) orders created in the
 * sandbox store as fast as it accepts them (8 callers, through the store's own GraphQL engine under
 * another client's rate-limit bucket, as checkouts are: the app's bucket stays the app's), each
 * travelling webhook → inbox → import (read back over GraphQL) → processing → a sales order in the
 * sandbox Business Central (which enforces BC's 5 concurrent requests) → write-back of the
 * document number to Shopify. Reports orders/s into the ERP and p50/p99 from the moment Shopify
 * confirmed the order to the moment its ERP document was recorded.
 */
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import { AdminClient } from "../app/.server/adapters/shopify/admin-client.ts";
import { startDemo } from "../scripts/demo/start-demo.ts";
import { percentile, round } from "./stats.ts";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5000);
const CALLERS = 8;
const WORKERS = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 8);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-orders");

await rm(dataDir, { recursive: true, force: true });
const workerProblems: string[] = [];
const demo = await startDemo({
  root,
  dataDir,
  appPort: 0,
  sandboxPort: 0,
  businessCentralPort: 0,
  shopPlan: "plus",
  workerConcurrency: WORKERS,
  // Worker warnings and errors (failed attempts, retries) are kept: a straggler has a cause.
  log: (line) => {
    if (/worker (warning|error)/.test(line)) workerProblems.push(line);
  },
});
const sql = postgres(demo.info.databaseUrl, { max: 2, onnotice: () => {} });
const shopify = new AdminClient({
  shop: demo.info.shopify.shop,
  accessToken: demo.info.shopify.accessToken,
  endpoint: demo.info.shopify.adminApiUrl,
});

type Seeded = {
  productVariants: { nodes: Array<{ id: string }> };
  customers: { nodes: Array<{ id: string; email: string }> };
};
const seeded = await shopify.query<Seeded>(
  `query { productVariants(first: 30) { nodes { id } } customers(first: 10) { nodes { id email } } }`,
  {},
);
const variants = seeded.productVariants.nodes.map((v) => v.id);
const customers = seeded.customers.nodes;

/** Places an order the way a checkout does: in the store, outside the app's API bucket. */
async function placeOrder(order: Record<string, unknown>): Promise<string> {
  for (;;) {
    const response = await demo.sandbox.engine.execute({
      shop: demo.info.shopify.shop,
      apiKey: "bench-checkout",
      query: `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`,
      variables: { order },
    });
    const body = response.body as {
      data?: { orderCreate: { order: { name: string } | null; userErrors: unknown[] } };
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    if (body.errors?.[0]?.extensions?.code === "THROTTLED") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const created = body.data?.orderCreate;
    if (!created?.order) throw new Error(`orderCreate failed: ${JSON.stringify(body.errors ?? created?.userErrors)}`);
    return created.order.name;
  }
}

const createdAt = new Map<string, number>();
let next = 0;
const createStarted = performance.now();
try {
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (next < ORDERS) {
        const n = next++;
        const name = await placeOrder({
          // Known customers (as most online orders have): linked to their ERP customer once.
          customer: { toAssociate: { id: customers[n % customers.length]?.id } },
          financialStatus: "PAID",
          lineItems: [
            { variantId: variants[n % variants.length], quantity: 1 + (n % 3) },
            { variantId: variants[(n * 7 + 3) % variants.length], quantity: 1 },
          ],
        });
        createdAt.set(name, Date.now());
      }
    }),
  );
  const createSeconds = (performance.now() - createStarted) / 1000;

  const deadline = Date.now() + 20 * 60_000;
  let done = 0;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from orders where status = 'processed'`;
    done = row?.n ?? 0;
    if (done >= ORDERS) break;
    if (Date.now() % 10_000 < 500) console.log(`… ${done} of ${ORDERS} in the ERP`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const rows = await sql<{ name: string; processed_at: Date }[]>`
    select name, processed_at from orders where status = 'processed'`;
  const latencies = rows.flatMap((row) => {
    const created = createdAt.get(row.name);
    return created === undefined ? [] : [row.processed_at.getTime() - created];
  });
  const first = Math.min(...createdAt.values());
  const last = Math.max(...rows.map((row) => row.processed_at.getTime()));
  const [states] = await sql<{ unprocessed: number; error: number; waiting: number }[]>`
    select count(*) filter (where status = 'unprocessed')::int as unprocessed,
           count(*) filter (where status = 'error')::int as error,
           count(*) filter (where waiting_on is not null)::int as waiting
    from orders`;
  const bc = demo.businessCentral.company("demo-tenant", "production", "5a3e7c2d-0000-4000-8000-00000000c001");
  const documents = bc.salesOrders.all().length + bc.salesInvoices.all().length;
  console.table([
    {
      orders: ORDERS,
      "created/s (Shopify)": round(ORDERS / createSeconds, 1),
      "into ERP/s": round((rows.length / (last - first)) * 1000, 1),
      "p50 s": round(percentile(latencies, 50) / 1000, 2),
      "p99 s": round(percentile(latencies, 99) / 1000, 2),
      // The slowest order: a straggler that waited for a job retry shows here, not in p99 of 300.
      "max s": round(Math.max(...latencies) / 1000, 2),
      "ERP documents": documents,
      "BC max concurrent": demo.businessCentral.requestLog.maxOverlap(),
    },
  ]);
  console.log(`not processed: ${JSON.stringify(states)}; worker concurrency ${WORKERS}`);
  const slowest = rows
    .map((row) => ({ name: row.name, s: (row.processed_at.getTime() - (createdAt.get(row.name) ?? 0)) / 1000 }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 3);
  console.log(`slowest: ${slowest.map((o) => `${o.name} ${round(o.s, 1)} s`).join(", ")}`);
  console.log(`worker warnings/errors: ${workerProblems.length}`);
  for (const line of workerProblems.slice(0, 10)) console.log(`  ${line.slice(0, 300)}`);
} catch (error) {
  // Printed before cleanup: stopping the stack afterwards can bury the cause.
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await sql.end();
  await demo.stop();
}
