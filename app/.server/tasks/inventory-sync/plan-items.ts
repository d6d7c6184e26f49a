import { levelKey, type ShadowLevel, type UnitsByLevel } from "../../domain/stock-levels.ts";
import { catalogItem, type MirroredRecord } from "../../mapping/catalog-item.ts";
import { type LevelFacts, type LevelPlan, planLevel } from "./plan-level.ts";
import { stockFigures, type StockLocation } from "./stock-figures.ts";

/** One linked ERP item of a page, with what the run knows of it. */
export interface ItemFacts {
  itemNumber: string;
  /** The run record's key (the product link's id, else the item number) and label. */
  recordKey: string | number;
  records: readonly MirroredRecord[];
  variants: ReadonlyArray<{ variantCode: string; shopifyVariantId: string }>;
}

export interface PageFacts {
  locations: readonly StockLocation[];
  items: readonly ItemFacts[];
  /** The shadow, by levelKey(variantId, locationId). */
  levels: ReadonlyMap<string, ShadowLevel>;
  notYetInErp: UnitsByLevel;
  shippedNotFulfilled: UnitsByLevel;
  /**
   * When the last shipments sync that finished started (null: none yet), and now. An on-hand
   * figure that dropped after it may be a shipment the app has not seen: Shopify still counts the
   * units as committed, so lowering on hand now would take them off twice. Such a drop waits for
   * the shipments sync, an hour at most (then the ERP's figure is taken as it is).
   */
  shipmentsPulledSince: Date | null;
  now: Date;
}

/** How long an on-hand drop waits for the shipments sync before it is sent anyway. */
export const SHIPMENT_WAIT_MS = 60 * 60_000;

/** One level's plan, with what the run records and writes it by. */
export interface PlannedLevel {
  itemNumber: string;
  recordKey: string | number;
  label: string;
  variantCode: string;
  variantId: string;
  /** null until Shopify's inventory item is known (a level not read yet). */
  inventoryItemId: string | null;
  location: StockLocation;
  /** What the plan was made from (a stale compare re-plans from them with the level read again). */
  facts: LevelFacts;
  plan: LevelPlan;
}

export interface PagePlan {
  levels: PlannedLevel[];
  /** Items planned as a whole: none of their levels is written. */
  skippedItems: Array<{ itemNumber: string; recordKey: string | number; label: string; reason: string }>;
}

/**
 * Plans every level of a page of items (variant × synced location), from the ERP figures in the
 * mirror, the shadow and the corrections for orders the ERP does not show yet (ADR 020). Pure.
 */
export function planItems(facts: PageFacts): PagePlan {
  const plan: PagePlan = { levels: [], skippedItems: [] };
  for (const item of facts.items) {
    const assembled = catalogItem(item.records);
    if (assembled.kind !== "item") {
      plan.skippedItems.push({
        itemNumber: item.itemNumber,
        recordKey: item.recordKey,
        label: item.itemNumber,
        reason: assembled.kind === "invalid" ? assembled.reason : "the ERP item has not been read yet",
      });
      continue;
    }
    const { item: erpItem, deleted } = assembled.catalogItem;
    const figureOf = stockFigures(item.records, facts.locations);
    for (const variant of item.variants) {
      const label = variant.variantCode ? `${erpItem.displayName} (${variant.variantCode})` : erpItem.displayName;
      for (const location of facts.locations) {
        const key = levelKey(variant.shopifyVariantId, location.shopifyLocationId);
        const shadow = facts.levels.get(key);
        const feeds = location.calculation.feeds;
        const correction =
          feeds === "available" ? -(facts.notYetInErp.get(key) ?? 0) : (facts.shippedNotFulfilled.get(key) ?? 0);
        const stock = figureOf(variant.variantCode, location.shopifyLocationId);
        const figure = stock?.quantity ?? null;
        const levelFacts: LevelFacts = {
          itemType: erpItem.type,
          itemDeleted: deleted,
          tracked: shadow ? shadow.tracked : null,
          stocked: shadow?.stocked ?? false,
          shadow: { available: shadow?.available ?? null, onHand: shadow?.onHand ?? null },
          erpFigure: figure ?? 0,
          correction,
          feeds,
        };
        plan.levels.push({
          itemNumber: item.itemNumber,
          recordKey: item.recordKey,
          label,
          variantCode: variant.variantCode,
          variantId: variant.shopifyVariantId,
          inventoryItemId: shadow?.inventoryItemId ?? null,
          location,
          facts: levelFacts,
          plan:
            figure === null && erpItem.type === "inventory" && !deleted
              ? { kind: "skip", reason: `the ERP has no "${location.calculation.label}" figure for it yet` }
              : waitForShipments(planLevel(levelFacts), levelFacts, stock?.changedAt ?? null, facts),
        });
      }
    }
  }
  return plan;
}

/** An on-hand drop newer than the last shipments sync waits for it (see PageFacts.shipmentsPulledSince). */
function waitForShipments(
  plan: LevelPlan,
  level: LevelFacts,
  changedAt: Date | null,
  facts: Pick<PageFacts, "shipmentsPulledSince" | "now">,
): LevelPlan {
  if (plan.kind !== "set" || plan.name !== "on_hand" || plan.quantity >= plan.changeFrom || !changedAt) return plan;
  // Only units Shopify holds for unfulfilled orders (on hand above available) can be shipped by the
  // ERP unseen; with none, the drop is a count or a sale made elsewhere.
  const unfulfilled = (level.shadow.onHand ?? 0) - (level.shadow.available ?? 0);
  if (unfulfilled <= 0) return plan;
  const seen = facts.shipmentsPulledSince !== null && facts.shipmentsPulledSince > changedAt;
  if (seen || facts.now.getTime() - changedAt.getTime() > SHIPMENT_WAIT_MS) return plan;
  return {
    kind: "skip",
    later: true,
    reason: `on hand ${plan.changeFrom} → ${plan.quantity} waits for the shipments sync: the drop may be a shipment Shopify has not fulfilled yet`,
  };
}

/** How a level's change reads on the run page: "available at Warehouse 3 → 5". */
export function describeLevel(level: PlannedLevel, from: number | null, to: number): string {
  const name =
    level.plan.kind === "skip" || level.plan.kind === "read" ? level.location.calculation.feeds : level.plan.name;
  return `${name} at ${level.location.name}${from === null ? "" : ` ${from} →`} ${to}`;
}
