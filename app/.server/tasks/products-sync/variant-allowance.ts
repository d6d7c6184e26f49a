import type { AdminClient } from "../../adapters/shopify/admin-client.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { VARIANT_ALLOWANCE_QUERY } from "../../adapters/shopify/product-queries.ts";
import type { RunCursor } from "../../runs/define-task.ts";
import {
  admitNewVariants,
  describeVariantWait,
  type OwnCreation,
  planVariantAllowance,
  readOwnCreations,
  refusedByShopify,
  VARIANT_THROTTLE_THRESHOLD,
  type VariantAllowance,
  writeOwnCreations,
} from "./plan-variant-allowance.ts";

/** The app's own variant creations of the last 24 hours (JSON, see plan-variant-allowance.ts). */
export const OWN_VARIANT_CREATIONS_STREAM = "products:own-variant-creations";

/** `waits`: the item goes out on a later run; false when it can never fit in a day (no use feeding it back). */
export type VariantAdmission = { ok: true } | { ok: false; reason: string; waits: boolean };

/**
 * One run's share of Shopify's daily variant-creation limit. The store is asked once, at the
 * first item that needs new variants (a run that creates nothing asks nothing); a Plus store is
 * never limited and keeps no record. The app's own creations are kept in a cursor, pruned to 24
 * hours, because Shopify does not tell how much of the day is used.
 */
export interface VariantBudget {
  /** Whether an item needing `needed` new variants may send them now; otherwise the reason it waits. */
  admit(needed: number): Promise<VariantAdmission>;
  /** Whether anything at all can be created now (before the waiting items are planned again). */
  hasRoom(): Promise<boolean>;
  /** `count` variants were created. */
  created(count: number): void;
  /** Shopify answered VARIANT_THROTTLE_EXCEEDED: nothing more this run. Returns the reason for the record. */
  refused(): string;
  /** After Shopify refused: the reason admitted creates not sent yet wait too; null before. */
  refusedReason(): string | null;
  /** Stores the creations since the last save. */
  save(): Promise<void>;
}

export function variantBudget(input: {
  admin: AdminClient;
  cursor: RunCursor;
  now: () => Date;
  timeZone: string | null;
}): VariantBudget {
  let allowance: VariantAllowance | null = null;
  let stored: OwnCreation[] = [];
  let unsaved = 0;
  let refusal: string | null = null;

  const load = async (): Promise<VariantAllowance> => {
    if (allowance) return allowance;
    const [data, saved] = await Promise.all([
      runOperation(input.admin, VARIANT_ALLOWANCE_QUERY, {}),
      input.cursor.read(),
    ]);
    const nowMs = input.now().getTime();
    stored = readOwnCreations(saved, nowMs);
    allowance = planVariantAllowance({
      shopifyPlus: data.shop.plan.shopifyPlus,
      // No count is taken as a store at the threshold: Shopify's answer to a create still decides.
      variantCount: data.productVariantsCount?.count ?? VARIANT_THROTTLE_THRESHOLD,
      creations: stored,
      nowMs,
    });
    return allowance;
  };

  return {
    async admit(needed) {
      const current = await load();
      const decided = admitNewVariants(current, needed, input.now().getTime());
      allowance = decided.allowance;
      return decided.admission.ok
        ? { ok: true }
        : {
            ok: false,
            reason: describeVariantWait(decided.admission, input.timeZone),
            waits: decided.admission.kind === "wait",
          };
    },
    async hasRoom() {
      const current = await load();
      return admitNewVariants(current, 1, input.now().getTime()).admission.ok;
    },
    created(count) {
      if (allowance?.kind === "daily") unsaved += count;
    },
    refused() {
      const nowMs = input.now().getTime();
      allowance = refusedByShopify(allowance ?? { kind: "unlimited" }, nowMs);
      const until = allowance.kind === "daily" ? (allowance.stoppedUntil ?? nowMs) : nowMs;
      refusal = describeVariantWait({ ok: false, kind: "wait", untilMs: until }, input.timeZone);
      return refusal;
    },
    refusedReason: () => refusal,
    async save() {
      if (unsaved === 0) return;
      const nowMs = input.now().getTime();
      // Stamped at the save, a little after the creates: the window frees them a little late, never early.
      stored = [...stored, [nowMs, unsaved]];
      unsaved = 0;
      await input.cursor.checkpoint(writeOwnCreations(stored, nowMs));
    },
  };
}
