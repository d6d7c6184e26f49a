import { GraphQLError, type GraphQLResolveInfo, Kind } from "graphql";

import type { Lazy } from "./field-resolver.ts";
import { gid, idOf } from "./gid.ts";
import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import { inventoryLevelPayload } from "./payloads.ts";
import { emit, nextId, type ShopState, stamp } from "./shop-state.ts";
import { inventoryItemView, locationView, quantityOf } from "./views-catalog.ts";

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

/** The `@idempotent(key:)` argument on the mutation field, from a literal or a variable. */
export function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.fieldNodes[0]?.directives?.find((d) => d.name.value === "idempotent");
  const arg = directive?.arguments?.find((a) => a.name.value === "key")?.value;
  if (!arg) return null;
  if (arg.kind === Kind.STRING) return arg.value;
  if (arg.kind === Kind.VARIABLE) return str(info.variableValues[arg.name.value]);
  return null;
}

interface Change {
  itemId: number;
  locationId: number;
  name: string;
  quantity: number;
}

function check(state: ShopState, input: Input): { changes: Change[]; errors: UserError[] } {
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
  const changes: Change[] = [];
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
        message: "The quantity can't be higher than 1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_HIGH",
      });
    }
    if (quantity < -1_000_000_000) {
      errors.push({
        field: [...field, "quantity"],
        message: "The quantity can't be lower than -1,000,000,000.",
        code: "INVALID_QUANTITY_TOO_LOW",
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
      const level = item.levels.get(locationId);
      const current = level ? quantityOf(level, name) : 0;
      if (current !== Number(q.changeFromQuantity)) {
        errors.push({
          field: [...field, "changeFromQuantity"],
          message: `The specified compare quantity does not match the current quantity (${current}).`,
          code: "CHANGE_FROM_QUANTITY_STALE",
        });
      }
    }
    changes.push({ itemId: item.id, locationId, name, quantity });
  });
  return { changes, errors };
}

function apply(state: ShopState, input: Input, changes: Change[]): object {
  const at = stamp(state);
  const rows: object[] = [];
  for (const c of changes) {
    const item = state.inventoryItems.get(c.itemId)!;
    const level = item.levels.get(c.locationId) ?? { available: 0, committed: 0, updatedAt: at };
    const delta = c.quantity - quantityOf(level, c.name);
    level.available += delta;
    level.updatedAt = at;
    item.levels.set(c.locationId, level);
    item.updatedAt = at;
    const location = state.locations.get(c.locationId)!;
    // Shopify reports the named quantity and the on_hand it moved with.
    const names = c.name === "available" ? ["available", "on_hand"] : ["on_hand", "available"];
    for (const name of names) {
      rows.push({
        __typename: "InventoryChange",
        name,
        delta,
        quantityAfterChange: quantityOf(level, name),
        ledgerDocumentUri: null,
        item: () => inventoryItemView(state, item),
        location: () => locationView(state, location),
      });
    }
    emit(state, "inventory_levels/update", inventoryLevelPayload(item, c.locationId));
  }
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", nextId(state, "Other")),
    createdAt: at,
    reason: str(input.reason) ?? "correction",
    referenceDocumentUri: str(input.referenceDocumentUri),
    changes: (args: Record<string, unknown>) =>
      rows.filter(
        (r) =>
          !Array.isArray(args.quantityNames) || (args.quantityNames as string[]).includes((r as { name: string }).name),
      ),
  };
}

export const inventoryMutations: Record<string, Lazy<unknown>> = {
  inventorySetQuantities: (args, { state }, info) => {
    const key = idempotencyKey(info);
    if (!key) {
      throw new GraphQLError("The @idempotent directive is required for this mutation.", {
        extensions: { code: "BAD_REQUEST" },
      });
    }
    const input = asInput(args.input) ?? {};
    const fingerprint = JSON.stringify(input);
    const previous = state.idempotency.get(key);
    if (previous) {
      if (previous.fingerprint === fingerprint) return previous.result;
      return {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: null,
            message: "The same idempotency key was used with different parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      };
    }
    const { changes, errors } = check(state, input);
    const result =
      errors.length > 0
        ? { inventoryAdjustmentGroup: null, userErrors: errors }
        : { inventoryAdjustmentGroup: apply(state, input, changes), userErrors: [] };
    state.idempotency.set(key, { fingerprint, result });
    return result;
  },
};
