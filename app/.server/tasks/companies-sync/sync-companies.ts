import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { pullEntitiesIntoMirror } from "../../catalog/pull-into-mirror.ts";
import { companiesAwaitingRead, markCompaniesGone } from "../../queries/shopify-companies.ts";
import { openUnmappedCompanyLocations } from "../../queries/unmapped-records.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { readUpdatedSinceCursor } from "../../shopify/updated-since-cursor.ts";
import { newImportCounts } from "../customers-sync/import-customers.ts";
import { handOverRateLimited, type TwoWaySyncResult } from "../customers-sync/summarize-sync.ts";
import { exportCompanyChanges } from "./export-companies.ts";
import { type CompanyImportPass, importCompanies } from "./import-companies.ts";
import {
  COMPANIES_STREAM,
  companiesOfLocations,
  COMPANY_LOCATIONS_STREAM,
  readChangedCompanies,
  readCompaniesById,
  readCompaniesWithChangedLocations,
} from "./read-shopify-companies.ts";

/** Pages of 25 changed companies per run; a burst beyond that continues in the next run. */
const MAX_PAGES = 20;
const MAX_LOCATION_PAGES = 10;
const MAX_ERP_PAGES = 20;
/** Companies read again by id per run (webhooks, Retry, errors). */
const MAX_REREADS = 200;

export type CompaniesSyncResult = TwoWaySyncResult;

/**
 * "Sync companies" (BC report 30114), both halves in one run, ERP → Shopify first (so a Shopify
 * change is seen as a conflict before the import half remembers it as the latest):
 * 1. ERP customers changed since the mirror's cursor are pulled into the mirror.
 * 2. "Can update Shopify companies": linked companies whose ERP customer changed are written to Shopify.
 * 3. Companies to read again (webhooks, Retry), the companies of locations whose orders wait
 *    ("with order"), companies whose locations changed, and companies changed since the cursor
 *    (every company on the first run: companies are few, paged, no bulk query) are mapped,
 *    created or updated in the ERP.
 */
export async function syncCompanies(ctx: RunContext): Promise<CompaniesSyncResult> {
  const c = ctx.settings.companies;
  const result: CompaniesSyncResult = {
    imports: newImportCounts(),
    exports: { changedInErp: 0, updated: 0, unchanged: 0, conflicts: 0, skipped: 0, failed: 0 },
    pulled: 0,
    waiting: null,
    continued: false,
  };
  const importing = c.import !== "none" || c.shopifyCanUpdateErp;
  if (!importing && !c.canUpdateShopify) {
    result.waiting =
      "nothing to sync: company import is None, and neither side may update the other (Settings → Companies)";
    return result;
  }
  const adapter = await ctx.erp();
  const admin = await ctx.shopify();
  const pull = await pullEntitiesIntoMirror(ctx, adapter, ["customers"], MAX_ERP_PAGES);
  result.pulled = pull.pulled;
  result.continued ||= pull.hasMore;
  if (c.canUpdateShopify) {
    const exported = await exportCompanyChanges(ctx, admin, result.exports);
    result.continued ||= exported.more;
  }
  if (!importing) return result;
  const pass: CompanyImportPass = {
    ctx,
    adapter,
    counts: result.imports,
    held: false,
    mirrorComplete: !pull.hasMore,
    rateLimitedUntil: null,
  };
  await rereadCompanies(pass, admin, result);
  if (pass.rateLimitedUntil) return rateLimited(pass, result);
  await readChangedLocations(pass, admin, result);
  if (pass.rateLimitedUntil) return rateLimited(pass, result);

  const store = ctx.cursor(COMPANIES_STREAM);
  const cursor = await readUpdatedSinceCursor(store);
  for await (const page of readChangedCompanies(admin, cursor, { maxPages: MAX_PAGES })) {
    await importCompanies(pass, page.companies);
    if (pass.rateLimitedUntil) break;
    if (!pass.held && !ctx.dryRun && page.next) await store.checkpoint(JSON.stringify(page.next));
    result.continued ||= page.more && !pass.held;
  }
  return rateLimited(pass, result);
}

/** Companies whose hash was forgotten, and those an order waits for: read by id. */
async function rereadCompanies(pass: CompanyImportPass, admin: ShopifyAdmin, result: CompaniesSyncResult) {
  const { ctx } = pass;
  const awaiting = await companiesAwaitingRead(ctx.db, { shopId: ctx.shopId, limit: MAX_REREADS });
  const waitingLocations = await openUnmappedCompanyLocations(ctx.db, { shopId: ctx.shopId, limit: MAX_REREADS });
  const ofOrders = waitingLocations.length > 0 ? await companiesOfLocations(admin, waitingLocations) : [];
  const ids = [...new Set([...awaiting, ...ofOrders])];
  if (ids.length === 0) return;
  const read = await readCompaniesById(admin, ids);
  await importCompanies(pass, read);
  if (pass.rateLimitedUntil) return;
  const found = new Set(read.map((r) => r.id));
  const gone = awaiting.filter((id) => !found.has(id));
  if (!ctx.dryRun) {
    await markCompaniesGone(ctx.db, { shopId: ctx.shopId, shopifyCompanyIds: gone, now: ctx.clock.now() });
  }
  result.continued ||= awaiting.length >= MAX_REREADS;
}

/** A location's change leaves its company's updatedAt alone: its company is read again by id. */
async function readChangedLocations(pass: CompanyImportPass, admin: ShopifyAdmin, result: CompaniesSyncResult) {
  const { ctx } = pass;
  const store = ctx.cursor(COMPANY_LOCATIONS_STREAM);
  const cursor = await readUpdatedSinceCursor(store);
  if (!cursor) {
    // The first run reads every company anyway: locations count from now on.
    if (!ctx.dryRun) await store.checkpoint(JSON.stringify({ updatedAt: ctx.clock.now().toISOString(), lastId: null }));
    return;
  }
  const changed = await readCompaniesWithChangedLocations(admin, cursor, { maxPages: MAX_LOCATION_PAGES });
  if (changed.companyIds.length > 0) await importCompanies(pass, await readCompaniesById(admin, changed.companyIds));
  if (pass.rateLimitedUntil || pass.held || ctx.dryRun) return;
  if (changed.next) await store.checkpoint(JSON.stringify(changed.next));
  result.continued ||= changed.more;
}

function rateLimited(pass: CompanyImportPass, result: CompaniesSyncResult): CompaniesSyncResult {
  return handOverRateLimited(pass.rateLimitedUntil, result);
}
