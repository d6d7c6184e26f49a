import { ShopifyApiError } from "../../adapters/shopify/errors.ts";
import { coerceError } from "../../errors/coerce-error.ts";
import { saveProductProblem } from "../../queries/product-links.ts";
import type { ExportEnv } from "./export-items.ts";
import { type ExportedItem, recordWrite, waitForVariants } from "./export-outcome.ts";
import { takenHandles } from "./find-by-sku.ts";
import { writeProduct } from "./write-product.ts";
import { BULK_CREATE_THRESHOLD, createProductsInBulk } from "./write-products-bulk.ts";

/** A create of the page, admitted by the day's variant allowance, sent at the end of the page. */
export type PageCreate = ExportedItem & { handle: string; key: string | number; resumed: boolean };

/** A page's creates: one bulk mutation from the threshold on, one productSet each below it. */
export async function writeCreates(env: ExportEnv, creates: readonly PageCreate[]): Promise<void> {
  const { ctx, writeCtx } = env;
  // New products only (a pending one's handle is its own): a handle some other product uses is refused.
  const fresh = creates.filter((c) => !c.resumed).map((c) => c.handle);
  const taken = fresh.length > 0 ? await takenHandles(writeCtx.admin, fresh) : new Set<string>();
  const free = creates.filter((c) => c.resumed || !taken.has(c.handle));
  for (const create of creates.filter((c) => !c.resumed && taken.has(c.handle))) {
    const reason = `a Shopify product without the item's SKUs already uses the handle ${create.handle}: give it the SKUs to link it, or change its handle`;
    const linkId = await saveProductProblem(ctx.db, {
      shopId: ctx.shopId,
      itemNumber: create.product.itemNumber,
      erpItemId: create.product.erpItemId,
      title: create.title,
      state: "skipped",
      reason,
      now: ctx.clock.now(),
    });
    ctx.record({ type: "product", key: linkId, label: create.title, outcome: "skipped", reason });
  }
  await writeFreeCreates(env, free);
}

async function writeFreeCreates(env: ExportEnv, creates: ReadonlyArray<PageCreate>): Promise<void> {
  const { ctx, writeCtx } = env;
  if (creates.length >= BULK_CREATE_THRESHOLD) {
    const results = await createProductsInBulk(writeCtx, creates);
    for (const [i, create] of creates.entries()) await recordWrite(env, create, results[i]!);
    ctx.stat("bulk creates", creates.length);
    return;
  }
  for (const create of creates) {
    // Shopify refused an earlier one for its daily variant limit: the rest of the page waits unsent.
    const refused = env.budget.refusedReason();
    if (refused !== null) {
      await waitForVariants(env, create, { reason: refused, waits: true });
      continue;
    }
    try {
      const result = await writeProduct(writeCtx, create.product, {
        kind: "create",
        handle: create.handle,
        resumed: create.resumed,
      });
      if (result) await recordWrite(env, create, result);
    } catch (error) {
      if (error instanceof ShopifyApiError && error.retryable) throw error;
      ctx.record({
        type: "item",
        key: create.key,
        label: create.title,
        outcome: "failed",
        reason: coerceError(error).message,
      });
    }
  }
}
