/**
 * Shipments from the ERP back to Shopify: BENCH_SHIPMENTS (default 500) orders placed in the sandbox
 * store and processed into sales orders in the sandbox Business Central (as in the orders bench),
 * then all shipped in BC at once with a tracking number (half of them in two partial shipments), and
 * one "Sync shipments now". Reports fulfillments/s into Shopify, p50/p99 from the moment BC posted
 * the shipment to the moment its fulfillment was recorded, and the Shopify cost per shipment against
 * the shop's bucket (the ceiling is restore rate ÷ cost per shipment).
 */
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import { AdminClient } from "../app/.server/adapters/shopify/admin-client.ts";
import { DEMO_BC } from "../scripts/demo/business-central.ts";
import { startDemo } from "../scripts/demo/start-demo.ts";
import { percentile, round } from "./stats.ts";

const ORDERS = Number(process.env.BENCH_SHIPMENTS ?? 500);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-shipments");

await rm(dataDir, { recursive: true, force: true });
const demo = await startDemo({
  root,
  dataDir,
  appPort: 0,
  sandboxPort: 0,
  businessCentralPort: 0,
  shopPlan: "plus",
  log: () => {},
});
const sql = postgres(demo.info.databaseUrl, { max: 2, onnotice: () => {} });
const shopify = new AdminClient({
  shop: demo.info.shopify.shop,
  accessToken: demo.info.shopify.accessToken,
  endpoint: demo.info.shopify.adminApiUrl,
});

async function waitFor(what: string, query: () => Promise<number>, target: number, minutes: number) {
  const deadline = Date.now() + minutes * 60_000;
  let done = 0;
  while (Date.now() < deadline) {
    done = await query();
    if (done >= target) return;
    if (process.env.BENCH_VERBOSE && Date.now() % 10_000 < 250) console.log(`… ${what}: ${done} of ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const jobs =
    await sql`select task_identifier, attempts, last_error from graphile_worker.jobs where last_error is not null limit 5`;
  throw new Error(`${what}: ${done} of ${target} after ${minutes} min; failing jobs: ${JSON.stringify(jobs)}`);
}

try {
  type Seeded = { productVariants: { nodes: Array<{ id: string }> }; customers: { nodes: Array<{ id: string }> } };
  const seeded = await shopify.query<Seeded>(
    `query { productVariants(first: 30) { nodes { id } } customers(first: 10) { nodes { id } } }`,
    {},
  );
  const variants = seeded.productVariants.nodes.map((v) => v.id);
  for (let n = 0; n < ORDERS; n++) {
    for (;;) {
      const response = await demo.sandbox.engine.execute({
        shop: demo.info.shopify.shop,
        apiKey: "bench-checkout",
        query: `mutation Create($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { name } userErrors { message } } }`,
        variables: {
          order: {
            customer: { toAssociate: { id: seeded.customers.nodes[n % seeded.customers.nodes.length]?.id } },
            financialStatus: "PAID",
            lineItems: [
              { variantId: variants[n % variants.length], quantity: 2 },
              { variantId: variants[(n * 7 + 3) % variants.length], quantity: 1 },
            ],
          },
        },
      });
      const body = response.body as { errors?: Array<{ extensions?: { code?: string } }> };
      if (body.errors?.[0]?.extensions?.code !== "THROTTLED") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await waitFor(
    "orders into BC",
    async () => (await sql<{ n: number }[]>`select count(*)::int as n from orders where status = 'processed'`)[0]!.n,
    ORDERS,
    15,
  );

  // Ship everything in BC, as a warehouse would at the end of the day: every other order in two parts.
  const bc = demo.businessCentral;
  const company = bc.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
  const postedAt = new Map<string, number>();
  let shipments = 0;
  for (const [i, order] of company.salesOrders.all().entries()) {
    const lines = company.salesOrderLines.filter((l) => l.documentId === order.id && l.lineType === "Item");
    const parts =
      i % 2 === 0 && lines[0] && lines[0].quantity > 1 ? [{ lines: [{ lineId: lines[0].id, quantity: 1 }] }, {}] : [{}];
    for (const [p, part] of parts.entries()) {
      const shipment = bc.postShipment(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId, order.id, {
        ...part,
        packageTrackingNumber: `1Z${i}-${p}`,
        shippingAgentCode: "UPS",
      });
      postedAt.set(shipment.number, Date.now());
      shipments += 1;
    }
  }
  const [shop] = await sql<{ id: number }[]>`select id from shops where domain = ${demo.info.shopify.shop}`;
  // Log every Admin API call from here on, so the cost per shipment can be read back.
  await sql`update shops set settings = jsonb_set(settings, '{logging}', '"all"') where id = ${shop!.id}`;
  const startedAt = Date.now();
  await sql`select graphile_worker.add_job('shipments__sync', json_build_object('shopId', ${shop!.id}::int, 'trigger', 'manual'),
    queue_name := ${`shipments:${shop!.id}`}, job_key := ${`shipments__sync:${shop!.id}`})`;
  await waitFor(
    "shipments into Shopify",
    async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from shipments where status <> 'unprocessed'`)[0]!.n,
    shipments,
    20,
  );
  const rows = await sql<{ erp_shipment_no: string; status: string; synced_at: Date | null }[]>`
    select erp_shipment_no, status, synced_at from shipments`;
  const latencies = rows.flatMap((r) =>
    r.synced_at ? [r.synced_at.getTime() - postedAt.get(r.erp_shipment_no)!] : [],
  );
  const last = Math.max(...rows.map((r) => r.synced_at?.getTime() ?? 0));
  const [cost] = await sql<{ calls: number; points: number }[]>`
    select count(*)::int as calls, coalesce(sum(cost), 0)::int as points
    from api_log_entries where created_at >= ${new Date(startedAt)} and operation in ('OrderFulfillmentOrders', 'OrderFulfillments', 'ShipmentFulfillmentCreate', 'FulfillmentOrderLines')`;
  const [fulfilled] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders where snapshot->>'fulfillmentStatus' = 'FULFILLED'`;
  const synced = rows.filter((r) => r.status === "synced").length;
  console.table([
    {
      shipments,
      synced,
      "not synced": shipments - synced,
      "fulfillments/s": round((synced / (last - startedAt)) * 1000, 1),
      "p50 s": round(percentile(latencies, 50) / 1000, 2),
      "p99 s": round(percentile(latencies, 99) / 1000, 2),
      "orders FULFILLED (re-imported)": fulfilled?.n ?? 0,
    },
  ]);
  if (cost && cost.calls > 0) {
    console.log(
      `Shopify calls logged during the sync: ${cost.calls}, ${cost.points} points (${round(cost.points / shipments, 1)} per shipment)`,
    );
  }
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await sql.end();
  await demo.stop();
}
