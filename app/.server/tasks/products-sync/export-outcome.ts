import { saveProductProblem, saveVariantsWaiting } from "../../queries/product-links.ts";
import type { ExportEnv } from "./export-items.ts";
import type { PlannedProduct } from "./map-item-to-product.ts";
import type { WriteResult } from "./write-product.ts";

/** One item on its way out, with what the day's variant allowance said about it. */
export interface ExportedItem {
  product: PlannedProduct;
  title: string;
  /** New variants the write creates (0 when none, or when they were held back). */
  needed: number;
  /** Since when the item already waited for the daily variant limit (kept, so it stays in line). */
  waitSince: Date | null;
  /** An update sent without its new variants: why, and how many wait. */
  heldBack: { reason: string; waits: boolean; variants: number } | null;
}

/**
 * An item whose new variants are not sent this run. `waits`: kept in line for a later run (the
 * Products page shows the reason); otherwise (more than a day's allowance) a plain skip.
 */
export async function waitForVariants(
  env: ExportEnv,
  item: ExportedItem,
  why: { reason: string; waits: boolean },
  variants = item.product.variants.length,
): Promise<void> {
  const { ctx } = env;
  const now = ctx.clock.now();
  const base = {
    shopId: ctx.shopId,
    itemNumber: item.product.itemNumber,
    erpItemId: item.product.erpItemId,
    title: item.title,
    reason: why.reason,
    now,
  };
  const linkId = why.waits
    ? await saveVariantsWaiting(ctx.db, { ...base, variants, since: item.waitSince ?? now })
    : await saveProductProblem(ctx.db, { ...base, state: "skipped" });
  ctx.record({ type: "product", key: linkId, label: item.title, outcome: "skipped", reason: why.reason });
}

/** A linked product whose other changes went out while `variants` new variants wait. */
async function updatedWithVariantsWaiting(
  env: ExportEnv,
  item: ExportedItem,
  linkId: number,
  why: { reason: string; waits: boolean; variants: number },
): Promise<void> {
  const { ctx } = env;
  if (why.waits) {
    const now = ctx.clock.now();
    await saveVariantsWaiting(ctx.db, {
      shopId: ctx.shopId,
      itemNumber: item.product.itemNumber,
      erpItemId: item.product.erpItemId,
      title: item.title,
      reason: why.reason,
      variants: why.variants,
      since: item.waitSince ?? now,
      now,
    });
  }
  ctx.record({
    type: "product",
    key: linkId,
    label: item.title,
    outcome: "updated",
    reason: `${why.variants} new variant(s) not sent: ${why.reason}`,
  });
}

/**
 * A write's result as the run's record, with the day's variant allowance told what happened: new
 * variants made count against it; Shopify's VARIANT_THROTTLE_EXCEEDED (another app used the day
 * too) closes it for the run, and the item waits like one the allowance held back.
 */
export async function recordWrite(env: ExportEnv, item: ExportedItem, result: WriteResult): Promise<void> {
  const { ctx, budget } = env;
  switch (result.outcome) {
    case "waiting":
      await waitForVariants(env, item, { reason: budget.refused(), waits: true });
      return;
    case "updated": {
      if (result.variantsWaiting) {
        const reason = budget.refused();
        await updatedWithVariantsWaiting(env, item, result.linkId, {
          reason,
          waits: true,
          variants: result.variantsWaiting,
        });
        return;
      }
      budget.created(item.needed);
      if (item.heldBack) {
        await updatedWithVariantsWaiting(env, item, result.linkId, item.heldBack);
        return;
      }
      break;
    }
    case "created":
      budget.created(item.needed);
      break;
    case "skipped":
    case "failed":
      break;
  }
  const reason = "reason" in result ? result.reason : result.note;
  ctx.record({
    type: "product",
    key: result.linkId,
    label: item.title,
    outcome: result.outcome,
    ...(reason ? { reason } : {}),
  });
}
