/**
 * "Sync customers", first import of all customers: BENCH_CUSTOMERS (default 50,000) Shopify
 * customers seeded in the store, none in the Business Central company, "All customers" with
 * "Create unknown customers" on, through the real worker in its own process. Reports the wall
 * time, the Admin API points and calls (the read is one bulk query), the ERP requests against the
 * minimum (one POST per customer: the mirror answers the look by e-mail) and against BC's budget
 * (6,000 requests per 5 minutes per user: the floor on the wall time), and the worker's RSS.
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import { DEMO_BC } from "../scripts/demo/business-central.ts";
import { startDemo } from "../scripts/demo/start-demo.ts";
import { rssMiB, startWorkerProcess } from "./bench-process.ts";
import { percentile, round } from "./stats.ts";

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
/** BC online: 6,000 requests per 5-minute window per principal. */
const BC_BUDGET_PER_S = 6_000 / 300;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-customers");

await rm(dataDir, { recursive: true, force: true });
const demo = await startDemo({
  root,
  dataDir,
  appPort: 0,
  sandboxPort: 0,
  businessCentralPort: 0,
  workerConcurrency: 0,
  log: () => {},
});
const sql = postgres(demo.info.databaseUrl, { max: 2, onnotice: () => {} });
const { getDb } = await import("../app/.server/db.ts");
const { saveConnectionForm } = await import("../app/.server/erp/connections.ts");
const { getShopSettings, saveShopSettings } = await import("../app/.server/queries/shops.ts");
const { shopSettingsSchema } = await import("../app/.server/domain/settings-schema.ts");
const { enqueueRun } = await import("../app/.server/runs/enqueue-run.ts");
const { customersSyncTask } = await import("../app/.server/tasks/customers-sync/task.ts");
const { installOfflineSession } = await import("../scripts/demo/install-session.ts");

const apiKey = demo.info.adminUrl.split("/apps/")[1] ?? "";
const scopes = ["read_customers", "write_customers"];

async function benchShop() {
  const domain = `bench-customers-${randomUUID().slice(0, 6)}.myshopify.com`;
  demo.sandbox.engine.createShop({ domain, name: "Bench customers", plan: "standard" });
  demo.sandbox.engine.seed(domain, { seed: 11, products: 1, variantsPerProduct: 1, customers: CUSTOMERS, orders: 0 });
  const { accessToken } = demo.sandbox.installApp(domain, apiKey);
  await installOfflineSession({ shop: domain, accessToken, scopes });
  const companyId = randomUUID();
  demo.businessCentral.addCompany(DEMO_BC.tenant, DEMO_BC.environment, {
    id: companyId,
    name: "BENCH CUSTOMERS",
    displayName: "Bench customers",
  });
  const [row] = await sql<{ id: number }[]>`select id from shops where domain = ${domain}`;
  const shopId = Number(row!.id);
  const connected = await saveConnectionForm(shopId, {
    mode: "online",
    tenant: DEMO_BC.tenant,
    environment: DEMO_BC.environment,
    clientId: demo.info.businessCentral.clientId,
    clientSecret: demo.info.businessCentral.clientSecret,
    companyId,
  });
  if (!connected.ok) throw new Error(connected.message);
  const settings = await getShopSettings(getDb(), shopId);
  await saveShopSettings(
    getDb(),
    shopId,
    shopSettingsSchema.parse({
      ...settings,
      logging: "all",
      customers: { ...settings.customers, import: "all", createUnknownInErp: true },
    }),
  );
  return { domain, shopId, companyId };
}

/** The task and its continuations (a first import is a chain of runs of 5,000) until none is left. */
async function runToEnd(shopId: number, minutes: number) {
  const since = new Date();
  await enqueueRun(getDb(), customersSyncTask, { shopId, trigger: "manual" });
  const deadline = Date.now() + minutes * 60_000;
  for (;;) {
    const [state] = await sql<{ open: number; jobs: number; finished: number }[]>`
      select count(*) filter (where status in ('queued', 'running', 'retrying'))::int as open,
        (select count(*)::int from graphile_worker.jobs where task_identifier = ${customersSyncTask.name}
          and queue_name = ${`customers:${shopId}`}) as jobs,
        count(*) filter (where status not in ('queued', 'running', 'retrying'))::int as finished
      from task_runs where shop_id = ${shopId} and task = ${customersSyncTask.name} and queued_at >= ${since}`;
    if (state!.finished > 0 && state!.open === 0 && state!.jobs === 0) break;
    if (Date.now() > deadline) throw new Error(`${customersSyncTask.name} not done after ${minutes} min`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const runs = await sql<{ status: string; summary: string | null }[]>`
    select status, summary from task_runs where shop_id = ${shopId} and task = ${customersSyncTask.name}
      and queued_at >= ${since} order by id`;
  return { ms: Date.now() - since.getTime(), since, until: new Date(), runs };
}

async function calls(shopId: number, since: Date, until: Date) {
  const [row] = await sql<{ shopify: number; points: number; erp: number; erp_writes: number; erp_errors: number }[]>`
    select count(*) filter (where system = 'shopify')::int as shopify,
      coalesce(sum(cost) filter (where system = 'shopify'), 0)::int as points,
      count(*) filter (where system = 'erp')::int as erp,
      count(*) filter (where system = 'erp' and method <> 'GET')::int as erp_writes,
      count(*) filter (where system = 'erp' and is_error)::int as erp_errors
    from api_log_entries where shop_id = ${shopId} and created_at between ${since} and ${until}`;
  return row!;
}

const worker = startWorkerProcess(root, demo.info.databaseUrl);
try {
  const t = Date.now();
  const shop = await benchShop();
  console.log(`Seeded ${CUSTOMERS} customers in ${round((Date.now() - t) / 1000, 1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const rss: number[] = [await rssMiB(worker.pid)];
  const sampler = setInterval(() => void rssMiB(worker.pid).then((r) => rss.push(r)), 2_000);
  const run = await runToEnd(shop.shopId, 24 * 60);
  clearInterval(sampler);
  const used = await calls(shop.shopId, run.since, run.until);
  const [linked] = await sql<{ n: number }[]>`
    select count(*)::int as n from shopify_customers where shop_id = ${shop.shopId} and state = 'linked'`;
  const minimum = CUSTOMERS;
  const floorS = used.erp / BC_BUDGET_PER_S;
  console.log(`Last run: ${run.runs.at(-1)?.status}: ${run.runs.at(-1)?.summary}`);
  console.table([
    {
      customers: CUSTOMERS,
      linked: linked!.n,
      runs: run.runs.length,
      "wall s": round(run.ms / 1000, 1),
      "Shopify calls": used.shopify,
      "Shopify points": used.points,
      "ERP requests": used.erp,
      "ERP writes": used.erp_writes,
      "ERP errors": used.erp_errors,
      "ERP requests / minimum": round(used.erp / minimum, 2),
      "BC budget floor s": round(floorS, 1),
      "wall / budget floor": round(run.ms / 1000 / Math.max(floorS, 0.001), 2),
    },
  ]);
  console.log(
    `Worker RSS: start ${round(rss[0]!, 0)} MiB, median ${round(percentile(rss, 50), 0)} MiB, max ${round(Math.max(...rss), 0)} MiB`,
  );
} finally {
  await worker.stop();
  await sql.end();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
