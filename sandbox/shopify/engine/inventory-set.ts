import { GraphQLError } from "graphql";

import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { idempotent } from "./idempotent.ts";
import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import { changedNames, newLevel, quantityOf, shiftQuantity } from "./inventory-levels.ts";
import { inventoryLevelPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import type { InventoryItemRec } from "./store-types.ts";
import { inventoryItemView, locationView } from "./views-catalog.ts";

export { idempotencyKey } from "./idempotent.ts";

/** Reasons Shopify accepts for inventory changes. */
export const INVENTORY_REASONS = [
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
] as const;

/** Shopify caps list inputs of inventory mutations at 250 entries. */
export const MAX_INVENTORY_INPUTS = 250;

/** The top-level error Shopify gives for a list input over its size limit (data for the field is null). */
export function tooManyInputs(count: number, path: string[]): GraphQLError {
  return new GraphQLError(
    `The input array size of ${count} is greater than the maximum allowed of ${MAX_INVENTORY_INPUTS}.`,
    { extensions: { code: "MAX_INPUT_SIZE_EXCEEDED", path } },
  );
}

/** One state of one level moved by `delta`, as an InventoryChange row will show it. */
export interface LevelChange {
  item: InventoryItemRec;
  locationId: number;
  name: string;
  delta: number;
  ledgerDocumentUri: string | null;
}

interface SetChange {
  itemId: number;
  locationId: number;
  name: string;
  quantity: number;
}

function check(state: ShopState, input: Input): { changes: SetChange[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const name = str(input.name) ?? "";
  if (name !== "available" && name !== "on_hand") {
    errors.push({
      field: ["input", "name"],
      message: "The quantity name must be either 'available' or 'on_hand'.",
      code: "INVALID_NAME",
    });
  }
  if (!(INVENTORY_REASONS as readonly string[]).includes(str(input.reason) ?? "")) {
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  }
  const changes: SetChange[] = [];
  const seen = new Set<string>();
  asList(input.quantities).forEach((q, i) => {
    const field = ["input", "quantities", String(i)];
    const item = state.inventoryItems.get(idOf(q.inventoryItemId, "InventoryItem") ?? -1);
    const locationId = idOf(q.locationId, "Location") ?? -1;
    if (!item) {
      return errors.push({
        field: [...field, "inventoryItemId"],
        message: "The specified inventory item could not be found.",
        code: "INVALID_INVENTORY_ITEM",
      });
    }
    if (!state.locations.has(locationId)) {
      return errors.push({
        field: [...field, "locationId"],
        message: "The specified location could not be found.",
        code: "INVALID_LOCATION",
      });
    }
    const pair = `${item.id}:${locationId}`;
    if (seen.has(pair)) {
      errors.push({
        field,
        message: "The combination of inventoryItemId and locationId must be unique.",
        code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      });
    }
    seen.add(pair);
    const quantity = Number(q.quantity);
    if (quantity > 1_000_000_000) {
      errors.push({
        field: [...field, "quantity"],
        message: "The total quantity can't be higher than 1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_HIGH",
      });
    }
    if (quantity < -1_000_000_000) {
      errors.push({
        field: [...field, "quantity"],
        message: "The total quantity can't be lower than -1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_LOW",
      });
    }
    // on_hand counts units physically there; only available may go below zero (oversold).
    if (name === "on_hand" && quantity < 0) {
      errors.push({
        field: [...field, "quantity"],
        message: "The quantity can't be negative.",
        code: "INVALID_QUANTITY_NEGATIVE",
      });
    }
    // Since 2026-04 changeFromQuantity must be sent; an explicit null opts out of the compare-and-set.
    if (!("changeFromQuantity" in q)) {
      errors.push({
        field: [...field, "changeFromQuantity"],
        message: "The changeFromQuantity field is required. Pass null to skip the check.",
        code: "COMPARE_QUANTITY_REQUIRED",
      });
    } else if (q.changeFromQuantity !== null) {
      // A level not stocked yet counts as zero of everything (setting it stocks the item there).
      const level = item.levels.get(locationId);
      const current = level ? quantityOf(level, name) : 0;
      if (current !== Number(q.changeFromQuantity)) {
        errors.push({
          field: [...field, "changeFromQuantity"],
          message: "The changeFromQuantity value does not match persisted value.",
          code: "CHANGE_FROM_QUANTITY_STALE",
        });
      }
    }
    changes.push({ itemId: item.id, locationId, name, quantity });
  });
  return { changes, errors };
}

/**
 * Applies state changes to levels (creating a level where the item was not stocked: 2026-10 stocks
 * it, as inventoryActivate would), emits one inventory_levels/update per level touched and returns
 * the InventoryAdjustmentGroup. Rows list the changed state and the on_hand it moved with.
 */
export function applyLevelChanges(
  state: ShopState,
  changes: LevelChange[],
  reason: string,
  referenceDocumentUri: string | null,
): object {
  const at = stamp(state);
  const rows: { name: string; [k: string]: unknown }[] = [];
  const touched = new Map<string, { item: InventoryItemRec; locationId: number }>();
  for (const c of changes) {
    const level = c.item.levels.get(c.locationId) ?? newLevel(at);
    shiftQuantity(level, c.name, c.delta);
    level.updatedAt = at;
    c.item.levels.set(c.locationId, level);
    c.item.updatedAt = at;
    const location = state.locations.get(c.locationId)!;
    const item = c.item;
    for (const name of changedNames(c.name)) {
      rows.push({
        __typename: "InventoryChange",
        name,
        delta: c.delta,
        quantityAfterChange: quantityOf(level, name),
        ledgerDocumentUri: name === c.name ? c.ledgerDocumentUri : null,
        itemGid: gid("InventoryItem", item.id),
        locationGid: gid("Location", c.locationId),
        item: () => inventoryItemView(state, item),
        location: () => locationView(state, location),
      });
    }
    touched.set(`${item.id}:${c.locationId}`, { item, locationId: c.locationId });
  }
  for (const { item, locationId } of touched.values()) {
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, locationId));
  }
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", nextId(state, "Other")),
    createdAt: at,
    reason,
    referenceDocumentUri,
    app: null,
    staffMember: null,
    changes: (args: Record<string, unknown>) => filterChanges(rows, args),
  };
}

