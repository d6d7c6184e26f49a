import type { FulfillmentGroup } from "./shipment-records.ts";

/** A fulfillment of the order as listed (its lines are read only when it is a candidate). */
export interface FulfillmentSummary {
  id: string;
  status: string;
  locationId: string | null;
}

export interface FulfillmentView extends FulfillmentSummary {
  lines: Array<{ lineItemId: string; quantity: number }>;
}

const DEAD = new Set(["CANCELLED", "ERROR", "FAILURE"]);

/**
 * The fulfillments that may be the one an interrupted attempt made: not on the order when the
 * attempt started, not claimed by another shipment, live, at the group's location.
 */
export function landingCandidates<T extends FulfillmentSummary>(
  group: FulfillmentGroup,
  fulfillments: readonly T[],
  claimed: ReadonlySet<string>,
): T[] {
  if (!group.attempt) return [];
  const known = new Set(group.attempt.knownFulfillmentIds);
  return fulfillments.filter(
    (f) =>
      !known.has(f.id) &&
      !claimed.has(f.id) &&
      !DEAD.has(f.status) &&
      (f.locationId === null || f.locationId === group.locationId),
  );
}

/**
 * After a run died between sending fulfillmentCreate and hearing the answer: the fulfillment that
 * attempt made, if it landed — a candidate shipping exactly the group's lines and quantities.
 * null means the attempt never reached Shopify, and creating it now cannot double it.
 */
export function findLandedFulfillment(
  group: FulfillmentGroup,
  fulfillments: readonly FulfillmentView[],
  claimed: ReadonlySet<string>,
): string | null {
  const wanted = quantities(group.byFulfillmentOrder.flatMap((fo) => fo.lines));
  const landed = landingCandidates(group, fulfillments, claimed).find((f) =>
    sameQuantities(wanted, quantities(f.lines)),
  );
  return landed?.id ?? null;
}

function quantities(lines: ReadonlyArray<{ lineItemId: string; quantity: number }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line.lineItemId, (map.get(line.lineItemId) ?? 0) + line.quantity);
  return map;
}

function sameQuantities(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, quantity] of a) if (b.get(id) !== quantity) return false;
  return true;
}
