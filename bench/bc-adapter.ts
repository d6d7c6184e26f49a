/**
 * The Business Central adapter against the sandbox BC over HTTP: how fast a full pull of item
 * variants drains at several page sizes, and how many sales orders per second go in with the
 * sandbox enforcing BC's 5 concurrent requests (each create = search by external document
 * number in orders, invoices and shipments + one deep insert). Median of 5 runs each. The sandbox
 * adds BENCH_BC_LATENCY_MS (default 50) to every request, standing in for the network and BC's own
 * work; without it the in-process server answers in microseconds and nothing ever overlaps.
 */
import { systemClock } from "../app/.server/adapters/clock.ts";
import { createBusinessCentralAdapter } from "../app/.server/adapters/erp/business-central/create-adapter.ts";
import { BcThrottleRegistry } from "../app/.server/adapters/erp/business-central/throttle.ts";
import type { ErpAdapter } from "../app/.server/adapters/erp/port.ts";
import { createBusinessCentralSandbox } from "../sandbox/business-central/create-server.ts";
import { generateSeedCatalog } from "../sandbox/shopify/seed/generate-seed-catalog.ts";
import { percentile, round } from "./stats.ts";

const TENANT = "bench-tenant";
const ENV = "production";
const CLIENT = { clientId: "bench-client", clientSecret: "bench-secret" };
const PRODUCTS = Number(process.env.BENCH_BC_PRODUCTS ?? 1000);
const ORDERS = Number(process.env.BENCH_BC_ORDERS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_BC_LATENCY_MS ?? 50);

const bc = await createBusinessCentralSandbox({ port: 0 });
bc.addTenant({ tenantId: TENANT, environment: ENV, clients: [CLIENT] });
const companyId = bc.addCompany(TENANT, ENV, { name: "BENCH" }).info.id;
const seedOptions = { seed: 7, products: PRODUCTS, variantsPerProduct: 3, customers: 20 };
bc.seed(TENANT, ENV, companyId, seedOptions);
const catalog = generateSeedCatalog(seedOptions);
bc.setKnobs({ latencyMs: LATENCY_MS });
const throttles = new BcThrottleRegistry(systemClock);
const adapter = (): ErpAdapter =>
  createBusinessCentralAdapter(
    {
      apiBaseUrl: bc.apiBaseUrl(TENANT, ENV),
      auth: { kind: "oauth", tokenUrl: bc.tokenUrl(TENANT), ...CLIENT },
      companyId,
    },
    { throttles },
  );

async function medianOf(runs: number, run: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await run());
  return percentile(samples, 50);
}

async function fullPull(pageSize: number): Promise<{ records: number; ms: number }> {
  const erp = adapter();
  let cursor: string | null = null;
  let records = 0;
  const started = performance.now();
  for (;;) {
    const page: Awaited<ReturnType<ErpAdapter["pull"]>> = await erp.pull("itemVariants", { cursor, pageSize });
    records += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { records, ms: performance.now() - started };
}

try {
  const pulls = [];
  for (const pageSize of [100, 1000, 20000]) {
    let records = 0;
    const ms = await medianOf(5, async () => {
      const result = await fullPull(pageSize);
      records = result.records;
      return result.ms;
    });
    pulls.push({
      pageSize,
      "latency ms": LATENCY_MS,
      records,
      "median ms": round(ms),
      "records/s": round((records / ms) * 1000, 0),
    });
  }
  console.table(pulls);

  const product = catalog.products[0]!;
  const variant = product.variants[0]!;
  const customerNumber = "C00010";
  let next = 0;
  const latencies: number[] = [];
  const erp = adapter();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < ORDERS) {
        const n = next++;
        const t0 = performance.now();
        const result = await erp.createSalesDocument({
          type: "order",
          externalDocumentNumber: `#B${n}`,
          customerNumber,
          pricesIncludeTax: false,
          orderDate: "2026-11-27",
          addresses: {},
          lines: [
            {
              type: "item",
              number: product.itemNo,
              ...(variant.variantCode ? { variantCode: variant.variantCode } : {}),
              quantity: 1,
              unitPrice: "10",
            },
          ],
        });
        if (!result.created) throw new Error(`order #B${n} already existed`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.table([
    {
      "sales orders": ORDERS,
      "latency ms": LATENCY_MS,
      "callers in flight": 20,
      "orders/s": round(ORDERS / seconds, 1),
      "p50 ms": round(percentile(latencies, 50)),
      "p99 ms": round(percentile(latencies, 99)),
      "max concurrent seen by BC": bc.requestLog.maxOverlap(),
    },
  ]);
} finally {
  await bc.close();
}
