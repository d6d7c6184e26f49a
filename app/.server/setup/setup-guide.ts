import type { ShopifyAdmin } from "../adapters/shopify/admin-port.ts";
import { getDb } from "../db.ts";
import { getErpConnection } from "../queries/erp-connections.ts";
import { countOrderSettingNeeds } from "../queries/orders-missing-settings.ts";
import { getShopSettings } from "../queries/shops.ts";
import { listEntries } from "../runs/entries.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { ordersSyncTask } from "../tasks/orders-sync/task.ts";
import {
  type SetupFacts,
  type SetupNotice,
  setupNotices,
  setupProgress,
  type SetupStep,
  setupSteps,
} from "./setup-steps.ts";
import { loadSetupLocations, type ShopLocation } from "./shop-locations.ts";

export interface SetupGuide {
  steps: SetupStep[];
  progress: { done: number; total: number };
  notices: SetupNotice[];
}

/**
 * The dashboard's setup guide and banner for a shop, from what is stored (settings, the ERP
 * connection, open orders) plus the shop's locations from Shopify. Shopify not answering leaves
 * the locations step out rather than failing the dashboard.
 */
export async function loadSetupGuide(shopId: number, options: { admin?: ShopifyAdmin } = {}): Promise<SetupGuide> {
  const db = getDb();
  const [settings, connection, locations, entries] = await Promise.all([
    getShopSettings(db, shopId),
    getErpConnection(db, shopId),
    shopLocations(shopId, options.admin),
    listEntries(db, shopId),
  ]);
  // No entry yet: it is made with the task's default (on install, by the worker, or the Job queue page).
  const ordersEntry = entries.find((entry) => entry.task === ordersSyncTask.name);
  const defaultOnHold = "onHold" in ordersSyncTask.schedule ? ordersSyncTask.schedule.onHold : false;
  const facts: SetupFacts = {
    settings,
    erp: { connected: connection !== undefined, companyName: connection?.companyName ?? null },
    locations,
    jobQueue: { ordersOn: !(ordersEntry?.onHold ?? defaultOnHold), ordersTitle: ordersSyncTask.title },
  };
  const steps = setupSteps(facts);
  const needs = await countOrderSettingNeeds(db, { shopId, settings });
  return { steps, progress: setupProgress(steps), notices: setupNotices(facts, needs) };
}

async function shopLocations(shopId: number, admin?: ShopifyAdmin): Promise<ShopLocation[] | null> {
  try {
    const client = admin ?? (await shopifyAdminForShopId(shopId));
    return await loadSetupLocations(getDb(), { shopId, admin: client, now: new Date() });
  } catch {
    return null;
  }
}
