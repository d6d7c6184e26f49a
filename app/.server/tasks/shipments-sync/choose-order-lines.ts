import { splitSku } from "../../mapping/sku.ts";
import type { PlanInput } from "./plan-fulfillments.ts";
import type { ShipmentContent } from "./shipment-records.ts";

type ShippedLine = ShipmentContent["lines"][number];

/** Where a shipped line goes: Shopify line items of the same item, none, or a line it contradicts. */
export type LineChoice =
  { kind: "lines"; lineItemIds: string[] } | { kind: "absent" } | { kind: "mismatch"; message: string };

/**
 * The Shopify line items a shipped ERP line is planned against, each checked to be the item the
 * ERP shipped (BC report 30109 trusts the line; we do not: a document renumbered, edited or not
 * ours would fulfill the wrong lines). With the document's stored lines, the shipped line's
 * order line reference names the document line it was posted from (the ERP's own reference,
 * stored when the document was made), whose item must be the shipped item; a reference that
 * names no item line of ours (a line inserted in the ERP, or lines stored before references
 * were kept) falls back to the item, when the item is on one variant of the order only. Without
 * stored lines, the Shopify line's SKU must name the item under the shop's SKU mapping.
 */
export function orderLinesFor(line: ShippedLine, input: PlanInput, known: ReadonlySet<string>): LineChoice {
  if (input.erpLines) {
    const ref = line.orderLineRef;
    const same = ref === null ? undefined : input.erpLines.find((l) => l.lineRef === ref);
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
        "its order line names no line of the ERP document as the app made it",
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
