/**
 * What to do with one Shopify stock level (a variant at a location), from the ERP's figure and the
 * shadow of what Shopify holds (ADR 020). Pure: the run gathers the inputs and carries out the plan.
 */

export type QuantityName = "available" | "on_hand";

export interface LevelFacts {
  /** The ERP item's type: only inventory items have stock. */
  itemType: "inventory" | "service" | "nonInventory";
  /** The ERP no longer has the item. */
  itemDeleted: boolean;
  /** Shopify's inventory item is tracked; null = not read yet. */
  tracked: boolean | null;
  /** The item is stocked at the location in Shopify (false: it must be activated there first). */
  stocked: boolean;
  /** The shadow: Shopify's quantities as last known (null = not known). */
  shadow: { available: number | null; onHand: number | null };
  /** The ERP's figure, summed over the ERP locations mapped to this Shopify location. */
  erpFigure: number;
  /**
   * Units the ERP figure does not show yet: minus Shopify orders not yet in the ERP (for a figure
   * that feeds `available`), plus units the ERP shipped that Shopify has not fulfilled yet (for one
   * that feeds `on_hand`).
   */
  correction: number;
  feeds: QuantityName;
}

export type LevelPlan =
  | { kind: "set"; name: QuantityName; quantity: number; changeFrom: number }
  | { kind: "activate"; name: QuantityName; quantity: number }
  | { kind: "unchanged"; name: QuantityName; quantity: number }
  /** The shadow does not know the quantity the target is compared with: read the level first. */
  | { kind: "read" }
  /** `later`: not now, but planned again by the next run (not a property of the item). */
  | { kind: "skip"; reason: string; later?: boolean };

/** The quantity Shopify should hold: the ERP's figure with its corrections; never below zero. */
export function targetQuantity(facts: Pick<LevelFacts, "erpFigure" | "correction">): number {
  return Math.max(0, Math.round(facts.erpFigure + facts.correction));
}

export function planLevel(facts: LevelFacts): LevelPlan {
  if (facts.itemDeleted) return { kind: "skip", reason: "the item is no longer in the ERP" };
  if (facts.itemType !== "inventory") {
    return {
      kind: "skip",
      reason: `a ${facts.itemType === "service" ? "service" : "non-inventory"} item has no stock`,
    };
  }
  if (facts.tracked === null) return { kind: "read" };
  if (!facts.tracked) return { kind: "skip", reason: "the variant's inventory is not tracked in Shopify" };
  const quantity = targetQuantity(facts);
  const name = facts.feeds;
  if (!facts.stocked) return { kind: "activate", name, quantity };
  const current = name === "available" ? facts.shadow.available : facts.shadow.onHand;
  if (current === null) return { kind: "read" };
  if (current === quantity) return { kind: "unchanged", name, quantity };
  return { kind: "set", name, quantity, changeFrom: current };
}
