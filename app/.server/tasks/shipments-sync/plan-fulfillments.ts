import type { productMappings } from "../../domain/settings-schema.ts";
import { orderLinesFor } from "./choose-order-lines.ts";
import type { ErpDocumentLine, FulfillmentGroup, FulfillmentPlan, ShipmentContent } from "./shipment-records.ts";

/** A fulfillment order as the plan needs it (read from Shopify just before planning). */
export interface FulfillmentOrderView {
  id: string;
  /** OPEN, IN_PROGRESS, ON_HOLD, SCHEDULED, INCOMPLETE, CLOSED, CANCELLED. */
  status: string;
  /** UNSUBMITTED, SUBMITTED, ACCEPTED, REJECTED, … (fulfillment-service locations). */
  requestStatus: string;
  locationId: string;
  locationName: string;
  /** Set when the location is a fulfillment service's. */
  service: { handle: string; serviceName: string } | null;
  lines: Array<{ id: string; lineItemId: string; remainingQuantity: number }>;
}

export interface OrderLineView {
  shopifyLineId: string;
  title: string;
  sku: string | null;
}

export interface PlanInput {
  orderName: string;
  /** Shopify's cancelledAt; a cancelled order's shipment is an error, not a fulfillment. */
  cancelledAt: string | null;
  content: ShipmentContent;
  /** The ERP document's lines as made from the order; null for documents made before they were kept. */
  erpLines: ErpDocumentLine[] | null;
  orderLines: OrderLineView[];
  fulfillmentOrders: FulfillmentOrderView[];
  /** Handle of the fulfillment service the merchant runs through this app ("" = none). */
  ownServiceHandle: string;
  /**
   * How the shop's SKUs name ERP items (Settings → products): what a shipped item is checked
   * against on documents made before the app kept their lines.
   */
  productMapping: { strategy: (typeof productMappings)[number]; skuSeparator: string };
}

export type PlanResult =
  { kind: "plan"; plan: FulfillmentPlan } | { kind: "nothing"; reason: string } | { kind: "error"; message: string };

/** Shopify takes at most 250 fulfillment order lines in one fulfillmentCreate. */
export const MAX_LINES_PER_FULFILLMENT = 250;

const DONE_STATUSES = new Set(["CLOSED", "CANCELLED"]);

/**
 * Which Shopify fulfillment order lines a posted ERP shipment fulfills, grouped into one
 * fulfillmentCreate per location (BC report 30109). Shipped lines find their Shopify line by the
 * ERP document line they were posted from (the order line reference), not by item: an order with the same
 * variant on two lines gets each line's own quantity. Every shipped line's item must be the item
 * of the Shopify line it is planned against, or the whole shipment is an error naming the lines.
 * Lines at a third-party fulfillment service are skipped with a note; lines already fulfilled in
 * Shopify are not fulfilled again.
 */
