import type { ErpAdapter } from "../../adapters/erp/port.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { variantPrices } from "../../catalog/variant-prices.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { catalogItem } from "../../mapping/catalog-item.ts";
import { mirrorRecordsOfItems } from "../../queries/erp-records.ts";
import {
  clearVariantWait,
  productLinkOfShopifyProduct,
  productLinksOfItems,
  saveProductProblem,
  variantLinksOfItems,
} from "../../queries/product-links.ts";
import type { RunContext } from "../../runs/define-task.ts";
import { describeExportPlan } from "./describe-export-plan.ts";
import { type ExportedItem, recordWrite, waitForVariants } from "./export-outcome.ts";
import { indexSkus, matchSkus, type SkuIndex } from "./find-by-sku.ts";
import { lastSentPrices } from "./last-sent-prices.ts";
import { mapItemToProduct, type PlannedProduct } from "./map-item-to-product.ts";
import { type ExportPlan, planProductExport, type ShopifySkuMatch } from "./plan-product-export.ts";
import { newVariantsOf } from "./plan-variant-allowance.ts";
import type { VariantBudget } from "./variant-allowance.ts";
import { type PageCreate, writeCreates } from "./write-creates.ts";
import { SYNCHRONOUS_VARIANT_LIMIT, type WriteContext, writeProduct } from "./write-product.ts";

/** What every page of a run shares: the ports, the shop, and the day's variant allowance. */
export interface ExportEnv {
  ctx: RunContext;
  adapter: ErpAdapter;
  admin: AdminClient;
  writeCtx: WriteContext;
  shopName: string;
  today: string;
  budget: VariantBudget;
}

/** A run's progress over its pages: items handled, whether the feed must stay, items already done. */
export interface ExportTally {
  handled: number;
  feedUnfinished: boolean;
  seen: Set<string>;
}

/**
 * The Shopify product already carrying an item's SKUs, unless the app knows it as something else:
 * another item's product, or one the merchant unlinked or ignored (adopting it again would undo
 * their decision).
 */
async function matchBySku(ctx: RunContext, index: SkuIndex, product: PlannedProduct): Promise<ShopifySkuMatch> {
  const match = matchSkus(
    index,
    product.variants.map((v) => v.sku),
  );
  if (match.kind !== "product") return match;
  const known = await productLinkOfShopifyProduct(ctx.db, { shopId: ctx.shopId, shopifyProductId: match.productId });
  if (known === null || known.erpItemNumber === product.itemNumber) return match;
  const why =
    known.state === "ignored"
      ? "is ignored on the Products page"
      : known.erpItemNumber === null
        ? "was unlinked by the merchant: map it on its product page"
        : `is item ${known.erpItemNumber}'s`;
  return { kind: "taken", productId: match.productId, why };
}

/** An update without its new variants still worth sending (fields, variant updates, links by SKU). */
function writesWithoutCreates(plan: Extract<ExportPlan, { kind: "update" }>): boolean {
  return plan.productFields || plan.restoreStatus || plan.variantUpdates.length > 0 || plan.adopt.length > 0;
}

/**
 * Plans and writes these items (a page of the change feed, or items waiting for Shopify's daily
 * variant limit), each once per run. New variants go through the day's allowance first: a create
 * beyond it is not sent and waits, an update beyond it goes out without its new variants.
 */
