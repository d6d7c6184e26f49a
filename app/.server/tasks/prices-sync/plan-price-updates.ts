import { toMicros } from "../../domain/money.ts";
import type { VariantPrice } from "../products-sync/map-item-to-product.ts";

/** What the app last wrote to a Shopify variant's prices (null: never written by the app). */
export interface PriceShadow {
  shopifyVariantId: string;
  variantCode: string;
  price: string | null;
  compareAtPrice: string | null;
  unitCost: string | null;
}

export interface PriceUpdate {
  shopifyVariantId: string;
  variantCode: string;
  /** Fields to send; absent ones are left as they are in Shopify. */
  price?: string;
  /** null clears a compare-at price the app wrote itself. */
  compareAtPrice?: string | null;
  unitCost?: string;
  /** The shadow after the write. */
  next: { price: string; compareAtPrice: string | null; unitCost: string | null };
}

function same(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return toMicros(a) === toMicros(b);
}

/**
 * The price changes of one product's variants: only what differs from what the app last wrote.
 * A compare-at price the ERP does not set is never sent, so a merchant's own compare-at prices
 * survive (BC's bulk price update wrote "0" over them: BCApps PR #7949); one the app wrote earlier
 * and the ERP no longer sets is cleared. A variant the ERP cannot price is left alone.
 */
export function planPriceUpdates(
  shadows: readonly PriceShadow[],
  prices: ReadonlyMap<string, VariantPrice>,
): PriceUpdate[] {
  const updates: PriceUpdate[] = [];
  for (const shadow of shadows) {
    const wanted = prices.get(shadow.variantCode);
    if (!wanted) continue;
    const update: PriceUpdate = {
      shopifyVariantId: shadow.shopifyVariantId,
      variantCode: shadow.variantCode,
      next: { price: wanted.price, compareAtPrice: shadow.compareAtPrice, unitCost: shadow.unitCost },
    };
    let changed = false;
    if (!same(shadow.price, wanted.price)) {
      update.price = wanted.price;
      changed = true;
    }
    if (wanted.compareAtPrice !== null && !same(shadow.compareAtPrice, wanted.compareAtPrice)) {
      update.compareAtPrice = wanted.compareAtPrice;
      update.next.compareAtPrice = wanted.compareAtPrice;
      changed = true;
    } else if (wanted.compareAtPrice === null && shadow.compareAtPrice !== null) {
      update.compareAtPrice = null;
      update.next.compareAtPrice = null;
      changed = true;
    }
    if (wanted.unitCost !== null && !same(shadow.unitCost, wanted.unitCost)) {
      update.unitCost = wanted.unitCost;
      update.next.unitCost = wanted.unitCost;
      changed = true;
    }
    if (changed) updates.push(update);
  }
  return updates;
}
