import type { Lazy } from "./field-resolver.ts";
import { idOf, parseGid } from "./gid.ts";
import { idempotent } from "./idempotent.ts";
import { asList, str, type UserError } from "./input-helpers.ts";
import { newLevel, onHandOf } from "./inventory-levels.ts";
import { toCents } from "./money.ts";
import { inventoryItemPayload, inventoryLevelPayload } from "./payloads.ts";
import { emit, type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec } from "./store-types.ts";
import { inventoryItemView, inventoryLevelView } from "./views-catalog.ts";

/**
 * Stocking an item at a location (inventoryActivate, inventoryBulkToggleActivation,
 * inventoryDeactivate) and inventoryItemUpdate. A new level starts with zero of every state;
 * Shopify announces it with inventory_levels/connect (and a removed one with
 * inventory_levels/disconnect), plus inventory_levels/update when a first quantity was set.
 */

function connect(state: ShopState, item: InventoryItemRec, locationId: number, available: number, at: string): void {
  const level = newLevel(at);
  level.available = available;
  item.levels.set(locationId, level);
  item.updatedAt = at;
  emit(state, "inventory_levels/connect", inventoryLevelPayload(item, locationId));
  if (available !== 0) emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
}

/** Why a level cannot be removed, as inventoryBulkToggleActivation words it; null when it can. */
function unstockError(item: InventoryItemRec, locationId: number): { code: string; message: string } | null {
  const level = item.levels.get(locationId);
  if (!level) return null;
  if (item.levels.size === 1) {
    return {
      code: "CANNOT_DEACTIVATE_FROM_ONLY_LOCATION",
      message: "Cannot unstock an inventory item from the only location at which it is stocked.",
    };
  }
  if (level.committed > 0 && level.incoming > 0) {
    return {
      code: "COMMITTED_AND_INCOMING_INVENTORY_AT_LOCATION",
      message:
        "Cannot unstock this inventory item from this location because it has committed and incoming quantities.",
    };
  }
  if (level.committed > 0) {
    return {
      code: "COMMITTED_INVENTORY_AT_LOCATION",
      message: "Cannot unstock this inventory item from this location because it has committed quantities.",
    };
  }
  if (level.incoming > 0) {
    return {
      code: "INCOMING_INVENTORY_AT_LOCATION",
      message: "Cannot unstock this inventory item from this location because it has incoming quantities.",
    };
  }
  if (onHandOf(level) - level.available > 0) {
    return {
      code: "RESERVED_INVENTORY_AT_LOCATION",
      message: "Cannot unstock this inventory item from this location because it has unavailable quantities.",
    };
  }
  return null;
}

function disconnect(state: ShopState, item: InventoryItemRec, locationId: number): void {
  item.levels.delete(locationId);
  // The item's own stamp is what the journal sees once its level is gone.
  item.updatedAt = stamp(state);
  emit(state, "inventory_levels/disconnect", { inventory_item_id: item.id, location_id: locationId });
}

function activate(state: ShopState, args: Record<string, unknown>): object {
  const fail = (field: string, message: string) => ({
    inventoryLevel: null,
    userErrors: [{ field: [field], message }],
  });
  const item = state.inventoryItems.get(idOf(args.inventoryItemId, "InventoryItem") ?? -1);
  if (!item) return fail("inventoryItemId", "Inventory item does not exist");
  const locationId = idOf(args.locationId, "Location") ?? -1;
  const location = state.locations.get(locationId);
  if (!location) return fail("locationId", "Location does not exist");
  if (!location.isActive) return fail("locationId", "Location is not active");
  const available = typeof args.available === "number" ? args.available : null;
  const onHand = typeof args.onHand === "number" ? args.onHand : null;
  if (item.levels.has(locationId)) {
    // Already stocked: the level is answered as it is; a first quantity no longer applies.
    if (available !== null) {
      return fail(
        "available",
        "Not allowed to set available quantity when the item is already active at the location.",
      );
    }
    if (onHand !== null) {
      return fail("onHand", "Not allowed to set on_hand quantity when the item is already active at the location.");
    }
    return { inventoryLevel: inventoryLevelView(state, item, locationId), userErrors: [] };
  }
  if (available !== null && onHand !== null && available !== onHand) {
    return fail("onHand", "The available and on_hand quantities must be the same when activating an item.");
  }
  // A new level has nothing committed or unavailable, so on_hand and available are the same number.
  connect(state, item, locationId, available ?? onHand ?? 0, stamp(state));
  return { inventoryLevel: inventoryLevelView(state, item, locationId), userErrors: [] };
}

