/**
 * "Sync inventory" at scale: BENCH_INVENTORY_VARIANTS (default 100,000) variants × 2 locations seeded
 * in both sandboxes from one catalog (same SKUs and item numbers, same stock), linked, on the
 * Standard and the Plus preset side by side (two shops of one demo, each with its own BC company),
 * through the real worker in its own process. Measures:
 * - the first full sync (bulk read of every level into the shadow, every item planned): wall time,
 *   points against the rate-limit floor (points ÷ the plan's restore rate), the worker's RSS;
 * - 1% of BC's levels changed: the task's calls, points and wall time against the minimum
 *   (⌈changed levels ÷ 250⌉ × the points of one inventorySetQuantities call);
 * - a baseline that does what Business Central's connector does (read every level, compare with BC,
 *   write the differences) over another 1% change, with the app's Admin client: its points and time
 *   (past BENCH_INVENTORY_BASELINE_MAX_S it stops and is scaled up, marked as such in its row).
 */
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";

import postgres from "postgres";

import type { SandboxShopifyEngine } from "../sandbox/shopify/engine/create-engine.ts";
import { DEMO_BC } from "../scripts/demo/business-central.ts";
import { startDemo } from "../scripts/demo/start-demo.ts";
import { rssMiB, startWorkerProcess } from "./bench-process.ts";
import { percentile, round } from "./stats.ts";

const VARIANTS = Number(process.env.BENCH_INVENTORY_VARIANTS ?? 100_000);
const VARIANTS_PER_PRODUCT = 5;
const PRODUCTS = Math.ceil(VARIANTS / VARIANTS_PER_PRODUCT);
/** One level in CHANGE_EVERY is adjusted in BC: 1%. */
const CHANGE_EVERY = 100;
const SET_BATCH = 250;
/** Variants per baseline read: 10 requested points each (the sandbox said 2,502 for 250), under the 1,000-point cap. */
const BASELINE_PAGE = Number(process.env.BENCH_INVENTORY_BASELINE_PAGE ?? 90);
const RESTORE_RATE = { standard: 100, plus: 1_000 } as const;
/**
 * The baseline's read of every level costs ~10 points a variant, so 100,000 variants take ~2.8 h
 * on Standard (100 points/s). Past this many seconds it stops reading, writes what it found, and
 * its row is scaled by (variants ÷ variants read) and marked as extrapolated: the read is uniform
 * page after page, so cost and time grow linearly. 0 = never stop.
 */
const BASELINE_MAX_S = Number(process.env.BENCH_INVENTORY_BASELINE_MAX_S ?? 1_500);
const SEED = 7;
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-inventory");

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
const sql = postgres(demo.info.databaseUrl, { max: 4, onnotice: () => {} });
const { getDb } = await import("../app/.server/db.ts");
const { saveConnectionForm } = await import("../app/.server/erp/connections.ts");
const { getShopSettings, saveShopSettings } = await import("../app/.server/queries/shops.ts");
const { shopSettingsSchema } = await import("../app/.server/domain/settings-schema.ts");
const { enqueueRun } = await import("../app/.server/runs/enqueue-run.ts");
const { inventorySyncTask } = await import("../app/.server/tasks/inventory-sync/task.ts");
const { shopifyAdminForShopId } = await import("../app/.server/shopify/admin-for-shop-id.ts");
const { installOfflineSession } = await import("../scripts/demo/install-session.ts");
const { mapDemoLocations } = await import("../scripts/demo/demo-locations.ts");

/** The in-process engine behind the sandbox server (its records: the links and the drift count read them). */
const engine = demo.sandbox.engine as SandboxShopifyEngine;
const apiKey = demo.info.adminUrl.split("/apps/")[1] ?? "";
const scopes = ["read_products", "write_products", "read_inventory", "write_inventory", "read_locations"];

