import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import type { LevelWrite } from "../../queries/inventory-levels.ts";
import { activateLevels } from "./activate-levels.ts";
import type { PlannedLevel } from "./plan-items.ts";
import type { QuantityName } from "./plan-level.ts";
import { QUANTITIES_PER_CALL, setQuantities } from "./send-quantities.ts";

/** A stale compare is re-read and sent again this many times; then the level waits for the next run. */
export const STALE_TRIES = 3;

export type LevelWriteResult =
  | { kind: "updated"; level: PlannedLevel; from: number | null; to: number; write: LevelWrite }
  | { kind: "failed"; level: PlannedLevel; reason: string }
  /** Not written this run (stale compare after every try, bulk activation unfinished): the next run plans it again. */
  | { kind: "later"; level: PlannedLevel; reason: string };

export interface WriteInput {
  admin: ShopifyAdmin;
  /** Names our run on each adjustment (Shopify shows it in the item's inventory history). */
  referenceDocumentUri: string;
  levels: readonly PlannedLevel[];
  /**
   * Reads these levels again from Shopify after a stale compare, saves what it read in the shadow,
   * and returns them planned again.
   */
  replan: (levels: readonly PlannedLevel[]) => Promise<PlannedLevel[]>;
}

/**
 * Carries out the set and activate plans of a page: sets grouped by quantity name, 250 a call,
 * compare-and-set against the shadow; a stale compare (someone changed the quantity in Shopify since
 * we last knew it) is re-read and re-planned, STALE_TRIES times at most; activations in one go.
 */
export async function writeLevels(input: WriteInput): Promise<LevelWriteResult[]> {
  const results: LevelWriteResult[] = [];
  let pending = input.levels.filter((l) => l.plan.kind === "set" || l.plan.kind === "activate");
  for (let attempt = 1; pending.length > 0; attempt++) {
    const stale: PlannedLevel[] = [];
    for (const name of ["available", "on_hand"] as const) {
      const sets = pending.filter((l) => l.plan.kind === "set" && l.plan.name === name);
      for (let i = 0; i < sets.length; i += QUANTITIES_PER_CALL) {
        stale.push(...(await sendSets(input, name, sets.slice(i, i + QUANTITIES_PER_CALL), results)));
      }
    }
    await activate(
      input.admin,
      pending.filter((l) => l.plan.kind === "activate"),
      results,
    );
    if (stale.length === 0) break;
    if (attempt >= STALE_TRIES) {
      for (const level of stale) {
        results.push({
          kind: "later",
          level,
          reason: `Shopify's quantity kept changing while we wrote it (${STALE_TRIES} tries); the next run tries again`,
        });
      }
      break;
    }
    const replanned = await input.replan(stale);
    pending = [];
    for (const level of replanned) {
      if (level.plan.kind === "set" || level.plan.kind === "activate") pending.push(level);
      else if (level.plan.kind === "unchanged") {
        // Whoever changed it brought it to the ERP's figure: nothing left to write (from = to).
        results.push({
          kind: "updated",
          level,
          from: level.plan.quantity,
          to: level.plan.quantity,
          write: written(level, level.plan, level.plan.quantity, new Date()),
        });
      } else {
        results.push({
          kind: "later",
          level,
          reason: level.plan.kind === "skip" ? level.plan.reason : "Shopify's quantity could not be read again",
        });
      }
    }
  }
  return results;
}

/** What a level holds in Shopify after a write (or a re-read found it at its target). */
function written(
  level: PlannedLevel,
  plan: { name: QuantityName; quantity: number },
  quantity: number,
  at: Date,
  activated = false,
): LevelWrite {
  return {
    inventoryItemId: level.inventoryItemId ?? "",
    locationId: level.location.shopifyLocationId,
    name: plan.name,
    quantity,
    target: plan.quantity,
    at,
    activated,
  };
}

/** One call of up to 250; returns the levels whose compare was stale. */
async function sendSets(
  input: WriteInput,
  name: QuantityName,
  sets: readonly PlannedLevel[],
  results: LevelWriteResult[],
): Promise<PlannedLevel[]> {
  const outcomes = await setQuantities(input.admin, {
    name,
    reason: "correction",
    referenceDocumentUri: input.referenceDocumentUri,
    quantities: sets.map((l) => {
      const plan = l.plan as Extract<PlannedLevel["plan"], { kind: "set" }>;
      return {
        inventoryItemId: l.inventoryItemId ?? "",
        locationId: l.location.shopifyLocationId,
        quantity: plan.quantity,
        changeFrom: plan.changeFrom,
      };
    }),
  });
  const stale: PlannedLevel[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const level = sets[i]!;
    const plan = level.plan as Extract<PlannedLevel["plan"], { kind: "set" }>;
    if (outcome.kind === "stale") stale.push(level);
    else if (outcome.kind === "failed") results.push({ kind: "failed", level, reason: outcome.reason });
    else {
      results.push({
        kind: "updated",
        level,
        from: plan.changeFrom,
        to: outcome.quantityAfter,
        write: written(level, plan, outcome.quantityAfter, outcome.at),
      });
    }
  }
  return stale;
}

async function activate(
  admin: ShopifyAdmin,
  levels: readonly PlannedLevel[],
  results: LevelWriteResult[],
): Promise<void> {
  if (levels.length === 0) return;
  const outcomes = await activateLevels(
    admin,
    levels.map((l) => {
      const plan = l.plan as Extract<PlannedLevel["plan"], { kind: "activate" }>;
      return {
        inventoryItemId: l.inventoryItemId ?? "",
        locationId: l.location.shopifyLocationId,
        name: plan.name,
        quantity: plan.quantity,
      };
    }),
  );
  for (const [i, outcome] of outcomes.entries()) {
    const level = levels[i]!;
    const plan = level.plan as Extract<PlannedLevel["plan"], { kind: "activate" }>;
    if (outcome.kind === "activated") {
      const after = (plan.name === "available" ? outcome.available : outcome.onHand) ?? plan.quantity;
      results.push({
        kind: "updated",
        level,
        from: null,
        to: after,
        write: written(level, plan, after, outcome.at, true),
      });
    } else results.push({ kind: outcome.kind, level, reason: outcome.reason });
  }
}