/** `changes(quantityNames:, inventoryItemIds:, locationIds:)`: each list given narrows the rows. */
export function filterChanges<R extends { name: string; itemGid?: string; locationGid?: string }>(
  rows: R[],
  args: Record<string, unknown>,
): R[] {
  const keep = (list: unknown, value: string | undefined) =>
    !Array.isArray(list) || (value !== undefined && (list as string[]).includes(value));
  return rows.filter(
    (r) =>
      keep(args.quantityNames, r.name) &&
      keep(args.inventoryItemIds, r.itemGid) &&
      keep(args.locationIds, r.locationGid),
  );
}

function apply(state: ShopState, input: Input, changes: SetChange[]): object {
  const levelChanges = changes.map((c): LevelChange => {
    const item = state.inventoryItems.get(c.itemId)!;
    const level = item.levels.get(c.locationId);
    return {
      item,
      locationId: c.locationId,
      name: c.name,
      delta: c.quantity - (level ? quantityOf(level, c.name) : 0),
      ledgerDocumentUri: null,
    };
  });
  return applyLevelChanges(state, levelChanges, str(input.reason) ?? "correction", str(input.referenceDocumentUri));
}

const mismatch = () => ({
  inventoryAdjustmentGroup: null,
  userErrors: [
    {
      field: null,
      message: "The same idempotency key cannot be used with different operation parameters.",
      code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
    },
  ],
});

export const inventoryMutations: Record<string, Lazy<unknown>> = {
  inventorySetQuantities: (args, { state }, info) => {
    const input = asInput(args.input) ?? {};
    const count = Array.isArray(input.quantities) ? input.quantities.length : 0;
    if (count > MAX_INVENTORY_INPUTS) throw tooManyInputs(count, ["input", "quantities"]);
    return idempotent(
      state,
      info,
      JSON.stringify(input),
      () => {
        const { changes, errors } = check(state, input);
        return errors.length > 0
          ? { inventoryAdjustmentGroup: null, userErrors: errors }
          : { inventoryAdjustmentGroup: apply(state, input, changes), userErrors: [] };
      },
      mismatch,
    );
  },
};
