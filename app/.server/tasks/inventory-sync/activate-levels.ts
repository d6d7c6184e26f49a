import { randomUUID } from "node:crypto";

import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { readBulkResults, startBulkMutation, waitForBulkOperation } from "../../adapters/shopify/bulk-mutation.ts";
import { INVENTORY_ACTIVATE_MUTATION } from "../../adapters/shopify/inventory-queries.ts";
import type { QuantityName } from "./plan-level.ts";

/** From this many activations in a run the bulk mutation is worth its fixed cost (upload, operation, file). */
export const BULK_ACTIVATE_THRESHOLD = 25;
const BULK_WAIT_MS = 10 * 60_000;

export interface Activation {
  inventoryItemId: string;
  locationId: string;
  name: QuantityName;
  quantity: number;
}

export type ActivationOutcome =
  | { kind: "activated"; available: number | null; onHand: number | null; at: Date }
  | { kind: "failed"; reason: string }
  /** The bulk operation did not answer for it (still running, or stopped): the next run tries again. */
  | { kind: "later"; reason: string };

const payloadSchema = z.object({
  inventoryLevel: z
    .object({
      quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
      updatedAt: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  userErrors: z.array(z.object({ message: z.string() })).default([]),
});

/**
 * A new key per activation attempt: the client resends the same variables (so the same key)
 * after a lost answer, and Shopify answers from the first attempt instead of stocking twice; a
 * later run that tries again after a definite failure makes a new one.
 */
function variablesOf(a: Activation) {
  return {
    key: randomUUID(),
    inventoryItemId: a.inventoryItemId,
    locationId: a.locationId,
    ...(a.name === "available" ? { available: a.quantity } : { onHand: a.quantity }),
  };
}

function outcomeOf(raw: unknown): ActivationOutcome {
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return { kind: "failed", reason: "Shopify's answer to the activation was not understood" };
  const { inventoryLevel, userErrors } = parsed.data;
  if (userErrors.length > 0 || !inventoryLevel) {
    return { kind: "failed", reason: userErrors.map((e) => e.message).join("; ") || "Shopify did not stock the item" };
  }
  const q = (name: string) => inventoryLevel.quantities.find((x) => x.name === name)?.quantity ?? null;
  return {
    kind: "activated",
    available: q("available"),
    onHand: q("on_hand"),
    at: inventoryLevel.updatedAt ? new Date(inventoryLevel.updatedAt) : new Date(),
  };
}

/**
 * Stocks items at locations with their first quantity: one `inventoryActivate` each for a few, a
 * bulk mutation of them for more (BC toggles each one, ≈ 10 points apiece: hours for a big catalog).
 */
export async function activateLevels(
  admin: ShopifyAdmin,
  activations: readonly Activation[],
): Promise<ActivationOutcome[]> {
  if (activations.length < BULK_ACTIVATE_THRESHOLD) {
    const outcomes: ActivationOutcome[] = [];
    for (const a of activations) {
      const data = await runOperation(admin, INVENTORY_ACTIVATE_MUTATION, variablesOf(a));
      outcomes.push(outcomeOf(data.inventoryActivate));
    }
    return outcomes;
  }
  const later = (reason: string): ActivationOutcome[] => activations.map(() => ({ kind: "later", reason }));
  const started = await startBulkMutation(admin, {
    mutation: INVENTORY_ACTIVATE_MUTATION,
    lines: activations.map(variablesOf),
  });
  if (!started.ok) return later(`the bulk activation did not start: ${started.reason}`);
  const done = await waitForBulkOperation(admin, started.id, { timeoutMs: BULK_WAIT_MS });
  if (!done) return later("the bulk activation is still running in Shopify");
  const outcomes: Array<ActivationOutcome | undefined> = new Array(activations.length);
  const url = done.url ?? done.partialDataUrl;
  if (url) {
    for await (const line of readBulkResults(url)) {
      const index = line.__lineNumber;
      if (index === undefined || index >= activations.length) continue;
      const data = (line as { data?: { inventoryActivate?: unknown } }).data;
      outcomes[index] = outcomeOf(data?.inventoryActivate);
    }
  }
  const unanswered = `the bulk activation ended ${done.status} before reaching it`;
  return outcomes.map((o) => o ?? { kind: "later", reason: unanswered });
}