/** Product and variant links as "Sync products" writes them for a match by SKU, straight from the store's records. */
async function linkVariants(shopId: number, domain: string) {
  const state = engine.shopState(domain)!;
  const products = new Map<number, string>();
  const variants: Array<Record<string, unknown>> = [];
  for (const v of state.variants.values()) {
    const sku = v.sku ?? "";
    const dash = sku.lastIndexOf("-");
    const itemNumber = dash > 0 ? sku.slice(0, dash) : sku;
    const variantCode = dash > 0 ? sku.slice(dash + 1) : "";
    products.set(v.productId, itemNumber);
    variants.push({
      shop_id: shopId,
      shopify_variant_id: `gid://shopify/ProductVariant/${v.id}`,
      erp_item_number: itemNumber,
      erp_variant_code: variantCode,
      source: "matched",
      shopify_product_id: `gid://shopify/Product/${v.productId}`,
      sku,
    });
  }
  const productRows = [...products].map(([id, itemNumber]) => ({
    shop_id: shopId,
    erp_item_number: itemNumber,
    shopify_product_id: `gid://shopify/Product/${id}`,
    state: "linked",
    origin: "erp",
    title: itemNumber,
  }));
  for (let i = 0; i < productRows.length; i += 5_000) {
    await sql`insert into product_links ${sql(productRows.slice(i, i + 5_000))}`;
  }
  for (let i = 0; i < variants.length; i += 5_000) {
    await sql`insert into variant_links ${sql(variants.slice(i, i + 5_000) as never)}`;
  }
  return variants.length;
}

