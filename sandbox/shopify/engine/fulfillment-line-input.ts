import { idOf } from "./gid.ts";
import type { Input } from "./input-helpers.ts";
import type { FulfillmentOrderRec } from "./store-types.ts";

/** What is wrong with one `FulfillmentOrderLineItemInput`; callers word it as their mutation does. */
export interface LineInputProblem {
  index: number;
  kind: "unknown" | "nonPositive" | "tooMany";
}

/**
 * `[{id, quantity}]` against a fulfillment order: fulfillment order line id → units. No entries
 * means every unit still remaining. Repeated ids add up, and the sum must fit the remaining units.
 */
export function requestedQuantities(
  fo: FulfillmentOrderRec,
  inputs: Input[],
): { quantities: Map<number, number>; problems: LineInputProblem[] } {
  const quantities = new Map<number, number>();
  const problems: LineInputProblem[] = [];
  if (inputs.length === 0) {
    for (const line of fo.lineItems) if (line.remainingQuantity > 0) quantities.set(line.id, line.remainingQuantity);
    return { quantities, problems };
  }
  inputs.forEach((input, index) => {
    const line = fo.lineItems.find((l) => l.id === idOf(input.id, "FulfillmentOrderLineItem"));
    const quantity = Number(input.quantity ?? 0);
    if (!line) {
      problems.push({ index, kind: "unknown" });
    } else if (!Number.isInteger(quantity) || quantity <= 0) {
      problems.push({ index, kind: "nonPositive" });
    } else {
      const total = (quantities.get(line.id) ?? 0) + quantity;
      if (total > line.remainingQuantity) problems.push({ index, kind: "tooMany" });
      quantities.set(line.id, total);
    }
  });
  return { quantities, problems };
}

/** True when `quantities` takes every remaining unit of the fulfillment order. */
export function takesEverything(fo: FulfillmentOrderRec, quantities: Map<number, number>): boolean {
  return fo.lineItems.every((l) => (quantities.get(l.id) ?? 0) >= l.remainingQuantity);
}
