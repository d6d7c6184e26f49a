import { FULFILLABLE_STATUSES, fulfillmentOrdersOf } from "./fulfillment-orders.ts";
import { newLevel } from "./inventory-levels.ts";
import { inventoryLevelPayload } from "./payloads.ts";
import { emit, type ShopState } from "./shop-state.ts";
import type { InventoryItemRec, LineItemRec, OrderRec } from "./store-types.ts";

/**
 * What refunding order lines does to stock and to what is left to ship, per restock type:
 * units not yet shipped leave their fulfillment order, and the stock the order held for them
 * (committed) goes back to available when cancelled (CANCEL) or leaves on_hand when not restocked;
 * shipped units that come back (RETURN) are added to available at the location they return to.
 */

export type Touched = Map<string, { item: InventoryItemRec; locationId: number }>;

export function announceLevels(state: ShopState, touched: Touched): void {
  for (const { item, locationId } of touched.values()) {
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
  }
}

function trackedItem(state: ShopState, line: LineItemRec): InventoryItemRec | undefined {
  const variant = line.variantId === null ? undefined : state.variants.get(line.variantId);
  const item = variant ? state.inventoryItems.get(variant.inventoryItemId) : undefined;
  return item?.tracked ? item : undefined;
}

function levelAt(touched: Touched, item: InventoryItemRec, locationId: number, at: string) {
  const level = item.levels.get(locationId) ?? newLevel(at);
  item.levels.set(locationId, level);
  level.updatedAt = at;
  touched.set(`${item.id}:${locationId}`, { item, locationId });
  return level;
}

/**
 * Takes `units` of the line out of its open fulfillment orders (closing those left with nothing)
 * and releases what the order held for them; returns the location the held units were at.
 */
export function removeUnshipped(
  state: ShopState,
  order: OrderRec,
  line: LineItemRec,
  units: number,
  restock: boolean,
  at: string,
  touched: Touched,
): number | null {
  let left = units;
  let heldAt: number | null = null;
  for (const fo of fulfillmentOrdersOf(state, order.id)) {
    if (!FULFILLABLE_STATUSES.has(fo.status) && fo.status !== "ON_HOLD" && fo.status !== "SCHEDULED") continue;
    let changed = false;
    for (const foLine of fo.lineItems) {
      if (foLine.lineItemId !== line.id || left <= 0) continue;
      const take = Math.min(left, foLine.remainingQuantity);
      if (take <= 0) continue;
      foLine.remainingQuantity -= take;
      foLine.totalQuantity -= take;
      left -= take;
      heldAt ??= fo.locationId;
      changed = true;
    }
    if (!changed) continue;
    fo.updatedAt = at;
    // Nothing left to ship: Shopify closes the fulfillment order.
    if (fo.lineItems.every((l) => l.remainingQuantity === 0)) fo.status = "CLOSED";
  }
  let release = units;
  const item = trackedItem(state, line);
  for (const claim of order.inventoryClaims.filter((c) => c.lineItemId === line.id && c.quantity > 0)) {
    if (release <= 0) break;
    const take = Math.min(release, claim.quantity);
    claim.quantity -= take;
    release -= take;
    heldAt ??= claim.locationId;
    if (!item) continue;
    const level = levelAt(touched, item, claim.locationId, at);
    level.committed -= take;
    if (restock) level.available += take;
  }
  order.inventoryClaims = order.inventoryClaims.filter((c) => c.quantity > 0);
  return heldAt;
}

/** Shipped units that come back to `locationId` are available there again (false: the item is not tracked). */
export function restockReturned(
  state: ShopState,
  line: LineItemRec,
  units: number,
  locationId: number,
  at: string,
  touched: Touched,
): boolean {
  const item = trackedItem(state, line);
  if (!item || units <= 0) return false;
  levelAt(touched, item, locationId, at).available += units;
  return true;
}
