/**
 * The catalog ERP → Shopify at scale: BENCH_ITEMS (default 10,000) Business Central items × 5
 * variants into an empty store, on the Standard and the Plus preset side by side (two shops of one
 * demo, each with its own BC company), through the real worker and "Sync products". Reports wall
 * time, Admin API points (from the API log) and the ratio of the time to the rate-limit floor
 * (points ÷ the plan's restore rate), the RSS of the worker (its own process, as in production)
 * through the export, then "Sync prices"
 * with nothing changed (must send no mutation) and with 1% of the variants' prices changed
 * (mutations against the minimum: one variants bulk update per changed product).
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import { DEMO_BC } from "../scripts/demo/business-central.ts";
import { startDemo } from "../scripts/demo/start-demo.ts";
import { rssMiB, startWorkerProcess } from "./bench-process.ts";
import { percentile, round } from "./stats.ts";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const VARIANTS = 5;
const RESTORE_RATE = { standard: 100, plus: 1_000 } as const;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-products");

await rm(dataDir, { recursive: true, force: true });
// No worker in this process: the bench starts one of its own below, so its RSS is the worker's alone.
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
const { productsSyncTask } = await import("../app/.server/tasks/products-sync/task.ts");
const { pricesSyncTask } = await import("../app/.server/tasks/prices-sync/task.ts");
const { installOfflineSession } = await import("../scripts/demo/install-session.ts");

/** The catalog tasks' mutations, by operation name (the API log's `operation`). */
const MUTATIONS = [
  "ProductSetFromErp",
  "ProductUpdateFromErp",
  "VariantsUpdateFromErp",
  "VariantsCreateFromErp",
  "StagedUpload",
  "BulkMutationRun",
  "ProductImageCreate",
  "ProductImageAttach",
  "ProductImageDelete",
];

const apiKey = demo.info.adminUrl.split("/apps/")[1] ?? "";
const scopes = ["read_products", "write_products", "read_files", "write_files", "read_inventory", "read_locations"];

async function benchShop(preset: keyof typeof RESTORE_RATE) {
  const domain = `bench-${preset}-${randomUUID().slice(0, 6)}.myshopify.com`;
  demo.sandbox.engine.createShop({ domain, name: `Bench ${preset}`, plan: preset });
  const { accessToken } = demo.sandbox.installApp(domain, apiKey);
  await installOfflineSession({ shop: domain, accessToken, scopes });
  const companyId = randomUUID();
  demo.businessCentral.addCompany(DEMO_BC.tenant, DEMO_BC.environment, {
    id: companyId,
    name: `BENCH ${preset}`,
    displayName: `Bench ${preset}`,
  });
  demo.businessCentral.seed(DEMO_BC.tenant, DEMO_BC.environment, companyId, {
    products: ITEMS,
    variantsPerProduct: VARIANTS,
    seed: 7,
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
      products: { ...settings.products, direction: "erp_to_shopify" },
    }),
  );
  return { preset, domain, shopId, companyId };
}

type BenchShop = Awaited<ReturnType<typeof benchShop>>;

/** Median and highest RSS in each quarter of the export: flat means the catalog is never held in memory. */
function rssByQuarter(samples: Array<{ rss: number; variants: number }>, total: number) {
  const quarters = [0.25, 0.5, 0.75, 1];
  return [
    {
      progress: "start",
      variants: samples[0]!.variants,
      "median MiB": round(samples[0]!.rss, 0),
      "max MiB": round(samples[0]!.rss, 0),
    },
    ...quarters.map((q, i) => {
      const low = i === 0 ? 0 : quarters[i - 1]! * total;
      const inQuarter = samples.slice(1).filter((s) => s.variants > low && s.variants <= q * total);
      const rss = inQuarter.map((s) => s.rss);
      return {
        progress: `${Math.round((i === 0 ? 0 : quarters[i - 1]!) * 100)}–${q * 100}%`,
        variants: inQuarter.at(-1)?.variants ?? 0,
        "median MiB": round(percentile(rss, 50), 0),
        "max MiB": round(Math.max(...rss), 0),
      };
    }),
  ];
}

async function points(shopId: number, since: Date) {
  const [row] = await sql<{ calls: number; points: number; mutations: number }[]>`
    select count(*)::int as calls, coalesce(sum(cost), 0)::int as points,
      count(*) filter (where operation = any(${MUTATIONS}))::int as mutations
    from api_log_entries where shop_id = ${shopId} and created_at >= ${since}`;
  return row!;
}

