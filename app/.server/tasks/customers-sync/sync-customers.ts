import { z } from "zod";

import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { isBulkBusy } from "../../adapters/shopify/bulk-mutation.ts";
import { pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { customersAwaitingRead, markCustomersGone } from "../../queries/shopify-customers.ts";
import { type RunContext, RunFailure } from "../../runs/define-task.ts";
import { readUpdatedSinceCursor } from "../../shopify/updated-since-cursor.ts";
import { exportCustomerChanges } from "./export-customers.ts";
import { importCustomers, type ImportPass, newImportCounts } from "./import-customers.ts";
import {
  CUSTOMERS_STREAM,
  readChangedCustomers,
  readCustomersBulkResult,
  readCustomersById,
  startCustomersBulkQuery,
} from "./read-shopify-customers.ts";
import { handOverRateLimited, type TwoWaySyncResult } from "./summarize-sync.ts";

/** Pages of 100 changed customers per run; a burst beyond that continues in the next run. */
const MAX_PAGES = 20;
/** ERP pages of customers pulled into the mirror per run. */
const MAX_ERP_PAGES = 20;
/** Customers read again by id per run (Retry, errors). */
const MAX_REREADS = 200;
/** How long a run waits for Shopify's bulk read before it hands over to the next run. */
const BULK_WAIT_MS = 20_000;
/** Customers of the bulk file planned per batch (one database read for their rows and links). */
const BULK_BATCH = 200;
/** Customers of the bulk file handled per run: a first import of 50,000 is a chain of runs that each end. */
const BULK_PER_RUN = 5_000;

const BULK_STREAM = "shopify-customers-bulk";
const bulkStateSchema = z
  .object({ id: z.string(), startedAt: z.iso.datetime(), done: z.number().int().nonnegative().default(0) })
  .nullable();

export interface CustomersSyncResult extends TwoWaySyncResult {
  /** Read by bulk query this run. */
  bulk: boolean;
}

/**
 * "Sync customers" (BC report 30100), both halves in one run, ERP → Shopify first: it must see a
 * Shopify change as a conflict before the import half remembers that change as the latest.
 * 1. ERP customers changed since the mirror's cursor are pulled into the mirror.
 * 2. "Can update Shopify customers": linked customers whose ERP record changed are written to Shopify.
 * 3. "All customers" or "Shopify can update customers": Shopify customers changed since the cursor
 *    (the first import of all customers by one bulk query), mapped, created or updated in the ERP.
 */
export async function syncCustomers(ctx: RunContext): Promise<CustomersSyncResult> {
  const c = ctx.settings.customers;
  const result: CustomersSyncResult = {
    imports: newImportCounts(),
    exports: { changedInErp: 0, updated: 0, unchanged: 0, conflicts: 0, skipped: 0, failed: 0 },
    pulled: 0,
    bulk: false,
    waiting: null,
    continued: false,
  };
  const importing = c.import === "all" || c.shopifyCanUpdateErp;
  if (!importing && !ctx.settings.customers.canUpdateShopify) {
    result.waiting =
      "nothing to sync: customers are imported with their first order, and neither side may update the other (Settings → Customers)";
    return result;
  }
  const adapter = await ctx.erp();
  const admin = await ctx.shopify();
  const pull = await pullEntitiesIntoMirror(ctx, adapter, ["customers"], MAX_ERP_PAGES);
  result.pulled = pull.pulled;
  result.continued ||= pull.hasMore;
  if (c.canUpdateShopify) {
    const exported = await exportCustomerChanges(ctx, admin, result.exports);
    result.continued ||= exported.more;
  }
  if (!importing) return result;
  const pass: ImportPass = {
    ctx,
    adapter,
    counts: result.imports,
    held: false,
    mirrorComplete: !pull.hasMore,
    rateLimitedUntil: null,
  };
  const awaiting = await customersAwaitingRead(ctx.db, { shopId: ctx.shopId, limit: MAX_REREADS });
  if (awaiting.length > 0) {
    const reread = await readCustomersById(admin, awaiting);
    await importCustomers(pass, reread);
    if (pass.rateLimitedUntil) return rateLimited(pass, result);
    const found = new Set(reread.map((r) => r.id));
    const gone = awaiting.filter((id) => !found.has(id));
    if (!ctx.dryRun) {
      await markCustomersGone(ctx.db, { shopId: ctx.shopId, shopifyCustomerIds: gone, now: ctx.clock.now() });
    }
  }
  result.continued ||= awaiting.length >= MAX_REREADS;

  const store = ctx.cursor(CUSTOMERS_STREAM);
  const cursor = await readUpdatedSinceCursor(store);
  if (!cursor && c.import !== "all") {
    // Only customers already linked (by their orders) are updated: their changes from now on.
    if (!ctx.dryRun) await store.checkpoint(JSON.stringify({ updatedAt: ctx.clock.now().toISOString(), lastId: null }));
    return result;
  }
  if (!cursor && !ctx.dryRun && ctx.writesAllowed) {
    await bulkImport(ctx, admin, pass, result);
    return rateLimited(pass, result);
  }
  // A preview, or writes off, reads page by page (a bulk query is started by a mutation, refused then).
  for await (const page of readChangedCustomers(admin, cursor, { maxPages: MAX_PAGES })) {
    await importCustomers(pass, page.customers);
    if (pass.rateLimitedUntil) break;
    if (!pass.held && !ctx.dryRun && page.next) await store.checkpoint(JSON.stringify(page.next));
    result.continued ||= page.more && !pass.held;
  }
  return rateLimited(pass, result);
}

function rateLimited(pass: ImportPass, result: CustomersSyncResult): CustomersSyncResult {
  return handOverRateLimited(pass.rateLimitedUntil, result);
}

/**
 * The first import of all customers: one bulk query (no page-by-page read of a large base),
 * streamed and planned in batches. The operation's id is kept, so a run that stops (the wait ran
 * out, or the process died) picks the same file up again; customers already handled hash as
 * unchanged. Afterwards the incremental read starts from when the bulk query started.
 */
async function bulkImport(ctx: RunContext, admin: ShopifyAdmin, pass: ImportPass, result: CustomersSyncResult) {
  const bulkStore = ctx.cursor(BULK_STREAM);
  const stored = await bulkStore.read();
  let state = stored ? bulkStateSchema.catch(null).parse(JSON.parse(stored)) : null;
  if (!state) {
    const started = await startCustomersBulkQuery(admin);
    if (!started.ok) {
      if (isBulkBusy(started.reason)) {
        result.waiting = "another bulk operation of this shop is running; the customers are read after it";
        result.continued = true;
        return;
      }
      throw new RunFailure(`Shopify did not start the bulk read of customers: ${started.reason}`);
    }
    state = { id: started.id, startedAt: ctx.clock.now().toISOString(), done: 0 };
    await bulkStore.checkpoint(JSON.stringify(state));
  }
  result.bulk = true;
  const bulk = state;
  const read = await readCustomersBulkResult(admin, {
    operationId: bulk.id,
    waitMs: BULK_WAIT_MS,
    batchSize: BULK_BATCH,
    skip: bulk.done,
    limit: BULK_PER_RUN,
    save: async (customers) => {
      // Where the next run goes on if this one stops; a batch handled twice hashes as unchanged.
      bulk.done += await importCustomers(pass, customers);
      if (!pass.held) await bulkStore.checkpoint(JSON.stringify(bulk));
    },
  });
  if (read.state === "running") {
    result.waiting = "Shopify is still reading the customers in bulk";
    result.continued = true;
    return;
  }
  if (read.state === "failed") {
    await bulkStore.checkpoint(JSON.stringify(null));
    throw new RunFailure(read.reason);
  }
  ctx.stat("customers read in bulk", read.read);
  if (pass.held || pass.rateLimitedUntil) return;
  if (!read.complete) {
    result.continued = true;
    return;
  }
  await bulkStore.checkpoint(JSON.stringify(null));
  await ctx.cursor(CUSTOMERS_STREAM).checkpoint(JSON.stringify({ updatedAt: bulk.startedAt, lastId: null }));
}