export function planFulfillments(input: PlanInput): PlanResult {
  if (input.cancelledAt) {
    return {
      kind: "error",
      message: `The Shopify order ${input.orderName} was cancelled on ${input.cancelledAt.slice(0, 10)}; the shipment cannot be fulfilled.`,
    };
  }
  const shipped = input.content.lines.filter((l) => l.lineType.toLowerCase() === "item" && l.quantity > 0);
  if (shipped.length === 0) return { kind: "nothing", reason: "The shipment has no item lines." };

  const titles = new Map(input.orderLines.map((l) => [l.shopifyLineId, l.title]));
  const known = new Set(input.orderLines.map((l) => l.shopifyLineId));
  const chosen = shipped.map((line) => ({ line, choice: orderLinesFor(line, input, known) }));
  const mismatches = chosen.flatMap(({ choice }) => (choice.kind === "mismatch" ? [choice.message] : []));
  if (mismatches.length > 0) {
    // One shipped line that does not fit the order is enough to doubt the whole shipment:
    // nothing of it is fulfilled until someone has looked.
    return {
      kind: "error",
      message: `The shipment does not match the Shopify order ${input.orderName}: ${mismatches.join(" ")} Nothing was sent to Shopify.`,
    };
  }

  const taken = new Map<string, number>(); // fulfillment order line id → quantity planned
  const picks: Array<{ fo: FulfillmentOrderView; line: FulfillmentOrderView["lines"][number]; quantity: number }> = [];
  const notes: string[] = [];

  for (const { line, choice } of chosen) {
    if (choice.kind !== "lines") {
      notes.push(`${line.number} ${line.description} (ERP line ${line.sequence}) is not on the Shopify order.`);
      continue;
    }
    const candidates = choice.lineItemIds;
    let need = line.quantity;
    const thirdParty = new Map<string, number>();
    const waiting = new Set<string>();
    for (const lineItemId of candidates) {
      for (const fo of input.fulfillmentOrders) {
        if (need === 0 || DONE_STATUSES.has(fo.status)) continue;
        for (const foLine of fo.lines) {
          if (need === 0 || foLine.lineItemId !== lineItemId) continue;
          const left = foLine.remainingQuantity - (taken.get(foLine.id) ?? 0);
          if (left <= 0) continue;
          const access = accessOf(fo, input.ownServiceHandle);
          if (access === "third-party") {
            const name = fo.service?.serviceName ?? fo.locationName;
            thirdParty.set(name, (thirdParty.get(name) ?? 0) + Math.min(left, need));
            continue;
          }
          if (access === "not-requested") {
            waiting.add(fo.locationName);
            continue;
          }
          const quantity = Math.min(left, need);
          taken.set(foLine.id, (taken.get(foLine.id) ?? 0) + quantity);
          picks.push({ fo, line: foLine, quantity });
          need -= quantity;
        }
      }
    }
    if (need > 0) {
      const title = titles.get(candidates[0] ?? "") ?? `${line.number} ${line.description}`;
      notes.push(shortfallNote(title, line.quantity, need, thirdParty, waiting));
    }
  }

  const groups = groupByLocation(picks, input.ownServiceHandle);
  if (groups.length === 0) {
    return { kind: "nothing", reason: notes.join(" ") || "Nothing in the shipment is left to fulfill in Shopify." };
  }
  return { kind: "plan", plan: { groups, notes } };
}

type Access = "merchant" | "own-accepted" | "own-submitted" | "not-requested" | "third-party";

function accessOf(fo: FulfillmentOrderView, ownServiceHandle: string): Access {
  if (!fo.service) return "merchant";
  if (ownServiceHandle === "" || fo.service.handle !== ownServiceHandle) return "third-party";
  if (fo.requestStatus === "ACCEPTED") return "own-accepted";
  if (fo.requestStatus === "SUBMITTED") return "own-submitted";
  return "not-requested";
}

function shortfallNote(
  title: string,
  shipped: number,
  missing: number,
  thirdParty: Map<string, number>,
  waiting: Set<string>,
): string {
  const parts: string[] = [];
  for (const [service, quantity] of thirdParty) parts.push(`${quantity} fulfilled by ${service}`);
  if (waiting.size > 0) parts.push(`the fulfillment request at ${[...waiting].join(", ")} is not submitted`);
  const why = parts.length > 0 ? parts.join("; ") : "already fulfilled in Shopify";
  return `${title}: ${missing} of ${shipped} skipped (${why}).`;
}

function groupByLocation(
  picks: Array<{ fo: FulfillmentOrderView; line: FulfillmentOrderView["lines"][number]; quantity: number }>,
  ownServiceHandle: string,
): FulfillmentGroup[] {
  const byLocation = new Map<string, typeof picks>();
  for (const pick of picks) {
    const list = byLocation.get(pick.fo.locationId) ?? [];
    list.push(pick);
    byLocation.set(pick.fo.locationId, list);
  }
  const groups: FulfillmentGroup[] = [];
  for (const list of byLocation.values()) {
    for (let i = 0; i < list.length; i += MAX_LINES_PER_FULFILLMENT) {
      const chunk = list.slice(i, i + MAX_LINES_PER_FULFILLMENT);
      const first = chunk[0];
      if (!first) continue;
      const byFo = new Map<string, FulfillmentGroup["byFulfillmentOrder"][number]>();
      const accept = new Set<string>();
      for (const { fo, line, quantity } of chunk) {
        const entry = byFo.get(fo.id) ?? { fulfillmentOrderId: fo.id, lines: [] };
        entry.lines.push({ id: line.id, lineItemId: line.lineItemId, quantity });
        byFo.set(fo.id, entry);
        if (accessOf(fo, ownServiceHandle) === "own-submitted") accept.add(fo.id);
      }
      groups.push({
        locationId: first.fo.locationId,
        locationName: first.fo.locationName,
        accept: [...accept],
        byFulfillmentOrder: [...byFo.values()],
        fulfillmentId: null,
        attempt: null,
      });
    }
  }
  return groups;
}