async function benchShop(preset: keyof typeof RESTORE_RATE) {
  const domain = `bench-stock-${preset}-${randomUUID().slice(0, 6)}.myshopify.com`;
  demo.sandbox.engine.createShop({ domain, name: `Bench ${preset}`, plan: preset });
  demo.sandbox.engine.seed(domain, { products: PRODUCTS, variantsPerProduct: VARIANTS_PER_PRODUCT, seed: SEED });
  const { accessToken } = demo.sandbox.installApp(domain, apiKey);
  await installOfflineSession({ shop: domain, accessToken, scopes });
  const companyId = randomUUID();
  demo.businessCentral.addCompany(DEMO_BC.tenant, DEMO_BC.environment, {
    id: companyId,
    name: `BENCH STOCK ${preset}`,
    displayName: `Bench stock ${preset}`,
  });
  demo.businessCentral.seed(DEMO_BC.tenant, DEMO_BC.environment, companyId, {
    products: PRODUCTS,
    variantsPerProduct: VARIANTS_PER_PRODUCT,
    seed: SEED,
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
    shopSettingsSchema.parse({ ...settings, logging: "all", inventory: { ...settings.inventory, enabled: true } }),
  );
  const company = demo.businessCentral.company(DEMO_BC.tenant, DEMO_BC.environment, companyId);
  // Main Warehouse ↔ MAIN, East Store ↔ EAST, projected available balance (as the demo maps them).
  const mapped = await mapDemoLocations(shopId, company.locations.all());
  if (mapped !== 2) throw new Error(`${domain}: ${mapped} location(s) mapped, expected 2`);
  const linked = await linkVariants(shopId, domain);
  // Only the bench's own runs: no scheduled run of these shops may take the first sync or add points.
  await sql`update job_queue_entries set on_hold = true where shop_id = ${shopId}`;
  return { preset, domain, shopId, companyId, company, linked };
}

type BenchShop = Awaited<ReturnType<typeof benchShop>>;

/** Calls and charged points of a shop's API log since `since`, and the inventorySetQuantities calls among them. */
async function points(shopId: number, since: Date, until = new Date(), operations: string[] | null = null) {
  const [row] = await sql<{ calls: number; points: number; sets: number; set_points: number[] }[]>`
    select count(*)::int as calls, coalesce(sum(cost), 0)::int as points,
      count(*) filter (where operation in ('InventorySetFromErp', 'BaselineSetQuantities'))::int as sets,
      coalesce(array_agg(cost) filter (where operation in ('InventorySetFromErp', 'BaselineSetQuantities') and cost is not null), '{}') as set_points
    from api_log_entries where shop_id = ${shopId} and created_at >= ${since} and created_at <= ${until}
      and (${operations === null} or operation = any(${operations ?? []}))`;
  return { ...row!, set_points: row!.set_points.map(Number) };
}

/** Runs the task for a shop through the worker and waits until it and its continuations are done. */
async function runToEnd(shop: BenchShop, minutes: number) {
  const since = new Date();
  await enqueueRun(getDb(), inventorySyncTask, { shopId: shop.shopId, trigger: "manual" });
  const deadline = Date.now() + minutes * 60_000;
  for (;;) {
    const [state] = await sql<{ open: number; jobs: number; finished: number }[]>`
      select count(*) filter (where status in ('queued', 'running', 'retrying'))::int as open,
        (select count(*)::int from graphile_worker.jobs where task_identifier = ${inventorySyncTask.name} and queue_name = ${`inventory:${shop.shopId}`}) as jobs,
        count(*) filter (where status not in ('queued', 'running', 'retrying'))::int as finished
      from task_runs where shop_id = ${shop.shopId} and task = ${inventorySyncTask.name} and queued_at >= ${since}`;
    if (state!.finished > 0 && state!.open === 0 && state!.jobs === 0) break;
    if (Date.now() > deadline)
      {throw new Error(`${inventorySyncTask.name} for ${shop.domain} not done after ${minutes} min`);}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const runs = await sql<{ status: string; summary: string | null }[]>`
    select status, summary from task_runs
     where shop_id = ${shop.shopId} and task = ${inventorySyncTask.name} and queued_at >= ${since} order by id`;
  return { ms: Date.now() - since.getTime(), since, until: new Date(), runs };
}

/** Levels in the shadow and levels compared so far (the runs' "levels compared" stat is per run; the shadow grows with the bulk read). */
async function shadowLevels(shopIds: number[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from inventory_levels where shop_id = any(${shopIds})`;
  return row!.n;
}

/** Median and highest RSS in each quarter of the first sync's wall time. */
function rssByQuarter(samples: Array<{ rss: number; levels: number; at: number }>) {
  const start = samples[0]!.at;
  const total = samples.at(-1)!.at - start;
  const quarters = [0.25, 0.5, 0.75, 1];
  return [
    {
      time: "start",
      "shadow levels": samples[0]!.levels,
      "median MiB": round(samples[0]!.rss, 0),
      "max MiB": round(samples[0]!.rss, 0),
    },
    ...quarters.map((q, i) => {
      const low = i === 0 ? 0 : quarters[i - 1]! * total;
      const inQuarter = samples.slice(1).filter((s) => s.at - start > low && s.at - start <= q * total);
      const rss = inQuarter.map((s) => s.rss);
      return {
        time: `${Math.round((i === 0 ? 0 : quarters[i - 1]!) * 100)}–${q * 100}%`,
        "shadow levels": inQuarter.at(-1)?.levels ?? 0,
        "median MiB": round(percentile(rss, 50), 0),
        "max MiB": round(Math.max(...rss), 0),
      };
    }),
  ];
}

/** BC's projected available balance per SKU and location code, as BC holds it (read in place: no Shopify points). */
function bcFigures(shop: BenchShop): Map<string, number> {
  const figures = new Map<string, number>();
  for (const row of shop.company.inventoryByLocation.all()) {
    const sku = row.variantCode ? `${row.itemNumber}-${row.variantCode}` : row.itemNumber;
    figures.set(`${sku}\u0000${row.locationCode}`, Math.max(0, row.projectedAvailableBalance));
  }
  return figures;
}

/** Adjusts one level in CHANGE_EVERY (from `offset`) by +3 in BC; returns how many. */
function changeOnePercent(shop: BenchShop, offset: number): number {
  const rows = shop.company.inventoryByLocation.all().filter((_, i) => i % CHANGE_EVERY === offset);
  for (const row of rows) {
    demo.businessCentral.postInventoryAdjustment(DEMO_BC.tenant, DEMO_BC.environment, shop.companyId, {
      itemNumber: row.itemNumber,
      ...(row.variantCode ? { variantCode: row.variantCode } : {}),
      locationCode: row.locationCode,
      quantity: 3,
    });
  }
  return rows.length;
}

/** Levels whose Shopify available differs from BC's figure, from both sandboxes' records (no API calls). */
function drift(shop: BenchShop): number {
  const state = engine.shopState(shop.domain)!;
  const figures = bcFigures(shop);
  let off = 0;
  for (const item of state.inventoryItems.values()) {
    const sku = state.variants.get(item.variantId)?.sku ?? "";
    for (const [locationId, level] of item.levels) {
      const code = state.locations.get(locationId)?.code ?? "";
      const bc = figures.get(`${sku}\u0000${code}`);
      if (bc !== undefined && bc !== level.available) off++;
    }
  }
  return off;
}

const BASELINE_READ = `#graphql
  query BaselineReadLevels($first: Int!, $after: String) {
    productVariants(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        sku
        inventoryItem {
          id
          inventoryLevels(first: 2) { nodes { location { id } quantities(names: ["available"]) { quantity } } }
        }
      }
    }
  }`;
const BASELINE_SET = `#graphql
  mutation BaselineSetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup { id }
      userErrors { field message code }
    }
  }`;

interface BaselinePage {
  productVariants: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      sku: string | null;
      inventoryItem: {
        id: string;
        inventoryLevels: { nodes: Array<{ location: { id: string }; quantities: Array<{ quantity: number }> }> };
      };
    }>;
  };
}

/**
 * What Business Central's connector does: read every variant's levels from Shopify, compare each with
 * BC's figure, then write the differences (250 a call, as the app does, to be fair to it). Through
 * the app's Admin client: the same cost limiter and the shop's API log, so points are Shopify's charge.
 */
async function baseline(shop: BenchShop) {
  const since = new Date();
  const started = Date.now();
  const admin = await shopifyAdminForShopId(shop.shopId);
  const codes = new Map(
    (
      await sql<{ id: string; codes: string[] }[]>`
        select shopify_location_id as id, erp_location_codes as codes from shop_locations where shop_id = ${shop.shopId}`
    ).map((r) => [r.id, r.codes[0] ?? ""]),
  );
  const figures = bcFigures(shop);
  const diffs: Array<{ inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity: number }> =
    [];
  let after: string | null = null;
  let levels = 0;
  let variants = 0;
  let complete = false;
  for (;;) {
    const page: BaselinePage = await admin.query<BaselinePage>(BASELINE_READ, { first: BASELINE_PAGE, after });
    for (const v of page.productVariants.nodes) {
      variants++;
      for (const level of v.inventoryItem.inventoryLevels.nodes) {
        levels++;
        const bc = figures.get(`${v.sku ?? ""}\u0000${codes.get(level.location.id) ?? ""}`);
        const current = level.quantities[0]?.quantity ?? 0;
        if (bc !== undefined && bc !== current) {
          diffs.push({
            inventoryItemId: v.inventoryItem.id,
            locationId: level.location.id,
            quantity: bc,
            changeFromQuantity: current,
          });
        }
      }
    }
    if (!page.productVariants.pageInfo.hasNextPage) {
      complete = true;
      break;
    }
    if (BASELINE_MAX_S > 0 && Date.now() - started > BASELINE_MAX_S * 1000) break;
    after = page.productVariants.pageInfo.endCursor;
  }
  const readMs = Date.now() - started;
  for (let i = 0; i < diffs.length; i += SET_BATCH) {
    const result = await admin.query<{ inventorySetQuantities: { userErrors: Array<{ message: string }> } }>(
      BASELINE_SET,
      {
        input: { name: "available", reason: "correction", quantities: diffs.slice(i, i + SET_BATCH) },
        key: randomUUID(),
      },
    );
    const errors = result.inventorySetQuantities.userErrors;
    if (errors.length > 0) throw new Error(`baseline write refused: ${errors.map((e) => e.message).join("; ")}`);
  }
  // Share of the catalog read: 1 when the read ran to the end, else the factor the row is scaled by.
  const share = complete ? 1 : variants / VARIANTS;
  return { ms: Date.now() - started, readMs, since, until: new Date(), levels, diffs: diffs.length, share };
}

const worker = startWorkerProcess(root, demo.info.databaseUrl);
try {
  const t = Date.now();
  const shops = [await benchShop("standard"), await benchShop("plus")];
  const shopIds = shops.map((shop) => shop.shopId);
  console.log(
    `Seeded, linked and mapped ${shops.map((s) => `${s.linked} variants (${s.preset})`).join(", ")} in ${round((Date.now() - t) / 1000, 1)} s`,
  );
  console.log(`Levels off before the first sync: ${shops.map((s) => `${drift(s)} (${s.preset})`).join(", ")}`);
  // Let the worker finish booting (and the demo shop's own first runs) before the first sync.
  await new Promise((resolve) => setTimeout(resolve, 5_000));

  // First full sync, both shops at once, the worker's RSS sampled.
  const samples: Array<{ rss: number; levels: number; at: number }> = [];
  const sample = async () =>
    samples.push({ rss: await rssMiB(worker.pid), levels: await shadowLevels(shopIds), at: Date.now() });
  await sample();
  const sampler = setInterval(() => void sample(), 2_000);
  const firsts = await Promise.all(shops.map((shop) => runToEnd(shop, 180)));
  clearInterval(sampler);
  await sample();
  const firstRows = [];
  for (const [i, shop] of shops.entries()) {
    const run = firsts[i]!;
    const cost = await points(shop.shopId, run.since, run.until);
    const floorS = cost.points / RESTORE_RATE[shop.preset];
    firstRows.push({
      preset: shop.preset,
      levels: VARIANTS * 2,
      runs: run.runs.length,
      "wall s": round(run.ms / 1000, 1),
      calls: cost.calls,
      points: cost.points,
      "floor s": round(floorS, 1),
      "wall / floor": round(run.ms / 1000 / Math.max(floorS, 0.001), 1),
      "levels off after": drift(shop),
    });
    console.log(`${shop.preset} first sync, last run: ${run.runs.at(-1)?.status}: ${run.runs.at(-1)?.summary}`);
  }
  console.log(`First full sync, ${VARIANTS} variants × 2 locations in each of two stores at once`);
  console.table(firstRows);
  console.log("Worker RSS (its own process) through the first sync, by quarter of its wall time");
  console.table(rssByQuarter(samples));

  // 1% of BC's levels changed: the task (both shops at once), then the baseline over another 1%.
  const changed = shops.map((shop) => changeOnePercent(shop, 0));
  const syncs = await Promise.all(shops.map((shop) => runToEnd(shop, 60)));
  const afterSync = shops.map((shop) => drift(shop));
  const changedAgain = shops.map((shop) => changeOnePercent(shop, CHANGE_EVERY / 2));
  const baselines = await Promise.all(shops.map((shop) => baseline(shop)));
  const rows = [];
  for (const [i, shop] of shops.entries()) {
    const sync = syncs[i]!;
    const cost = await points(shop.shopId, sync.since, sync.until);
    const base = baselines[i]!;
    const baseCost = await points(shop.shopId, base.since, base.until, ["BaselineReadLevels", "BaselineSetQuantities"]);
    const perSet = percentile([...cost.set_points, ...baseCost.set_points], 50);
    const minimum = (n: number) => Math.ceil(n / SET_BATCH) * perSet;
    console.log(`${shop.preset} 1% sync: ${sync.runs.at(-1)?.status}: ${sync.runs.at(-1)?.summary}`);
    rows.push(
      {
        preset: shop.preset,
        mode: "task",
        "changed levels": changed[i]!,
        "levels off after": afterSync[i]!,
        calls: cost.calls,
        "set calls": cost.sets,
        points: cost.points,
        "minimum points": minimum(changed[i]!),
        "points / minimum": round(cost.points / Math.max(minimum(changed[i]!), 1), 2),
        "wall s": round(sync.ms / 1000, 1),
      },
      {
        preset: shop.preset,
        mode:
          base.share === 1
            ? "baseline (BC)"
            : `baseline (BC), ×${round(1 / base.share, 1)} of ${round(base.share * 100, 1)}% read`,
        "changed levels": changedAgain[i]!,
        "levels off after": drift(shop),
        calls: Math.round(baseCost.calls / base.share),
        "set calls": Math.round(baseCost.sets / base.share),
        points: Math.round(baseCost.points / base.share),
        "minimum points": minimum(changedAgain[i]!),
        "points / minimum": round(baseCost.points / base.share / Math.max(minimum(changedAgain[i]!), 1), 2),
        "wall s": round(base.ms / base.share / 1000, 1),
      },
      {
        preset: shop.preset,
        mode: "baseline ÷ task",
        "changed levels": "",
        "levels off after": "",
        calls: round(baseCost.calls / base.share / Math.max(cost.calls, 1), 1),
        "set calls": "",
        points: round(baseCost.points / base.share / Math.max(cost.points, 1), 1),
        "minimum points": "",
        "points / minimum": "",
        "wall s": round(base.ms / base.share / Math.max(sync.ms, 1), 1),
      },
    );
    console.log(
      `${shop.preset} baseline: ${base.levels} levels read in ${round(base.readMs / 1000, 1)} s, ${base.diffs} written` +
        (base.share === 1
          ? ""
          : ` (stopped after ${BASELINE_MAX_S} s: the row is scaled ×${round(1 / base.share, 2)})`),
    );
  }
  console.log(`1% of the ${VARIANTS * 2} levels changed in BC, per store (both stores at once)`);
  console.table(rows);
} finally {
  await worker.stop();
  await sql.end();
  await demo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
