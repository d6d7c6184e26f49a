import { randomUUID } from "node:crypto";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { INVENTORY_SET_QUANTITIES_MUTATION } from "../../adapters/shopify/inventory-queries.ts";
import type { QuantityName } from "./plan-level.ts";

/** Shopify's limit of quantities in one inventorySetQuantities call. */
export const QUANTITIES_PER_CALL = 250;

export interface QuantityToSet {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** The shadow: Shopify applies the change only if this is still the current quantity. */
  changeFrom: number;
}

export type SetOutcome =
  | { kind: "set"; quantityAfter: number; at: Date }
  /** Shopify's quantity was no longer the shadow: someone else changed it since (re-read it). */
  | { kind: "stale" }
  | { kind: "failed"; reason: string; code: string | null };

const STALE = "CHANGE_FROM_QUANTITY_STALE";
/** Another call with the same key is still being applied: the same quantities are sent again, with a new key. */
const RETRY_CODES = new Set(["IDEMPOTENCY_CONCURRENT_REQUEST", "IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"]);

/** `["input", "quantities", "3", "changeFromQuantity"]` ⇒ 3. */
function quantityIndex(field: readonly string[] | null | undefined): number | null {
  if (!field) return null;
  const at = field.indexOf("quantities");
  const index = at >= 0 ? Number(field[at + 1]) : NaN;
  return Number.isInteger(index) ? index : null;
}

/**
 * Sets one quantity name on up to 250 levels with compare-and-set. Shopify applies a call all or
 * nothing: quantities its errors name are taken out (stale or failed) and the rest sent again, so
 * one bad item never fails its batch. Each call has its own idempotency key; the client resends
 * the same key after a lost answer (Shopify answers from the first attempt), and a call that
 * definitely failed is sent again with a new one (wave-2 notes, 3).
 */
export async function setQuantities(
  admin: ShopifyAdmin,
  input: { name: QuantityName; reason: string; referenceDocumentUri: string; quantities: readonly QuantityToSet[] },
): Promise<SetOutcome[]> {
  const outcomes: Array<SetOutcome | undefined> = new Array(input.quantities.length);
  let pending = input.quantities.map((q, index) => ({ q, index }));
  // Each round takes at least one quantity out or ends; a few extra rounds for concurrent-key answers.
  for (let round = 0; pending.length > 0 && round < input.quantities.length + 3; round++) {
    const data = await runOperation(admin, INVENTORY_SET_QUANTITIES_MUTATION, {
      key: randomUUID(),
      input: {
        name: input.name,
        reason: input.reason,
        referenceDocumentUri: input.referenceDocumentUri,
        quantities: pending.map(({ q }) => ({
          inventoryItemId: q.inventoryItemId,
          locationId: q.locationId,
          quantity: q.quantity,
          changeFromQuantity: q.changeFrom,
        })),
      },
    });
    const payload = data.inventorySetQuantities;
    const errors = payload?.userErrors ?? [];
    if (payload && errors.length === 0) {
      const at = new Date(payload.inventoryAdjustmentGroup?.createdAt ?? Date.now());
      const after = new Map(
        (payload.inventoryAdjustmentGroup?.changes ?? [])
          .filter((c) => c.name === input.name)
          .map((c) => [`${c.item?.id ?? ""}\u0000${c.location?.id ?? ""}`, c.quantityAfterChange]),
      );
      for (const { q, index } of pending) {
        // A quantity already at its target is no change, so Shopify lists no change for it.
        const quantityAfter = after.get(`${q.inventoryItemId}\u0000${q.locationId}`) ?? q.quantity;
        outcomes[index] = { kind: "set", quantityAfter: quantityAfter ?? q.quantity, at };
      }
      pending = [];
      break;
    }
    if (errors.every((e) => e.code && RETRY_CODES.has(e.code))) continue;
    const named = new Set<number>();
    for (const error of errors) {
      const i = quantityIndex(error.field);
      const entry = i === null ? undefined : pending[i];
      if (!entry) continue;
      named.add(i!);
      outcomes[entry.index] =
        error.code === STALE ? { kind: "stale" } : { kind: "failed", reason: error.message, code: error.code ?? null };
    }
    if (named.size === 0) {
      // An error about the whole call: every quantity in it fails with the reason.
      const reason = errors.map((e) => e.message).join("; ");
      for (const { index } of pending) outcomes[index] = { kind: "failed", reason, code: errors[0]?.code ?? null };
      pending = [];
      break;
    }
    pending = pending.filter((_, i) => !named.has(i));
  }
  return outcomes.map((o) => o ?? { kind: "failed", reason: "Shopify kept refusing the call", code: null });
}
