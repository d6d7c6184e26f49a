import path from "node:path";

import { ADMIN_API_VERSION } from "../../app/.server/api-version.ts";
import { closeDb, getDb } from "../../app/.server/db.ts";
import { runSteps, type ShutdownStep } from "../../app/.server/process/shutdown.ts";
import { migrateDatabase } from "../../db/migrate.ts";
import { resolveDatabase } from "../../db/resolve-database.ts";
import { createShopifyEngine } from "../../sandbox/shopify/engine/create-engine.ts";
import { openShopifyJournal } from "../../sandbox/shopify/engine/snapshot-journal.ts";
import { createShopifySandboxServer } from "../../sandbox/shopify/server/create-server.ts";
import { readAppToml } from "./app-toml.ts";
import { buildAppIfStale } from "./build-app.ts";
import { connectDemoShop, DEMO_BC, startDemoBusinessCentral } from "./business-central.ts";
import { checkDemoLinks } from "./consistency-check.ts";
import { type DemoInfo, loadDemoState, saveDemoState, writeDemoInfo } from "./demo-state.ts";
import { installOfflineSession } from "./install-session.ts";
import { reservePort } from "./reserve-port.ts";
import { businessCentralPersistenceFiles, restrictDemoFiles, shopifyPersistenceFiles } from "./sandbox-snapshot.ts";

export interface DemoOptions {
  root: string;
  dataDir: string;
  appPort?: number;
  sandboxPort?: number;
  businessCentralPort?: number;
  shop?: string;
  /** The sandbox shop's Shopify plan (API rate limits); default standard. */
  shopPlan?: "standard" | "advanced" | "plus";
  /** Jobs the in-process worker runs at once; default 4; 0 = no worker in this process (a bench runs its own). */
  workerConcurrency?: number;
  log?: (line: string) => void;
}

export interface RunningDemo {
  info: DemoInfo;
  sandbox: Awaited<ReturnType<typeof createShopifySandboxServer>>;
  businessCentral: Awaited<ReturnType<typeof startDemoBusinessCentral>>["sandbox"];
  stop(): Promise<void>;
}

