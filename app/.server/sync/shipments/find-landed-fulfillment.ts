import type { FulfillmentGroup } from "./shipment-records.ts";

export interface FulfillmentView {
  id: string;
  status: string;
  locationId: string | null;
  lines: Array<{ lineItemId: string; quantity: number }>;
}

/**
 * After a run died between sending fulfillmentCreate and hearing the answer: the fulfillment that
 * attempt made, if it landed. It is one the order did not have when the attempt started, not
 * claimed by another shipment, at the group's location, shipping exactly the group's lines.
 * null means the attempt never reached Shopify, and creating it now cannot double it.
 */
export function findLandedFulfillment(
  group: FulfillmentGroup,
  fulfillments: readonly FulfillmentView[],
  claimed: ReadonlySet<string>,
): string | null {
  if (!group.attempt) return null;
  const known = new Set(group.attempt.knownFulfillmentIds);
  const wanted = quantities(group.byFulfillmentOrder.flatMap((fo) => fo.lines));
  for (const fulfillment of fulfillments) {
    if (known.has(fulfillment.id) || claimed.has(fulfillment.id)) continue;
    if (fulfillment.status === "CANCELLED" || fulfillment.status === "ERROR" || fulfillment.status === "FAILURE") {
      continue;
    }
    if (fulfillment.locationId !== null && fulfillment.locationId !== group.locationId) continue;
    if (sameQuantities(wanted, quantities(fulfillment.lines))) return fulfillment.id;
  }
  return null;
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