function bulkToggle(state: ShopState, args: Record<string, unknown>): object {
  const item = state.inventoryItems.get(idOf(args.inventoryItemId, "InventoryItem") ?? -1);
  if (!item) {
    return {
      inventoryItem: null,
      inventoryLevels: null,
      userErrors: [
        { field: ["inventoryItemId"], message: "The inventory item was not found.", code: "INVENTORY_ITEM_NOT_FOUND" },
      ],
    };
  }
  const updates = asList(args.inventoryItemUpdates);
  const errors: UserError[] = [];
  updates.forEach((u, i) => {
    const locationId = idOf(u.locationId, "Location") ?? -1;
    const field = ["inventoryItemUpdates", String(i), "locationId"];
    if (!state.locations.has(locationId)) {
      errors.push({ field, message: "The location was not found.", code: "LOCATION_NOT_FOUND" });
    } else if (u.activate === false) {
      const error = unstockError(item, locationId);
      if (error) errors.push({ field, ...error });
    }
  });
  // All or nothing: Shopify changes no location when one of them is refused.
  if (errors.length > 0) return { inventoryItem: null, inventoryLevels: null, userErrors: errors };
  const at = stamp(state);
  const activated: number[] = [];
  for (const u of updates) {
    const locationId = idOf(u.locationId, "Location")!;
    if (u.activate === true) {
      if (!item.levels.has(locationId)) connect(state, item, locationId, 0, at);
      activated.push(locationId);
    } else if (item.levels.has(locationId)) {
      disconnect(state, item, locationId);
    }
  }
  return {
    inventoryItem: inventoryItemView(state, item),
    inventoryLevels: activated.map((id) => inventoryLevelView(state, item, id)),
    userErrors: [],
  };
}

function deactivate(state: ShopState, args: Record<string, unknown>): object {
  const parsed = parseGid(args.inventoryLevelId);
  const itemId = Number(parsed?.params.get("inventory_item_id") ?? -1);
  const item = parsed?.type === "InventoryLevel" ? state.inventoryItems.get(itemId) : undefined;
  if (!item || !parsed || !item.levels.has(parsed.id)) {
    return { userErrors: [{ field: ["inventoryLevelId"], message: "The inventory level could not be found." }] };
  }
  const error = unstockError(item, parsed.id);
  if (error) return { userErrors: [{ field: ["inventoryLevelId"], message: error.message }] };
  disconnect(state, item, parsed.id);
  return { userErrors: [] };
}

function itemUpdate(state: ShopState, args: Record<string, unknown>): object {
  const item = state.inventoryItems.get(idOf(args.id, "InventoryItem") ?? -1);
  if (!item) return { inventoryItem: null, userErrors: [{ field: ["id"], message: "Inventory item does not exist" }] };
  const input = (args.input ?? {}) as Record<string, unknown>;
  if (typeof input.tracked === "boolean") item.tracked = input.tracked;
  if (typeof input.requiresShipping === "boolean") item.requiresShipping = input.requiresShipping;
  if (input.cost !== undefined) item.cost = input.cost === null ? null : (toCents(input.cost) ?? item.cost);
  const variant = state.variants.get(item.variantId);
  const at = stamp(state);
  if (variant && input.sku !== undefined) {
    variant.sku = str(input.sku);
    variant.updatedAt = at;
  }
  item.updatedAt = at;
  emit(state, "inventory_items/update", inventoryItemPayload(state, item));
  return { inventoryItem: inventoryItemView(state, item), userErrors: [] };
}

const named = (name: string, args: Record<string, unknown>) => `${name}:${JSON.stringify(args)}`;
const mismatchFor = (payloadKey: string) => () => ({
  [payloadKey]: null,
  userErrors: [
    {
      field: null,
      message: "The same idempotency key cannot be used with different operation parameters.",
    },
  ],
});

export const stockingMutations: Record<string, Lazy<unknown>> = {
  // Since 2026-04 inventoryActivate is refused without @idempotent(key:), like the quantity mutations.
  inventoryActivate: (args, { state }, info) =>
    idempotent(
      state,
      info,
      named("inventoryActivate", args),
      () => activate(state, args),
      mismatchFor("inventoryLevel"),
    ),
  inventoryBulkToggleActivation: (args, { state }) => bulkToggle(state, args),
  inventoryDeactivate: (args, { state }) => deactivate(state, args),
  inventoryItemUpdate: (args, { state }) => itemUpdate(state, args),
};
