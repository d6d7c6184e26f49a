import type { ProductVariantsBulkInput } from "../../../types/admin.types.d.ts";
import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { readBulkResults, startBulkMutation, waitForBulkOperation } from "../../adapters/shopify/bulk-mutation.ts";
import type { UserError } from "../../adapters/shopify/errors.ts";
import { describeUserErrors } from "../../adapters/shopify/errors.ts";
import { VARIANTS_BULK_UPDATE_MUTATION } from "../../adapters/shopify/product-queries.ts";
import type { PriceUpdate } from "./plan-price-updates.ts";

/** Changed products in one page from which one bulk mutation beats a call per product. */
export const PRICE_BULK_THRESHOLD = 50;
const BULK_WAIT_MS = 10 * 60_000;

/** One product's price changes, and what to say of them. */
export interface ProductPriceUpdate {
  productId: string;
  updates: PriceUpdate[];
}

export type PriceSendResult = { ok: true } | { ok: false; reason: string; retryLater: boolean };

function variantsInput(updates: readonly PriceUpdate[]): ProductVariantsBulkInput[] {
  return updates.map((u) => ({
    id: u.shopifyVariantId,
    ...(u.price !== undefined ? { price: u.price } : {}),
    ...(u.compareAtPrice !== undefined ? { compareAtPrice: u.compareAtPrice } : {}),
    ...(u.unitCost !== undefined ? { inventoryItem: { cost: u.unitCost } } : {}),
  }));
}

/**
 * Sends a page's price changes: one `productVariantsBulkUpdate` per product (the mutation takes one
 * product), or, from the threshold on, all of them as one bulk mutation of those calls (not charged
 * to the rate-limit bucket), its result applied per product. Returns one result per product, in
 * order, and how many mutations went out.
 */
export async function sendPriceUpdates(
  admin: AdminClient,
  batch: readonly ProductPriceUpdate[],
): Promise<{ results: PriceSendResult[]; mutations: number }> {
  if (batch.length < PRICE_BULK_THRESHOLD) {
    const results: PriceSendResult[] = [];
    for (const { productId, updates } of batch) {
      const { productVariantsBulkUpdate } = await runOperation(admin, VARIANTS_BULK_UPDATE_MUTATION, {
        productId,
        variants: variantsInput(updates),
      });
      const refused = productVariantsBulkUpdate?.userErrors ?? [];
      results.push(
        refused.length > 0 ? { ok: false, reason: describeUserErrors(refused), retryLater: false } : { ok: true },
      );
    }
    return { results, mutations: batch.length };
  }
  const started = await startBulkMutation(admin, {
    mutation: VARIANTS_BULK_UPDATE_MUTATION,
    lines: batch.map(({ productId, updates }) => ({ productId, variants: variantsInput(updates) })),
  });
  const later = (reason: string): PriceSendResult => ({ ok: false, reason, retryLater: true });
  if (!started.ok) {
    return {
      results: batch.map(() => later(`the bulk price update could not start: ${started.reason}`)),
      mutations: 1,
    };
  }
  const done = await waitForBulkOperation(admin, started.id, { timeoutMs: BULK_WAIT_MS });
  const results: Array<PriceSendResult | undefined> = new Array(batch.length);
  const url = done?.url ?? done?.partialDataUrl ?? null;
  if (url) {
    for await (const raw of readBulkResults(url)) {
      const line = raw as {
        __lineNumber?: number;
        data?: { productVariantsBulkUpdate?: { userErrors?: UserError[] } | null };
      };
      if (line.__lineNumber === undefined || line.__lineNumber >= batch.length) continue;
      const refused = line.data?.productVariantsBulkUpdate?.userErrors ?? [];
      results[line.__lineNumber] =
        refused.length > 0 ? { ok: false, reason: describeUserErrors(refused), retryLater: false } : { ok: true };
    }
  }
  const unreached = done
    ? `the bulk price update ended ${done.status} before this product`
    : "the bulk price update is still running";
  return { results: results.map((r) => r ?? later(unreached)), mutations: 1 };
}
