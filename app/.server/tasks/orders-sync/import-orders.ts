import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { fetchOrderForImport } from "../../adapters/shopify/order-queries.ts";
import { type Db, getDb, type Tx } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { addOrderEvent } from "../../queries/order-events.ts";
import {
  getOrderForImport,
  insertImportedOrder,
  lockOrderForImport,
  type OrderForImportRow,
  updateImportedOrder,
} from "../../queries/orders.ts";
import { getShopSettings } from "../../queries/shops.ts";
import { shopifyAdminForShopId } from "../../shopify/admin-for-shop-id.ts";
import { enqueueOrderProcessing } from "../orders-process/enqueue.ts";
import { type ImportedOrder, importedOrderSchema } from "./imported-order.ts";
import { mapShopifyOrder } from "./map-shopify-order.ts";
import { type ExistingOrder, type ImportAction, type ImportPlan, planImport } from "./plan-import.ts";

export interface ImportOutcome {
  shopifyOrderId: string;
  /** "gone": Shopify no longer has the order (deleted); "failed": see `error`. */
  action: ImportAction | "gone" | "failed";
  /** orders.id when a row was written (or, in a preview, is held). */
  orderId?: number;
  /** The order's name ("#1001") and the plan, when the order was read. */
  name?: string;
  plan?: ImportPlan;
  /** A preview's outcome: what the import would do, nothing written. */
  planned?: boolean;
  error?: unknown;
}

export interface ImportOptions {
  /** The Admin API to read from (default: the shop's offline token). */
  admin?: ShopifyAdmin;
  /** Already-read settings (the run's, or the reconcile's). */
  settings?: ShopSettings;
  db?: Db;
  /** Preview: read and plan each order, write nothing (no row, no event, no processing job). */
  dryRun?: boolean;
}

/**
 * Read each order back from the Admin API (never trusting a webhook's payload) and store its
 * newest version, one transaction per order. An order that fails does not stop the others; the
 * caller decides whether to retry (the failed ones are in the outcomes).
 */
export async function importOrders(
  shopId: number,
  shopifyOrderIds: readonly string[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const db = options.db ?? getDb();
  const settings = options.settings ?? (await getShopSettings(db, shopId));
  if (!settings.orders.importEnabled) return [];
  const ids = [...new Set(shopifyOrderIds)];
  if (ids.length === 0) return [];
  const admin = options.admin ?? (await shopifyAdminForShopId(shopId));
  const outcomes: ImportOutcome[] = [];
  // Line locations matter only to a shop that maps Shopify locations to ERP locations, or syncs
  // stock (its corrections for orders not yet in the ERP are per location).
  const withLocations = Object.keys(settings.orders.locations).length > 0 || settings.inventory.enabled;
  for (const shopifyOrderId of ids) {
    try {
      const raw = await fetchOrderForImport(admin, shopifyOrderId, { withLocations });
      if (raw === null) {
        outcomes.push({ shopifyOrderId, action: "gone" });
        continue;
      }
      const order = mapShopifyOrder(raw);
      const store = options.dryRun ? planImportedOrder : storeImportedOrder;
      outcomes.push(await store(db, { shopId, order, settings }));
    } catch (error) {
      outcomes.push({ shopifyOrderId, action: "failed", error });
    }
  }
  return outcomes;
}

/**
 * Compare and write one version under the row lock. Two imports of the same order (a webhook run
 * and a reconcile) serialise on the lock or on the unique (shop, order) index, and the later one
 * compares with what the earlier one wrote: one row, the newest version.
 */
export async function storeImportedOrder(
  db: Db,
  input: { shopId: number; order: ImportedOrder; settings: ShopSettings },
): Promise<ImportOutcome> {
  const { shopId, order, settings } = input;
  const scope = { importSince: settings.orders.importSince };
  return db.transaction(async (tx) => {
    let row = await lockOrderForImport(tx, { shopId, shopifyOrderId: order.shopifyOrderId });
    if (!row) {
      const plan = planImport(null, order, settings, scope);
      if (!plan.status) return { ...outcomeOf(order, plan) };
      const orderId = await insertImportedOrder(tx, {
        shopId,
        order,
        status: plan.status,
        statusReason: plan.statusReason ?? null,
      });
      if (orderId !== undefined) {
        await recordPlan(tx, { shopId, orderId, plan });
        return { ...outcomeOf(order, plan), orderId };
      }
      // A concurrent import inserted it first (we waited for its commit): compare with its version.
      row = await lockOrderForImport(tx, { shopId, shopifyOrderId: order.shopifyOrderId });
      if (!row) throw new Error(`order ${order.shopifyOrderId} of shop ${shopId} vanished during import`);
    }
    const plan = planImport(existingOf(row), order, settings, scope);
    if (!plan.status) return { ...outcomeOf(order, plan), orderId: row.id };
    await updateImportedOrder(tx, {
      shopId,
      orderId: row.id,
      order,
      status: plan.status,
      statusReason: plan.statusReason ?? null,
      conflictReason: plan.conflict?.reason,
    });
    await recordPlan(tx, { shopId, orderId: row.id, plan });
    return { ...outcomeOf(order, plan), orderId: row.id };
  });
}

/** A preview of storeImportedOrder: the same plan against the stored row, read without a lock. */
export async function planImportedOrder(
  db: Db,
  input: { shopId: number; order: ImportedOrder; settings: ShopSettings },
): Promise<ImportOutcome> {
  const { shopId, order, settings } = input;
  const row = await getOrderForImport(db, { shopId, shopifyOrderId: order.shopifyOrderId });
  const plan = planImport(row ? existingOf(row) : null, order, settings, { importSince: settings.orders.importSince });
  return { ...outcomeOf(order, plan), ...(row ? { orderId: row.id } : {}), planned: true };
}

function outcomeOf(order: ImportedOrder, plan: ImportPlan): ImportOutcome {
  return { shopifyOrderId: order.shopifyOrderId, action: plan.action, name: order.name, plan };
}

function existingOf(row: OrderForImportRow): ExistingOrder {
  // A snapshot that no longer parses (an older format) counts as none: the new version replaces it.
  const snapshot = importedOrderSchema.safeParse(row.snapshot);
  return {
    status: row.status,
    statusReason: row.statusReason,
    hasConflict: row.hasConflict,
    conflictReason: row.conflictReason,
    shopifyUpdatedAt: row.shopifyUpdatedAt?.toISOString() ?? null,
    snapshot: snapshot.success ? snapshot.data : null,
    hasErpDocument: row.erpDocumentId !== null,
  };
}

async function recordPlan(tx: Tx, input: { shopId: number; orderId: number; plan: ImportPlan }): Promise<void> {
  const { shopId, orderId, plan } = input;
  if (plan.event) await addOrderEvent(tx, { shopId, orderId, kind: plan.event.kind, message: plan.event.message });
  if (plan.enqueueProcess) {
    // In the import's transaction: the job exists exactly when the row it names does.
    await enqueueOrderProcessing(tx, { shopId, orderIds: [orderId] });
  }
}
