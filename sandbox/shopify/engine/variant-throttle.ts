import { GraphQLError } from "graphql";

import type { ShopState } from "./shop-state.ts";

/**
 * Shopify's variant-creation throttle (ProductCreatePayload reference; changelog "API call limits
 * will be applied to variant creation"): once a store has 50,000 variants, at most 1,000 new
 * variants a day may be created through the API. Over it, the mutation answers a top-level error
 * with code VARIANT_THROTTLE_EXCEEDED and the message below (what clients see in practice,
 * including in bulk mutation result lines) and its field is null; nothing is written. Plus stores
 * are exempt, as Shopify documents for merchants. The day is a rolling 24 hours.
 */
export const THROTTLE_THRESHOLD = 50_000;
export const DAILY_VARIANT_CREATIONS = 1_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const VARIANT_THROTTLE_MESSAGE =
  "Daily variant creation limit reached. Please try again later. See https://help.shopify.com/api/getting-started/api-call-limit for more information about rate limits and how to avoid them.";

/** Every variant of the store: its records plus the ones it holds without them (`existingVariants`). */
export function variantTotal(state: ShopState): number {
  return state.variants.size + state.existingVariants;
}

function throttled(state: ShopState): boolean {
  return state.info.plan !== "plus" && variantTotal(state) >= THROTTLE_THRESHOLD;
}

/** Variants created in the last 24 hours while the store was over the threshold. */
export function recentVariantCreations(state: ShopState): number {
  const since = state.now() - DAY_MS;
  state.variantCreations = state.variantCreations.filter(([at]) => at > since);
  return state.variantCreations.reduce((sum, [, n]) => sum + n, 0);
}

/** Throws the throttle error when creating `count` variants now would exceed the day's allowance. */
export function assertVariantCreationAllowed(state: ShopState, count: number): void {
  if (count <= 0 || !throttled(state)) return;
  if (recentVariantCreations(state) + count <= DAILY_VARIANT_CREATIONS) return;
  throw new GraphQLError(VARIANT_THROTTLE_MESSAGE, { extensions: { code: "VARIANT_THROTTLE_EXCEEDED" } });
}

/** Counts `count` created variants against the day when the store is over the threshold. */
export function recordVariantCreations(state: ShopState, count: number): void {
  if (count <= 0 || !throttled(state)) return;
  state.variantCreations.push([state.now(), count]);
}
