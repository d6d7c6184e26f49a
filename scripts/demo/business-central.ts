import { getDb } from "../../app/.server/db.ts";
import { saveConnectionForm } from "../../app/.server/erp/connections.ts";
import { getErpConnection } from "../../app/.server/queries/erp-connections.ts";
import { ensureShop, getShopSettings, saveShopSettings } from "../../app/.server/queries/shops.ts";
import { createBusinessCentralSandbox } from "../../sandbox/business-central/create-server.ts";
import { seedChartOfAccounts } from "../../sandbox/business-central/store/chart-of-accounts.ts";
import type { PersistenceFiles } from "../../sandbox/common/journal-file.ts";
import { scheduleDemoEntries } from "./demo-entries.ts";
import { mapDemoLocations } from "./demo-locations.ts";
import { demoShopSettings } from "./demo-shop-settings.ts";

export const DEMO_BC = {
  tenant: "demo-tenant",
  environment: "production",
  clientId: "demo-client",
  companyId: "5a3e7c2d-0000-4000-8000-00000000c001",
} as const;

/**
 * The sandbox Business Central as the last run left it (snapshot + journal, kept up to date on
 * every change), or seeded with the catalog
 * the sandbox store has (item numbers and variant codes match SKUs, locations match), with the demo
 * shop's app registration in it.
 */
export async function startDemoBusinessCentral(input: {
  port: number;
  clientSecret: string;
  persistence: PersistenceFiles;
  log: (line: string) => void;
}) {
  // Kept across runs: the app's database links orders to the sales documents in it.
  const bc = await createBusinessCentralSandbox({
    port: input.port,
    persistence: { ...input.persistence, log: input.log },
  });
  if (bc.restored) input.log(`sandbox Business Central restored from ${input.persistence.snapshotFile}`);
  // Registered on every start, restored or not: the secret lives in demo-state.json, which may have
  // been made anew since the snapshot was saved. addTenant keeps a restored tenant's companies.
  bc.addTenant({
    tenantId: DEMO_BC.tenant,
    environment: DEMO_BC.environment,
    clients: [{ clientId: DEMO_BC.clientId, clientSecret: input.clientSecret }],
  });
  const restored = bc.tenants.company(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId);
  // A snapshot from before the sandbox had a chart of accounts: give the company the one it now starts with.
  if (restored) seedChartOfAccounts(restored.accounts);
  else {
    bc.addCompany(DEMO_BC.tenant, DEMO_BC.environment, {
      id: DEMO_BC.companyId,
      name: "CRONUS USA, Inc.",
      displayName: "CRONUS USA, Inc.",
    });
    bc.seed(DEMO_BC.tenant, DEMO_BC.environment, DEMO_BC.companyId, { seed: 1 });
  }
  return {
    sandbox: bc,
    info: {
      apiBaseUrl: bc.apiBaseUrl(DEMO_BC.tenant, DEMO_BC.environment),
      // The companion extension's pages (stock per location, inventoryAdjustments, price lists…).
      customApiBaseUrl: bc.customApiBaseUrl(DEMO_BC.tenant, DEMO_BC.environment),
      tokenUrl: bc.tokenUrl(DEMO_BC.tenant),
      clientId: DEMO_BC.clientId,
      clientSecret: input.clientSecret,
      companyId: DEMO_BC.companyId,
    },
  };
}

/** Connect the shop to the demo company, unless it already has a connection (a rerun keeps it). */
export async function connectDemoShop(
  shop: string,
  clientSecret: string,
  erpLocations: ReadonlyArray<{ code: string; displayName: string }>,
): Promise<void> {
  const shopId = await ensureShop(getDb(), shop);
  const firstStart = (await getErpConnection(getDb(), shopId)) === undefined;
  const result = await saveConnectionForm(shopId, {
    mode: "online",
    tenant: DEMO_BC.tenant,
    environment: DEMO_BC.environment,
    clientId: DEMO_BC.clientId,
    clientSecret,
    companyId: DEMO_BC.companyId,
  });
  if (!result.ok) throw new Error(`could not connect the demo shop to the sandbox Business Central: ${result.message}`);
  await saveShopSettings(getDb(), shopId, demoShopSettings(await getShopSettings(getDb(), shopId), { firstStart }));
  await mapDemoLocations(shopId, erpLocations);
  await scheduleDemoEntries(getDb(), shopId);
}
