import { z } from "zod";

import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { ORDERS_UPDATED_SINCE_QUERY } from "../../adapters/shopify/order-queries.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import { type Db, getDb } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { storedOrderVersions } from "../../queries/orders.ts";
import { getShopSettings } from "../../queries/shops.ts";
import { getSyncCursor, saveSyncCursor } from "../../queries/sync-cursors.ts";
import type { RunContext, RunCursor } from "../../runs/define-task.ts";
import { shopifyAdminForShopId } from "../../shopify/admin-for-shop-id.ts";
import { importOrders, type ImportOutcome } from "./import-orders.ts";

export const ORDERS_STREAM = "shopify-orders";
/**
 * Each run re-reads this much before the cursor: Shopify's search index lags writes by a few
 * seconds, and orders changed in the same instant as the last one seen must not be skipped.
 * The re-read orders cost one list entry each; versions we hold are not read again.
 */
export const RECONCILE_OVERLAP_MS = 2 * 60 * 1000;

const cursorSchema = z.object({ updatedAt: z.iso.datetime({ offset: true }), lastId: z.string().nullable() });
type OrdersCursor = z.infer<typeof cursorSchema>;

const pageSchema = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.object({ id: z.string(), updatedAt: z.string() })),
  }),
});

export interface ReconcileResult {
  skipped?: "import disabled";
  firstRun: boolean;
  listed: number;
  outcomes: ImportOutcome[];
  cursor: OrdersCursor | null;
  pages: number;
}

/**
 * What a run gives the reconcile (its context's pieces). Every field is optional so that a direct
 * caller (a test, a script) can reconcile a shop with its stored settings, cursor and token.
 */
export interface ReconcileOptions {
  admin?: ShopifyAdmin;
  db?: Db;
  /** The run's clock reading: a first run covers every open order as of this moment. */
  now?: Date;
  settings?: ShopSettings;
  /** The run's cursor of ORDERS_STREAM (ctx.cursor), read at the start and checkpointed per page. */
  cursor?: RunCursor;
  progress?: RunContext["progress"];
  /** Preview: list and plan, store nothing (no order, no event, no cursor). */
  dryRun?: boolean;
}

/** The shop's stored cursor, for callers without a run. */
function storedCursor(db: Db, shopId: number): RunCursor {
  return {
    read: () => getSyncCursor(db, { shopId, stream: ORDERS_STREAM }),
    checkpoint: (cursor) => saveSyncCursor(db, { shopId, stream: ORDERS_STREAM, cursor }),
  };
}

/**
 * Catch up with every order changed since the shop's cursor, whatever webhooks did or did not
 * arrive (Business Central's report 30104). The first run takes open orders only, or every order
 * created since the merchant's start date. The cursor advances only after a page is applied, so
 * a run that stops half way resumes where it left off.
 */
export async function reconcileOrders(shopId: number, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const db = options.db ?? getDb();
  const settings = options.settings ?? (await getShopSettings(db, shopId));
  if (!settings.orders.importEnabled) {
    return { skipped: "import disabled", firstRun: false, listed: 0, outcomes: [], cursor: null, pages: 0 };
  }
  const dryRun = options.dryRun ?? false;
  const store = options.cursor ?? storedCursor(db, shopId);
  // A preview does not even try to move the cursor (the run's cursor would refuse it too).
  const checkpoint = (value: OrdersCursor | null) =>
    dryRun ? Promise.resolve() : store.checkpoint(JSON.stringify(value));
  // Taken before paging: a first run covers every open order as of this moment.
  const startedAt = options.now ?? new Date();
  const stored = await store.read();
  const parsed = stored === undefined ? undefined : cursorSchema.safeParse(JSON.parse(stored));
  let cursor: OrdersCursor | null = parsed?.success ? parsed.data : null;
  const firstRun = cursor === null;

  const admin = options.admin ?? (await shopifyAdminForShopId(shopId));
  const query = firstRun ? firstRunQuery(settings.orders.importSince) : updatedSinceQuery(cursor!.updatedAt);
  const outcomes: ImportOutcome[] = [];
  let listed = 0;
  let pages = 0;

  for await (const page of paginate(
    admin,
    ORDERS_UPDATED_SINCE_QUERY,
    { query },
    { operation: "OrdersUpdatedSince", connection: (data) => pageSchema.parse(data).orders },
  )) {
    listed += page.nodes.length;
    pages += 1;
    const nodes = z.array(z.object({ id: z.string(), updatedAt: z.string() })).parse(page.nodes);
    const held = await storedOrderVersions(db, { shopId, shopifyOrderIds: nodes.map((n) => n.id) });
    // The overlap lists orders we already hold at that version: do not read them again.
    const changed = nodes.filter((n) => {
      const version = held.get(n.id);
      return version === undefined || version.getTime() < Date.parse(n.updatedAt);
    });
    const pageOutcomes = await importOrders(
      shopId,
      changed.map((n) => n.id),
      { admin, settings, db, dryRun },
    );
    outcomes.push(...pageOutcomes);
    // The total is unknown until the last page: progress counts the orders listed so far.
    options.progress?.({ done: listed });
    const failed = pageOutcomes.find((o) => o.action === "failed");
    if (failed) throw failed.error; // the cursor stays before this page; the job retries it

    const last = nodes.at(-1);
    if (!firstRun && last && cursor && Date.parse(last.updatedAt) >= Date.parse(cursor.updatedAt)) {
      cursor = { updatedAt: new Date(last.updatedAt).toISOString(), lastId: last.id };
      await checkpoint(cursor);
    }
  }

  if (firstRun) {
    // The first run's pages are sorted by updatedAt but filtered by status or creation date, so
    // only its end is a safe point to continue from: the start time, or a later version seen.
    cursor = { updatedAt: startedAt.toISOString(), lastId: null };
  }
  // Saved even when nothing changed: its updated_at says when the shop was last reconciled.
  await checkpoint(cursor);
  options.progress?.({ done: listed, total: listed });
  return { firstRun, listed, outcomes, cursor, pages };
}

function firstRunQuery(importSince: string | null): string {
  return importSince ? `created_at:>='${importSince}'` : "status:open";
}

function updatedSinceQuery(cursorUpdatedAt: string): string {
  const since = new Date(Date.parse(cursorUpdatedAt) - RECONCILE_OVERLAP_MS).toISOString();
  return `updated_at:>'${since}'`;
}
