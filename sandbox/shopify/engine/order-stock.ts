import type { UserError } from "./input-helpers.ts";
import { newLevel } from "./inventory-levels.ts";
import { inventoryLevelPayload } from "./payloads.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec, OrderRec } from "./store-types.ts";

/**
 * Stock an order holds (Shopify's `committed`): placing it moves units of each tracked line from
 * available to committed at the location its fulfillment order is assigned to; shipping them
 * takes them out of committed (so on_hand drops); cancelling gives what is still held back to
 * available when restocking, or drops it from on_hand when not. What is held is kept on the order
 * (`inventoryClaims`) so each step knows where the units are. Every level changed is announced
 * with inventory_levels/update.
 */

type Touched = Map<string, { item: InventoryItemRec; locationId: number }>;

function announce(state: ShopState, touched: Touched): void {
  for (const { item, locationId } of touched.values()) {
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
  }
}

function levelAt(state: ShopState, touched: Touched, item: InventoryItemRec, locationId: number, at: string) {
  const level = item.levels.get(locationId) ?? newLevel(at);
  item.levels.set(locationId, level);
  level.updatedAt = at;
  touched.set(`${item.id}:${locationId}`, { item, locationId });
  return level;
}

/**
 * Commits stock for the order's tracked lines (`inventoryBehaviour: DECREMENT_*`, and orders
 * placed at checkout). `assignment` is where each line ships from; a line assigned to a location
 * that does not stock the item claims at the first location that does. `obeyPolicy` refuses the
 * order when a line would oversell, before anything is claimed.
 */
export function claimInventory(
  state: ShopState,
  order: OrderRec,
  assignment: Map<number, number | null>,
  obeyPolicy: boolean,
): UserError | null {
  const plan: { lineItemId: number; item: InventoryItemRec; locationId: number; quantity: number }[] = [];
  for (const [i, line] of order.lineItems.entries()) {
    const variant = line.variantId === null ? undefined : state.variants.get(line.variantId);
    const item = variant ? state.inventoryItems.get(variant.inventoryItemId) : undefined;
    if (!item || !item.tracked || line.quantity <= 0) continue;
    const assigned = assignment.get(line.id) ?? null;
    const locationId = assigned !== null && item.levels.has(assigned) ? assigned : item.levels.keys().next().value;
    if (locationId === undefined) continue;
    if (
      obeyPolicy &&
      variant?.inventoryPolicy !== "CONTINUE" &&
      item.levels.get(locationId)!.available < line.quantity
    ) {
      return {
        field: ["order", "lineItems", String(i)],
        message: "Unable to claim inventory: not enough stock",
        code: "INVENTORY_CLAIM_FAILED",
      };
    }
    plan.push({ lineItemId: line.id, item, locationId, quantity: line.quantity });
  }
  if (plan.length === 0) return null;
  const at = stamp(state);
  const touched: Touched = new Map();
  for (const p of plan) {
    const level = levelAt(state, touched, p.item, p.locationId, at);
    level.available -= p.quantity;
    level.committed += p.quantity;
    order.inventoryClaims.push({
      lineItemId: p.lineItemId,
      itemId: p.item.id,
      locationId: p.locationId,
      quantity: p.quantity,
    });
  }
  announce(state, touched);
  return null;
}

/**
 * Units of order lines shipped from `locationId` (line item id → units): they leave committed.
 * Shipped from another location than the one holding them, the hold there is released back to
 * available and the shipping location's available pays for the units instead.
 */
export function shipClaimed(
  state: ShopState,
  order: OrderRec,
  locationId: number | null,
  shipped: Map<number, number>,
  at: string,
): void {
  const touched: Touched = new Map();
  for (const [lineItemId, units] of shipped) {
    let left = units;
    // The hold at the shipping location goes first.
    const claims = order.inventoryClaims
      .filter((c) => c.lineItemId === lineItemId && c.quantity > 0)
      .sort((a, b) => Number(b.locationId === locationId) - Number(a.locationId === locationId));
    for (const claim of claims) {
      if (left <= 0) break;
      const item = state.inventoryItems.get(claim.itemId);
      const take = Math.min(left, claim.quantity);
      claim.quantity -= take;
      left -= take;
      if (!item) continue;
      const held = levelAt(state, touched, item, claim.locationId, at);
      held.committed -= take;
      if (locationId !== null && claim.locationId !== locationId) {
        held.available += take;
        levelAt(state, touched, item, locationId, at).available -= take;
      }
    }
  }
  order.inventoryClaims = order.inventoryClaims.filter((c) => c.quantity > 0);
  announce(state, touched);
}

/** orderCancel: what the order still holds leaves committed, back to available when `restock`. */
export function releaseClaims(state: ShopState, order: OrderRec, restock: boolean, at: string): void {
  const touched: Touched = new Map();
  for (const claim of order.inventoryClaims) {
    const item = state.inventoryItems.get(claim.itemId);
    if (!item || claim.quantity <= 0) continue;
    const level = levelAt(state, touched, item, claim.locationId, at);
    level.committed -= claim.quantity;
    if (restock) level.available += claim.quantity;
  }
  order.inventoryClaims = [];
  announce(state, touched);
}

/**
 * fulfillmentOrderMove: the units moved (line item id → units) stop being held at `from` (back to
 * its available) and are held at `to` instead, as Shopify moves the reservation with the order.
 */
export function moveClaims(
  state: ShopState,
  order: OrderRec,
  from: number | null,
  to: number,
  units: Map<number, number>,
  at: string,
): void {
  if (from === null || from === to) return;
  const touched: Touched = new Map();
  for (const [lineItemId, wanted] of units) {
    let left = wanted;
    for (const claim of order.inventoryClaims.filter((c) => c.lineItemId === lineItemId && c.locationId === from)) {
      if (left <= 0) break;
      const item = state.inventoryItems.get(claim.itemId);
      const take = Math.min(left, claim.quantity);
      if (!item || take <= 0) continue;
      left -= take;
      claim.quantity -= take;
      const old = levelAt(state, touched, item, from, at);
      old.committed -= take;
      old.available += take;
      const next = levelAt(state, touched, item, to, at);
      next.available -= take;
      next.committed += take;
      const there = order.inventoryClaims.find((c) => c.lineItemId === lineItemId && c.locationId === to);
      if (there) there.quantity += take;
      else order.inventoryClaims.push({ lineItemId, itemId: item.id, locationId: to, quantity: take });
    }
  }
  order.inventoryClaims = order.inventoryClaims.filter((c) => c.quantity > 0);
  announce(state, touched);
}
