import { readBulkResults, startBulkMutation, waitForBulkOperation } from "../../adapters/shopify/bulk-mutation.ts";
import { PRODUCT_SET_BULK_LINE } from "../../adapters/shopify/bulk-queries.ts";
import type { UserError } from "../../adapters/shopify/errors.ts";
import { describeUserErrors } from "../../adapters/shopify/errors.ts";
import { savePendingProduct, saveProductProblem } from "../../queries/product-links.ts";
import type { PlannedProduct } from "./map-item-to-product.ts";
import { productSetInput } from "./map-product-input.ts";
import { linkCreatedProduct, type WriteContext, type WriteResult } from "./write-product.ts";

/** Creates in one run from which the bulk path is worth its fixed cost (upload, operation, result file). */
export const BULK_CREATE_THRESHOLD = 25;
/** How long a run waits for its bulk operation before leaving the creates pending for the next run. */
const BULK_WAIT_MS = 10 * 60_000;

export interface BulkCreate {
  product: PlannedProduct;
  handle: string;
}

interface ResultLine {
  __lineNumber?: number;
  data?: {
    productSet?: {
      product?: { id: string; handle: string; variants: { nodes: Array<{ id: string; sku: string | null }> } } | null;
      userErrors?: UserError[];
    } | null;
  };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * The first export of a big catalog: every create of the run as one bulk mutation of product sets
 * by handle (not charged to the rate-limit bucket), each item stored as pending with its handle
 * first. The result file is applied line by line: a refused line is that product's failed record
 * with Shopify's words, never retried silently; lines the operation did not reach stay pending and
 * the next run upserts them by handle; a line refused for Shopify's daily variant limit is
 * `waiting`. Returns one result per create, in order.
 */
export async function createProductsInBulk(ctx: WriteContext, creates: readonly BulkCreate[]): Promise<WriteResult[]> {
  const linkIds: number[] = [];
  for (const { product, handle } of creates) {
    linkIds.push(
      await savePendingProduct(ctx.db, {
        shopId: ctx.shopId,
        itemNumber: product.itemNumber,
        erpItemId: product.erpItemId,
        handle,
        title: product.title,
        now: ctx.now(),
      }),
    );
  }
  const pending = (reason: string): WriteResult[] =>
    creates.map((_, i) => ({ outcome: "skipped" as const, linkId: linkIds[i]!, reason }));
  const started = await startBulkMutation(ctx.admin, {
    mutation: PRODUCT_SET_BULK_LINE,
    lines: creates.map(({ product, handle }) => ({
      identifier: { handle },
      input: productSetInput(product, ctx.settings, handle),
    })),
  });
  if (!started.ok) return pending(`the bulk create could not start: ${started.reason}; the next run tries again`);
  const done = await waitForBulkOperation(ctx.admin, started.id, { timeoutMs: BULK_WAIT_MS });
  if (!done) return pending("Shopify is still creating the products in bulk; the next run finishes them");
  const url = done.url ?? done.partialDataUrl;
  const results: Array<WriteResult | undefined> = new Array(creates.length);
  if (url) {
    for await (const raw of readBulkResults(url)) {
      const line = raw as ResultLine;
      const index = line.__lineNumber;
      const create = index === undefined ? undefined : creates[index];
      if (index === undefined || !create) continue;
      results[index] = await applyLine(ctx, create, line, linkIds[index]!);
    }
  }
  const unreached =
    done.status === "COMPLETED"
      ? "Shopify's bulk result has no line for it"
      : `the bulk operation ended ${done.status} (${done.errorCode ?? "no code"})`;
  return results.map(
    (r, i) => r ?? { outcome: "skipped", linkId: linkIds[i]!, reason: `${unreached}; the next run tries again` },
  );
}

async function applyLine(
  ctx: WriteContext,
  create: BulkCreate,
  line: ResultLine,
  linkId: number,
): Promise<WriteResult> {
  const { product } = create;
  // Shopify's daily variant limit hit inside the operation: that line wrote nothing, the item waits.
  if (line.errors?.some((e) => e.extensions?.code === "VARIANT_THROTTLE_EXCEEDED")) {
    return { outcome: "waiting", linkId };
  }
  const payload = line.data?.productSet;
  const refused = payload?.userErrors ?? [];
  if (line.errors?.length || refused.length > 0 || !payload?.product) {
    const reason =
      refused.length > 0
        ? describeUserErrors(refused)
        : (line.errors?.map((e) => e.message).join("; ") ?? "no product in the result");
    const id = await saveProductProblem(ctx.db, {
      shopId: ctx.shopId,
      itemNumber: product.itemNumber,
      erpItemId: product.erpItemId,
      title: product.title,
      state: "error",
      reason,
      now: ctx.now(),
      refusedCreate: refused.length > 0,
    });
    return { outcome: "failed", linkId: id, reason };
  }
  await linkCreatedProduct(ctx, product, payload.product);
  return { outcome: "created", linkId };
}
