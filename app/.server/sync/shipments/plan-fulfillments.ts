import type { productMappings } from "../../shops/settings-schema.ts";
import { splitSku } from "../orders/resolve-lines.ts";
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

/** BC numbers document lines 10000, 20000, … in the order a deep insert sends them. */
const LINE_NO_STEP = 10_000;

const DONE_STATUSES = new Set(["CLOSED", "CANCELLED"]);

/**
 * Which Shopify fulfillment order lines a posted ERP shipment fulfills, grouped into one
 * fulfillmentCreate per location (BC report 30109). Shipped lines find their Shopify line by the
 * ERP document line they were posted from (same line number), not by item: an order with the same
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

type ShippedLine = ShipmentContent["lines"][number];

/** Where a shipped line goes: Shopify line items of the same item, none, or a line it contradicts. */
type LineChoice = { kind: "lines"; lineItemIds: string[] } | { kind: "absent" } | { kind: "mismatch"; message: string };

/**
 * The Shopify line items a shipped ERP line is planned against, each checked to be the item the
 * ERP shipped (BC report 30109 trusts the line; we do not: a document renumbered, edited or not
 * ours would fulfill the wrong lines). With the document's stored lines, the shipped line's
 * number names the document line it was posted from, whose item must be the shipped item; a line
 * number that names no item line of ours (inserted in the ERP) falls back to the item, when the
 * item is on one variant of the order only. Without stored lines, the Shopify line's SKU must name
 * the item under the shop's SKU mapping.
 */
function orderLinesFor(line: ShippedLine, input: PlanInput, known: ReadonlySet<string>): LineChoice {
  if (input.erpLines) {
    const index = line.sequence / LINE_NO_STEP - 1;
    const same = Number.isInteger(index) ? input.erpLines[index] : undefined;
    if (same?.shopifyLineId && same.type === "item") {
      if (same.number !== line.number) {
        return mismatch(line, input, same.shopifyLineId, `which the ERP document has as item ${same.number}`);
      }
      return onOrder(line, known, [same.shopifyLineId]);
    }
    const byItem = input.erpLines.filter((l) => l.type === "item" && l.number === line.number && l.shopifyLineId);
    if (byItem.length === 0) return { kind: "absent" };
    const variants = new Set(byItem.map((l) => l.variantCode ?? ""));
    if (variants.size > 1) {
      return ambiguous(
        line,
        input,
        unique(byItem.map((l) => l.shopifyLineId)),
        "its line number names no line of the ERP document as the app made it",
      );
    }
    return onOrder(line, known, unique(byItem.map((l) => l.shopifyLineId)));
  }
  // Documents made before the ERP lines were kept: the SKU must name the item.
  const strategy = input.productMapping.strategy;
  if (strategy === "variant_code" || strategy === "barcode") {
    return {
      kind: "mismatch",
      message: `ERP line ${line.sequence} (item ${line.number}) cannot be checked against the Shopify lines: the ERP document was made before the app kept its lines, and the shop's SKUs are ${strategy === "barcode" ? "barcodes" : "variant codes"}, not item numbers.`,
    };
  }
  const bySku = input.orderLines.filter((l) => itemsOfSku(l.sku, input).has(line.number));
  if (bySku.length === 0) return { kind: "absent" };
  if (new Set(bySku.map((l) => l.sku)).size > 1) {
    return ambiguous(
      line,
      input,
      bySku.map((l) => l.shopifyLineId),
      "the ERP document was made before the app kept its lines",
    );
  }
  return { kind: "lines", lineItemIds: bySku.map((l) => l.shopifyLineId) };
}

/** The item numbers a SKU may name under the shop's mapping ("1896-S" may be an item or item 1896, variant S). */
function itemsOfSku(sku: string | null, input: PlanInput): Set<string> {
  const trimmed = sku?.trim() ?? "";
  if (trimmed === "") return new Set();
  const items = new Set([trimmed]);
  if (input.productMapping.strategy === "item_no_and_variant_code") {
    const split = splitSku(trimmed, input.productMapping.skuSeparator);
    if (split) items.add(split.itemNumber);
  }
  return items;
}

/** Lines the stored document names must still be lines of the order as Shopify last sent it. */
function onOrder(line: ShippedLine, known: ReadonlySet<string>, lineItemIds: string[]): LineChoice {
  const missing = lineItemIds.find((id) => !known.has(id));
  if (missing !== undefined) {
    return {
      kind: "mismatch",
      message: `ERP line ${line.sequence} (item ${line.number}) is planned against a Shopify line that is not on the order (${missing}).`,
    };
  }
  return { kind: "lines", lineItemIds };
}

function mismatch(line: ShippedLine, input: PlanInput, shopifyLineId: string, why: string): LineChoice {
  return {
    kind: "mismatch",
    message: `ERP line ${line.sequence} ships item ${line.number} (${line.description}), but it is planned against the Shopify line ${describeLine(input, shopifyLineId)}, ${why}.`,
  };
}

function ambiguous(line: ShippedLine, input: PlanInput, shopifyLineIds: string[], why: string): LineChoice {
  const lines = shopifyLineIds.map((id) => describeLine(input, id)).join(" and ");
  return {
    kind: "mismatch",
    message: `ERP line ${line.sequence} ships item ${line.number} (${line.description}), which is on the Shopify lines ${lines}; ${why}, so which one shipped cannot be told.`,
  };
}

function describeLine(input: PlanInput, shopifyLineId: string): string {
  const line = input.orderLines.find((l) => l.shopifyLineId === shopifyLineId);
  if (!line) return `(${shopifyLineId}, not on the order)`;
  return line.sku ? `"${line.title}" (SKU ${line.sku})` : `"${line.title}" (no SKU)`;
}

function unique(ids: Array<string | null>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
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
