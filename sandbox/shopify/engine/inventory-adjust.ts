import type { Lazy } from "./field-resolver.ts";
import { idOf } from "./gid.ts";
import { idempotent } from "./idempotent.ts";
import { asInput, asList, type Input, str, type UserError } from "./input-helpers.ts";
import { ADJUSTABLE_NAMES, quantityOf } from "./inventory-levels.ts";
import {
  applyLevelChanges,
  INVENTORY_REASONS,
  type LevelChange,
  MAX_INVENTORY_INPUTS,
  tooManyInputs,
} from "./inventory-set.ts";
import type { ShopState } from "./shop-state.ts";

/**
 * inventoryAdjustQuantities: deltas to one state of many levels (what a merchant's edit in the
 * admin does). Adjusting `available` takes no ledger document; every other state needs one, the
 * same for all changes, and never a gid://shopify/ one. A level not stocked yet is stocked.
 */
function check(state: ShopState, input: Input): { changes: LevelChange[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const name = str(input.name) ?? "";
  if (!ADJUSTABLE_NAMES.includes(name)) {
    errors.push({
      field: ["input", "name"],
      message: "The specified quantity name is invalid.",
      code: "INVALID_QUANTITY_NAME",
    });
  }
  if (!(INVENTORY_REASONS as readonly string[]).includes(str(input.reason) ?? "")) {
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  }
  const changes: LevelChange[] = [];
  const ledgers = new Set<string | null>();
  asList(input.changes).forEach((c, i) => {
    const field = ["input", "changes", String(i)];
    const item = state.inventoryItems.get(idOf(c.inventoryItemId, "InventoryItem") ?? -1);
    const locationId = idOf(c.locationId, "Location") ?? -1;
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
    const ledger = str(c.ledgerDocumentUri);
    ledgers.add(ledger);
    if (!ADJUSTABLE_NAMES.includes(name)) {
      // The name is already refused; which document it would need is moot.
    } else if (name === "available" && ledger !== null) {
      errors.push({
        field: [...field, "ledgerDocumentUri"],
        message: "A ledger document URI is not allowed when adjusting available.",
        code: "INVALID_AVAILABLE_DOCUMENT",
      });
    } else if (name !== "available" && ledger === null) {
      errors.push({
        field: [...field, "ledgerDocumentUri"],
        message: "A ledger document URI is required except when adjusting available.",
        code: "INVALID_QUANTITY_DOCUMENT",
      });
    } else if (ledger?.startsWith("gid://shopify/")) {
      errors.push({
        field: [...field, "ledgerDocumentUri"],
        message: "Internal (gid://shopify/) ledger documents are not allowed to be adjusted via API.",
        code: "INTERNAL_LEDGER_DOCUMENT",
      });
    }
    const level = item.levels.get(locationId);
    const current = level ? quantityOf(level, name) : 0;
    const delta = Number(c.delta);
    if (current + delta > 2_000_000_000) {
      errors.push({
        field: [...field, "delta"],
        message: "The quantity can't be higher than 2,000,000,000.",
        code: "INVALID_QUANTITY_TOO_HIGH",
      });
    }
    if (current + delta < -2_000_000_000) {
      errors.push({
        field: [...field, "delta"],
        message: "The quantity can't be lower than -2,000,000,000.",
        code: "INVALID_QUANTITY_TOO_LOW",
      });
    }
    if (!("changeFromQuantity" in c)) {
      errors.push({
        field: [...field, "changeFromQuantity"],
        message: "The changeFromQuantity field is required. Pass null to skip the check.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
    } else if (c.changeFromQuantity !== null && Number(c.changeFromQuantity) !== current) {
      errors.push({
        field: [...field, "changeFromQuantity"],
        message: "The changeFromQuantity argument no longer matches the persisted quantity.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
    }
    changes.push({ item, locationId, name, delta, ledgerDocumentUri: ledger });
  });
  if (ledgers.size > 1) {
    errors.push({
      field: ["input", "changes"],
      message:
        "All changes must have the same ledger document URI or, in the case of adjusting available, no ledger document URI.",
      code: "MAX_ONE_LEDGER_DOCUMENT",
    });
  }
  return { changes, errors };
}

export const adjustMutations: Record<string, Lazy<unknown>> = {
  inventoryAdjustQuantities: (args, { state }, info) => {
    const input = asInput(args.input) ?? {};
    const count = Array.isArray(input.changes) ? input.changes.length : 0;
    if (count > MAX_INVENTORY_INPUTS) throw tooManyInputs(count, ["input", "changes"]);
    return idempotent(
      state,
      info,
      `inventoryAdjustQuantities:${JSON.stringify(input)}`,
      () => {
        const { changes, errors } = check(state, input);
        if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };
        const group = applyLevelChanges(
          state,
          changes,
          str(input.reason) ?? "correction",
          str(input.referenceDocumentUri),
        );
        return { inventoryAdjustmentGroup: group, userErrors: [] };
      },
      () => ({
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: null,
            message: "The same idempotency key cannot be used with different operation parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      }),
    );
  },
};