/** Runs a task for a shop through the worker and waits until it and its continuations are done. */
async function runToEnd(task: typeof productsSyncTask, shop: BenchShop, minutes: number) {
  const since = new Date();
  await enqueueRun(getDb(), task, { shopId: shop.shopId, trigger: "manual" });
  const deadline = Date.now() + minutes * 60_000;
  for (;;) {
    const [state] = await sql<{ open: number; jobs: number; finished: number }[]>`
      select count(*) filter (where status in ('queued', 'running', 'retrying'))::int as open,
        (select count(*)::int from graphile_worker.jobs where task_identifier = ${task.name} and queue_name = ${`catalog:${shop.shopId}`}) as jobs,
        count(*) filter (where status not in ('queued', 'running', 'retrying'))::int as finished
      from task_runs where shop_id = ${shop.shopId} and task = ${task.name} and queued_at >= ${since}`;
    if (state!.finished > 0 && state!.open === 0 && state!.jobs === 0) break;
    if (Date.now() > deadline) throw new Error(`${task.name} for ${shop.domain} not done after ${minutes} min`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ms: Date.now() - since.getTime(), since };
}

/** Variants linked so far in both bench shops: the export's progress, for RSS against it. */
async function linkedVariants(shopIds: number[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from variant_links where shop_id = any(${shopIds})`;
  return row!.n;
}

const worker = startWorkerProcess(root, demo.info.databaseUrl);
try {
  const shops = [await benchShop("standard"), await benchShop("plus")];
  const shopIds = shops.map((shop) => shop.shopId);
  // Let the worker finish booting (and the demo shop's own first runs) before the baseline.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const samples: Array<{ rss: number; variants: number }> = [];
  const sample = async () => samples.push({ rss: await rssMiB(worker.pid), variants: await linkedVariants(shopIds) });
  await sample();
  const sampler = setInterval(() => void sample(), 2_000);
  const exports = await Promise.all(shops.map((shop) => runToEnd(productsSyncTask, shop, 120)));
  clearInterval(sampler);
  await sample();
  const exportRows = [];
  for (const [i, shop] of shops.entries()) {
    const cost = await points(shop.shopId, exports[i]!.since);
    const [linked] = await sql<
      { n: number }[]
    >`select count(*)::int as n from product_links where shop_id = ${shop.shopId} and state = 'linked'`;
    const floorS = cost.points / RESTORE_RATE[shop.preset];
    exportRows.push({
      preset: shop.preset,
      items: ITEMS,
      variants: ITEMS * VARIANTS,
      linked: linked!.n,
      "wall s": round(exports[i]!.ms / 1000, 1),
      calls: cost.calls,
      points: cost.points,
      "floor s": round(floorS, 1),
      "wall / floor": round(exports[i]!.ms / 1000 / Math.max(floorS, 0.001), 2),
    });
  }
  console.log(`First export, ${ITEMS} items × ${VARIANTS} variants into each of two empty stores at once`);
  console.table(exportRows);
  console.log("Worker RSS (its own process) against the variants linked so far in both stores");
  console.table(rssByQuarter(samples, 2 * ITEMS * VARIANTS));

  const priceRows = [];
  for (const shop of shops) {
    const unchanged = await runToEnd(pricesSyncTask, shop, 30);
    const unchangedCost = await points(shop.shopId, unchanged.since);
    // 1% of the variants get a new price in BC's price list every customer gets.
    const company = demo.businessCentral.company(DEMO_BC.tenant, DEMO_BC.environment, shop.companyId);
    const lines = company.priceListLines.filter((l) => l.priceListCode === "DEFAULT" && l.variantCode !== "");
    const step = Math.max(1, Math.round(lines.length / (ITEMS * VARIANTS * 0.01)));
    const changed = lines.filter((_, i) => i % step === 0);
    for (const line of changed) company.priceListLines.update(line.id, { unitPrice: line.unitPrice + 1 });
    const products = new Set(changed.map((l) => l.itemNumber)).size;
    const run = await runToEnd(pricesSyncTask, shop, 30);
    const cost = await points(shop.shopId, run.since);
    priceRows.push(
      {
        preset: shop.preset,
        run: "nothing changed",
        "changed variants": 0,
        mutations: unchangedCost.mutations,
        "per-product calls": 0,
        points: unchangedCost.points,
        "wall s": round(unchanged.ms / 1000, 1),
      },
      {
        preset: shop.preset,
        run: "1% changed",
        "changed variants": changed.length,
        mutations: cost.mutations,
        "per-product calls": products,
        points: cost.points,
        "wall s": round(run.ms / 1000, 1),
      },
    );
  }
  console.log("Sync prices after the export");
  console.table(priceRows);
} finally {
  await worker.stop();
  await sql.end();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