export async function exportItems(env: ExportEnv, itemNumbers: readonly string[], tally: ExportTally): Promise<void> {
  const { ctx, writeCtx } = env;
  const fresh = itemNumbers.filter((n) => !tally.seen.has(n));
  if (fresh.length === 0) return;
  const [records, links, variantLinks] = await Promise.all([
    mirrorRecordsOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: fresh }),
    productLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: fresh }),
    variantLinksOfItems(ctx.db, { shopId: ctx.shopId, itemNumbers: fresh }),
  ]);
  const assembledItems = new Map(fresh.map((n) => [n, catalogItem(records.get(n) ?? [])]));
  const assembled = [...assembledItems.values()].flatMap((a) => (a.kind === "item" ? [a.catalogItem] : []));
  const prices = await variantPrices(
    env.adapter,
    ctx.settings,
    env.today,
    assembled.filter((item) => !item.deleted),
  );
  for (const item of assembled.filter((i) => i.deleted)) {
    prices.set(item.item.number, lastSentPrices(item, variantLinks.get(item.item.number) ?? []));
  }
  const mappings = new Map(
    assembled.map((item) => [
      item.item.number,
      mapItemToProduct(item, {
        settings: ctx.settings,
        shopName: env.shopName,
        prices: prices.get(item.item.number) ?? new Map(),
      }),
    ]),
  );
  // One search for the SKUs of every item of the page that has no Shopify product yet.
  const unlinkedSkus = [...mappings].flatMap(([number, mapping]) =>
    mapping.kind === "product" && !links.get(number)?.shopifyProductId
      ? mapping.product.variants.map((v) => v.sku)
      : [],
  );
  const skuIndex = unlinkedSkus.length > 0 ? await indexSkus(env.admin, unlinkedSkus) : new Map();
  const creates: PageCreate[] = [];
  for (const itemNumber of fresh) {
    const assembled = assembledItems.get(itemNumber) ?? { kind: "no-item" as const };
    // Variants or prices whose item has not come yet: the item's own change brings them along.
    if (assembled.kind === "no-item") continue;
    tally.seen.add(itemNumber);
    tally.handled += 1;
    ctx.progress({ done: tally.handled });
    const label = itemNumber;
    if (assembled.kind === "invalid") {
      ctx.record({ type: "item", key: itemNumber, label, outcome: "skipped", reason: assembled.reason });
      continue;
    }
    const mapping = mappings.get(itemNumber) ?? { kind: "skip" as const, reason: "the item could not be read" };
    const link = links.get(itemNumber) ?? null;
    const product = mapping.kind === "product" ? mapping.product : null;
    let plan: ExportPlan =
      product === null
        ? { kind: "skip" as const, reason: mapping.kind === "skip" ? mapping.reason : "" }
        : planProductExport({
            product,
            link,
            variantLinks: variantLinks.get(itemNumber) ?? [],
            match: link?.shopifyProductId ? { kind: "none" } : await matchBySku(ctx, skuIndex, product),
            canUpdateShopify: ctx.settings.products.canUpdateShopify,
          });
    const title = product?.title ?? assembled.catalogItem.item.displayName;
    const key = link?.id ?? itemNumber;
    if (ctx.dryRun) {
      ctx.record({
        type: link ? "product" : "item",
        key,
        label: title,
        outcome: plan.kind === "unchanged" ? "unchanged" : "planned",
        reason: describeExportPlan(plan),
      });
      continue;
    }
    if (plan.kind === "unchanged") {
      // Nothing to create any more (ignored, or no longer allowed to update): it stops waiting.
      if (link?.variantWaitSince) await clearVariantWait(ctx.db, { shopId: ctx.shopId, itemNumber });
      ctx.record({ type: link ? "product" : "item", key, label: title, outcome: "unchanged", reason: plan.reason });
      continue;
    }
    if (!ctx.writesAllowed && plan.kind !== "skip") {
      tally.feedUnfinished = true;
      ctx.record({
        type: link ? "product" : "item",
        key,
        label: title,
        outcome: "skipped",
        reason: "outgoing writes are off in Settings",
      });
      continue;
    }
    if (product === null) {
      // Bad ERP data: recorded on the product list with its reason; the run goes on.
      const reason = plan.kind === "skip" ? plan.reason : "";
      const linkId = await saveProductProblem(ctx.db, {
        shopId: ctx.shopId,
        itemNumber,
        erpItemId: assembled.catalogItem.erpId,
        title,
        state: "skipped",
        reason,
        now: ctx.clock.now(),
      });
      ctx.record({ type: "product", key: linkId, label: title, outcome: "skipped", reason });
      continue;
    }
    const item: ExportedItem = {
      product,
      title,
      needed: newVariantsOf(plan, product),
      waitSince: link?.variantWaitSince ?? null,
      heldBack: null,
    };
    if (item.needed > 0) {
      const admission = await env.budget.admit(item.needed);
      if (!admission.ok) {
        if (plan.kind !== "update" || !writesWithoutCreates(plan)) {
          await waitForVariants(env, item, { reason: admission.reason, waits: admission.waits });
          continue;
        }
        // The product's other changes still go out; its new variants wait.
        item.heldBack = { reason: admission.reason, waits: admission.waits, variants: plan.variantCreates.length };
        plan = { ...plan, variantCreates: [] };
        item.needed = 0;
      }
    }
    if (plan.kind === "create" && product.variants.length <= SYNCHRONOUS_VARIANT_LIMIT) {
      // Creates wait for the end of the page: many of them go out as one bulk mutation.
      creates.push({ ...item, handle: plan.handle, key, resumed: plan.resumed });
      continue;
    }
    try {
      const result = await writeProduct(writeCtx, product, plan);
      if (result) await recordWrite(env, item, result);
    } catch (error) {
      // Shopify down or throttled past the client's retries: the run fails and retries from this page.
      if (error instanceof ShopifyApiError && error.retryable) throw error;
      ctx.record({
        type: link ? "product" : "item",
        key,
        label: title,
        outcome: "failed",
        reason: coerceError(error).message,
      });
    }
  }
  await writeCreates(env, creates);
}