/**
 * Everything `npm run demo` runs, in one process: embedded Postgres, migrations, the sandbox
 * Shopify store and the sandbox Business Central (each as the last run left it, or seeded), the app
 * (production build) and the worker, the app installed in the sandbox shop. Environment variables
 * are set here, before any app module reads its config.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => console.log(`[demo] ${line}`));
  const shop = options.shop ?? "demo-shop.myshopify.com";
  const steps: ShutdownStep[] = [];
  // Once, newest first (the worker before the pools, the pools before Postgres); a failed step
  // does not stop the rest, and fails the whole stop so the exit code says so.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= runSteps([...steps].reverse(), log).then((ok) => {
      if (!ok) throw new Error("the demo did not stop cleanly (see the lines above)");
    }));

  try {
    await restrictDemoFiles(options.dataDir);
    const state = await loadDemoState(options.dataDir);
    const toml = await readAppToml(path.join(options.root, "shopify.app.toml"));
    // Held until each server binds (a second demo starting meanwhile picks others).
    const appReserved = await reservePort(options.appPort ?? 3000);
    const sandboxReserved = await reservePort(options.sandboxPort ?? 8790);
    const bcReserved = await reservePort(options.businessCentralPort ?? 8791);
    for (const reserved of [appReserved, sandboxReserved, bcReserved]) {
      steps.push({ name: "port reservation", run: reserved.release });
    }
    const [appPort, sandboxPort, bcPort] = [appReserved.port, sandboxReserved.port, bcReserved.port];
    const appUrl = `http://127.0.0.1:${appPort}`;
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    Object.assign(process.env, {
      DATA_DIR: options.dataDir,
      SHOPIFY_API_KEY: state.apiKey,
      SHOPIFY_API_SECRET: state.apiSecret,
      SHOPIFY_APP_URL: appUrl,
      SCOPES: toml.scopes.join(","),
      SHOPIFY_SANDBOX_URL: sandboxUrl,
      APP_BRIDGE_URL: `${sandboxUrl}/app-bridge.js`,
      ERP_ENCRYPTION_KEY: state.erpEncryptionKey,
      BUSINESS_CENTRAL_SANDBOX_URL: `http://127.0.0.1:${bcPort}`,
      NODE_ENV: "production",
    });

    const database = await resolveDatabase(log);
    steps.push({ name: "database", run: database.stop });
    await migrateDatabase(database.url);

    // Kept across runs (snapshot + journal of every change): the app's database refers to the
    // store's orders and products by id.
    const storeFiles = shopifyPersistenceFiles(options.dataDir);
    const store = await openShopifyJournal(createShopifyEngine(), storeFiles, log);
    const { engine } = store;
    await sandboxReserved.release();
    const sandbox = await createShopifySandboxServer({ engine, port: sandboxPort });
    steps.push({
      name: "sandbox store",
      run: async () => {
        await sandbox.close();
        store.close();
      },
    });
    if (store.restored) log(`sandbox store restored from ${storeFiles.snapshotFile}`);
    if (!engine.hasShop(shop)) {
      engine.createShop({ domain: shop, name: "Demo Shop", plan: options.shopPlan ?? "standard" });
      const seeded = engine.seed(shop, { seed: 1 });
      log(
        `sandbox store ${shop}: ${seeded.products} products, ${seeded.variants} variants, ${seeded.locations} locations`,
      );
    }
    // Pushed after the server's step, so it runs before it, and after the worker and web server stop.
    steps.push({ name: "sandbox store snapshot", run: () => store.save() });
    sandbox.registerApp({
      apiKey: state.apiKey,
      apiSecret: state.apiSecret,
      appUrl,
      scopes: toml.scopes,
      webhooks: toml.webhooks,
    });
    const { accessToken } = sandbox.installApp(
      shop,
      state.apiKey,
      state.accessToken ? { accessToken: state.accessToken } : undefined,
    );
    await saveDemoState(options.dataDir, { ...state, accessToken });
    await installOfflineSession({ shop, accessToken, scopes: toml.scopes });
    steps.push({ name: "database pool", run: closeDb });

    await bcReserved.release();
    const bc = await startDemoBusinessCentral({
      port: bcPort,
      clientSecret: state.bcClientSecret,
      persistence: businessCentralPersistenceFiles(options.dataDir),
      log,
    });
    steps.push({ name: "sandbox Business Central", run: () => bc.sandbox.close() });
    // Runs before the close above, after the worker and web server stop (no write lands after it).
    steps.push({
      name: "sandbox Business Central snapshot",
      run: () => bc.sandbox.save(),
    });
    const company = bc.sandbox.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
    await checkDemoLinks({ db: getDb(), shop, engine, company, root: options.root, dataDir: options.dataDir });
    await connectDemoShop(shop, state.bcClientSecret, company.locations.all());
    log(`sandbox Business Central at ${bc.info.apiBaseUrl}, demo shop connected to company ${bc.info.companyId}`);

    await buildAppIfStale(options.root, log);
    const { startWebServer } = await import("../../app/.server/process/web-server.ts");
    await appReserved.release();
    const web = await startWebServer({ port: appPort, mode: "production", root: options.root });
    steps.push({ name: "web server", run: web.close });

    if (options.workerConcurrency !== 0) {
      const { startWorker, stopWorker } = await import("../../worker/runner.ts");
      const worker = await startWorker({
        connectionString: database.url,
        concurrency: options.workerConcurrency ?? 4,
        log: (level, message) => log(`worker ${level}: ${message}`),
      });
      // 5 s for running jobs, then they are released to the next start: the demo stops within 10 s.
      steps.push({ name: "worker", run: () => stopWorker(worker, 5_000) });
    }

    const info: DemoInfo = {
      appUrl,
      adminUrl: `${sandboxUrl}/store/${shop.replace(".myshopify.com", "")}/apps/${state.apiKey}`,
      databaseUrl: database.url,
      shopify: {
        shop,
        adminApiUrl: `${sandboxUrl}/admin/api/${ADMIN_API_VERSION}/graphql.json`,
        accessToken,
        apiSecret: state.apiSecret,
      },
      businessCentral: bc.info,
    };
    await writeDemoInfo(options.dataDir, info);
    return { info, sandbox, businessCentral: bc.sandbox, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
