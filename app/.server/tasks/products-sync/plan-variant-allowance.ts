import { z } from "zod";

import { countOf, formatDateTime } from "../../format/format.ts";
import type { PlannedProduct } from "./map-item-to-product.ts";
import type { ExportPlan } from "./plan-product-export.ts";

/**
 * Shopify's variant-creation throttle (ProductCreatePayload reference; changelog "API call limits
 * will be applied to variant creation"): a store that has 50,000 variants may create at most 1,000
 * new ones through the API in a rolling 24 hours; Shopify Plus stores are exempt. Past it the
 * mutation answers VARIANT_THROTTLE_EXCEEDED and writes nothing. A run spreads its creates over the
 * days instead of finding out product by product.
 */
export const VARIANT_THROTTLE_THRESHOLD = 50_000;
export const DAILY_NEW_VARIANTS = 1_000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Variants the app created: [ms since the epoch, how many]. */
export type OwnCreation = readonly [at: number, count: number];

const ownCreationsSchema = z.object({
  created: z.array(z.tuple([z.number().int(), z.number().int().min(0)])),
});

/**
 * The app's own creations of the last 24 hours from the stored cursor (JSON). Anything unreadable
 * is taken as none: Shopify still refuses what is over the limit, and the run handles that answer.
 */
export function readOwnCreations(stored: string | null | undefined, nowMs: number): OwnCreation[] {
  if (!stored) return [];
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return [];
  }
  const parsed = ownCreationsSchema.safeParse(json);
  return parsed.success ? pruneCreations(parsed.data.created, nowMs) : [];
}

/** The stored form: only the last 24 hours, so the cursor stays small. */
export function writeOwnCreations(creations: readonly OwnCreation[], nowMs: number): string {
  return JSON.stringify({ created: pruneCreations(creations, nowMs) });
}

function pruneCreations(creations: readonly OwnCreation[], nowMs: number): OwnCreation[] {
  return creations.filter(([at, count]) => at > nowMs - DAY_MS && count > 0);
}

/**
 * How many new variants a run may still send. `unlimited`: a Plus store. `daily`: `headroom`
 * variants until the store reaches the threshold, then the day's 1,000 less what is in
 * `creations` (the app's own of the last 24 hours plus what this run admitted). `stoppedUntil`
 * is set once something had to wait: from then on the run sends no new variants (waiting items go
 * out oldest first, so a later, smaller one does not jump the queue).
 */
export type VariantAllowance =
  { kind: "unlimited" } | { kind: "daily"; headroom: number; creations: OwnCreation[]; stoppedUntil: number | null };

export function planVariantAllowance(input: {
  shopifyPlus: boolean;
  /** productVariantsCount, capped above the threshold. */
  variantCount: number;
  /** The app's own creations of the last 24 hours. */
  creations: readonly OwnCreation[];
  nowMs: number;
}): VariantAllowance {
  if (input.shopifyPlus) return { kind: "unlimited" };
  return {
    kind: "daily",
    headroom: Math.max(0, VARIANT_THROTTLE_THRESHOLD - input.variantCount),
    creations: pruneCreations(input.creations, input.nowMs),
    stoppedUntil: null,
  };
}

/** What the admission of one item's new variants decided. */
export type Admission =
  | { ok: true }
  /** Wait until `untilMs` (or longer, if other apps create variants too). */
  | { ok: false; kind: "wait"; untilMs: number }
  /** More new variants than Shopify allows in a day: never created by the app. */
  | { ok: false; kind: "too-many" };

/** Admits `needed` new variants now, or says until when they wait; returns the allowance after it. */
export function admitNewVariants(
  allowance: VariantAllowance,
  needed: number,
  nowMs: number,
): { admission: Admission; allowance: VariantAllowance } {
  if (allowance.kind === "unlimited" || needed <= 0) return { admission: { ok: true }, allowance };
  const fromHeadroom = Math.min(allowance.headroom, needed);
  const charged = needed - fromHeadroom;
  if (charged > DAILY_NEW_VARIANTS) return { admission: { ok: false, kind: "too-many" }, allowance };
  if (allowance.stoppedUntil !== null) {
    return { admission: { ok: false, kind: "wait", untilMs: allowance.stoppedUntil }, allowance };
  }
  const creations = pruneCreations(allowance.creations, nowMs);
  const used = creations.reduce((sum, [, count]) => sum + count, 0);
  if (charged <= DAILY_NEW_VARIANTS - used) {
    return {
      admission: { ok: true },
      allowance: {
        ...allowance,
        headroom: allowance.headroom - fromHeadroom,
        creations: charged > 0 ? [...creations, [nowMs, charged]] : creations,
      },
    };
  }
  const untilMs = freedAt(creations, charged - (DAILY_NEW_VARIANTS - used), nowMs);
  return {
    admission: { ok: false, kind: "wait", untilMs },
    allowance: { ...allowance, creations, stoppedUntil: untilMs },
  };
}

/** When the oldest creations have left the 24-hour window far enough to free `deficit` variants. */
function freedAt(creations: readonly OwnCreation[], deficit: number, nowMs: number): number {
  let freed = 0;
  for (const [at, count] of [...creations].sort((a, b) => a[0] - b[0])) {
    freed += count;
    if (freed >= deficit) return at + DAY_MS;
  }
  return nowMs + DAY_MS;
}

/**
 * Shopify answered VARIANT_THROTTLE_EXCEEDED although the app's own count allowed it: another app
 * (or the merchant) created variants too. Nothing more is sent this run; a day from now is the
 * latest the window can be full of what was there before.
 */
export function refusedByShopify(allowance: VariantAllowance, nowMs: number): VariantAllowance {
  if (allowance.kind === "unlimited") {
    return { kind: "daily", headroom: 0, creations: [], stoppedUntil: nowMs + DAY_MS };
  }
  return { ...allowance, headroom: 0, stoppedUntil: Math.max(allowance.stoppedUntil ?? 0, nowMs + DAY_MS) };
}

/** The variants an item's plan would create in Shopify: all of a new product's, or the ones added to a linked one. */
export function newVariantsOf(plan: ExportPlan, product: Pick<PlannedProduct, "variants">): number {
  if (plan.kind === "create") return product.variants.length;
  if (plan.kind === "update") return plan.variantCreates.length;
  return 0;
}

/** The reason a waiting item's record and its product link carry (the Products page shows it). */
export function describeVariantWait(admission: Exclude<Admission, { ok: true }>, timeZone: string | null): string {
  if (admission.kind === "too-many") {
    return `the item needs more new variants than the ${DAILY_NEW_VARIANTS.toLocaleString("en-US")} a day Shopify allows for stores over ${VARIANT_THROTTLE_THRESHOLD.toLocaleString("en-US")} variants: create its product in Shopify, then map it`;
  }
  return `Shopify allows ${DAILY_NEW_VARIANTS.toLocaleString("en-US")} new variants a day for stores over ${VARIANT_THROTTLE_THRESHOLD.toLocaleString("en-US")} variants; waiting until ${formatDateTime(new Date(admission.untilMs), timeZone)}`;
}

/** The run summary's sentence about waiting variants; null when none wait. */
export function describeWaitingVariants(variants: number): string | null {
  if (variants <= 0) return null;
  return `${countOf(variants, "variant")} ${variants === 1 ? "waits" : "wait"} for Shopify's daily variant limit`;
}
