import type { z } from "zod";

import { idOf } from "./gid.ts";
import { filterChanges } from "./inventory-set.ts";
import type { ShopState } from "./shop-state.ts";
import type { idempotencyResultSchema } from "./snapshot-schema.ts";
import { inventoryItemView, locationView } from "./views-catalog.ts";

type StoredResult = z.infer<typeof idempotencyResultSchema>;
type Fn = (...args: unknown[]) => unknown;

/**
 * The answer remembered for an `@idempotent` key, as data. inventorySetQuantities keeps a
 * GraphQL-ready object whose `changes`, `item` and `location` are lazy closures; those are read
 * out here (ids only) so a replay after a restart answers the same. Null: a shape this file does
 * not know, left out so a replay re-applies rather than answering with a broken payload.
 */
export function encodeIdempotentResult(result: unknown): StoredResult | null {
  if (!hasFunction(result)) return { kind: "json", value: result };
  const { inventoryAdjustmentGroup: group, userErrors } = (result ?? {}) as Record<string, unknown>;
  if (!isRecord(group) || typeof group.changes !== "function") return null;
  const rows = (group.changes as Fn)({}) as Record<string, unknown>[];
  const idOfLazy = (lazy: unknown): string => {
    const view = typeof lazy === "function" ? (lazy as Fn)() : null;
    return isRecord(view) ? String(view.id) : "";
  };
  return {
    kind: "inventoryAdjustment",
    id: String(group.id),
    createdAt: String(group.createdAt),
    reason: String(group.reason),
    referenceDocumentUri: typeof group.referenceDocumentUri === "string" ? group.referenceDocumentUri : null,
    userErrors: Array.isArray(userErrors) ? userErrors : [],
    changes: rows.map((row) => ({
      name: String(row.name),
      delta: Number(row.delta),
      quantityAfterChange: typeof row.quantityAfterChange === "number" ? row.quantityAfterChange : null,
      ledgerDocumentUri: typeof row.ledgerDocumentUri === "string" ? row.ledgerDocumentUri : null,
      itemId: idOfLazy(row.item),
      locationId: idOfLazy(row.location),
    })),
  };
}

/** The inverse of encodeIdempotentResult, with lazy fields resolved against the restored shop. */
export function decodeIdempotentResult(state: ShopState, stored: StoredResult): unknown {
  if (stored.kind === "json") return stored.value;
  const rows = stored.changes.map(({ itemId, locationId, ...row }) => ({
    __typename: "InventoryChange",
    ...row,
    itemGid: itemId,
    locationGid: locationId,
    item: () => {
      const item = state.inventoryItems.get(idOf(itemId, "InventoryItem") ?? -1);
      return item ? inventoryItemView(state, item) : null;
    },
    location: () => {
      const location = state.locations.get(idOf(locationId, "Location") ?? -1);
      return location ? locationView(state, location) : null;
    },
  }));
  return {
    inventoryAdjustmentGroup: {
      __typename: "InventoryAdjustmentGroup",
      id: stored.id,
      createdAt: stored.createdAt,
      reason: stored.reason,
      referenceDocumentUri: stored.referenceDocumentUri,
      changes: (args: Record<string, unknown>) => filterChanges(rows, args),
    },
    userErrors: stored.userErrors,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function hasFunction(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (!isRecord(value)) return false;
  return Object.values(value).some(hasFunction);
}
