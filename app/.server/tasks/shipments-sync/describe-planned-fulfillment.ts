import type { FulfillmentPlan } from "./shipment-records.ts";
import type { TrackingInput } from "./tracking.ts";

/**
 * What a preview says a shipment would do, in the words of the run page: "would fulfil 2 lines of
 * #1001 at Shop location with tracking UPS 1Z0001", one sentence per location still to send, and
 * the plan's notes on what it leaves out.
 */
export function describePlannedFulfillment(input: {
  orderName: string;
  plan: FulfillmentPlan;
  tracking: TrackingInput | undefined;
  /** Shopify's cancelledAt: a cancelled order's remaining groups are not sent. */
  cancelledAt: string | null;
  notes: readonly string[];
}): string {
  const pending = input.plan.groups.filter((g) => g.fulfillmentId === null);
  const notes = [...input.notes, ...input.plan.notes];
  if (pending.length === 0) {
    return withNotes(`would send nothing more: every fulfillment of ${input.orderName} is already in Shopify.`, notes);
  }
  if (input.cancelledAt && pending.every((g) => g.attempt === null)) {
    return withNotes(`would not fulfil: the Shopify order ${input.orderName} was cancelled.`, notes);
  }
  const tracking = describeTracking(input.tracking);
  const sentences = pending.map((group) => {
    const lines = group.byFulfillmentOrder.reduce((n, fo) => n + fo.lines.length, 0);
    const units = group.byFulfillmentOrder.reduce((n, fo) => n + fo.lines.reduce((m, l) => m + l.quantity, 0), 0);
    const accept = group.accept.length > 0 ? ", accepting our fulfillment service's request first" : "";
    return `would fulfil ${lines} line${lines === 1 ? "" : "s"} (${units} unit${units === 1 ? "" : "s"}) of ${input.orderName} at ${group.locationName} ${tracking}${accept}.`;
  });
  return withNotes(sentences.join(" "), notes);
}

function describeTracking(tracking: TrackingInput | undefined): string {
  if (!tracking) return "without tracking";
  const parts = [tracking.company, tracking.number].filter((p) => p !== undefined && p !== "");
  const url = tracking.url ? ` (${tracking.url})` : "";
  return `with tracking ${parts.join(" ")}${url}`;
}

function withNotes(sentence: string, notes: readonly string[]): string {
  return notes.length === 0 ? sentence : `${sentence} ${notes.join(" ")}`;
}
