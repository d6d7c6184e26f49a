import type { LevelRec } from "./store-types.ts";

/**
 * Shopify's inventory states at one location. `on_hand` is not stored: it is the sum of the states
 * that are physically there (available + committed + reserved + damaged + safety_stock +
 * quality_control); `incoming` is on its way and not part of it.
 */
export const QUANTITY_NAMES = [
  "available",
  "committed",
  "damaged",
  "incoming",
  "on_hand",
  "quality_control",
  "reserved",
  "safety_stock",
] as const;

/** The stored states, keyed by Shopify's quantity name. */
const STORED = {
  available: "available",
  committed: "committed",
  reserved: "reserved",
  damaged: "damaged",
  safety_stock: "safetyStock",
  quality_control: "qualityControl",
  incoming: "incoming",
} as const satisfies Record<string, keyof LevelRec>;
type StoredName = keyof typeof STORED;

/** The states inventoryAdjustQuantities may change (committed is Shopify's own, from orders). */
export const ADJUSTABLE_NAMES: readonly string[] = [
  "available",
  "damaged",
  "incoming",
  "quality_control",
  "reserved",
  "safety_stock",
];

export function newLevel(at: string): LevelRec {
  return {
    available: 0,
    committed: 0,
    reserved: 0,
    damaged: 0,
    safetyStock: 0,
    qualityControl: 0,
    incoming: 0,
    updatedAt: at,
  };
}

export function onHandOf(level: LevelRec): number {
  return level.available + level.committed + level.reserved + level.damaged + level.safetyStock + level.qualityControl;
}

/** The quantity Shopify reports under `name` (0 for a name it does not know). */
export function quantityOf(level: LevelRec, name: string): number {
  if (name === "on_hand") return onHandOf(level);
  const key = STORED[name as StoredName] as keyof LevelRec | undefined;
  return key ? (level[key] as number) : 0;
}

/**
 * Changes one stored state by `delta`. Setting or adjusting `on_hand` moves `available` (the
 * other states stay as they are), as Shopify does.
 */
export function shiftQuantity(level: LevelRec, name: string, delta: number): void {
  const key = name === "on_hand" ? "available" : STORED[name as StoredName];
  if (!key) return;
  (level[key] as number) += delta;
}

/**
 * The names an InventoryChange lists for a change of `name`: the state itself and on_hand when the
 * state counts towards it (incoming does not).
 */
export function changedNames(name: string): string[] {
  if (name === "on_hand") return ["on_hand", "available"];
  if (name === "incoming") return ["incoming"];
  return [name, "on_hand"];
}
