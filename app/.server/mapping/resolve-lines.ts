import type { ShopSettings } from "../domain/settings-schema.ts";
import type { ImportedOrder, OrderLine } from "../tasks/orders-sync/imported-order.ts";
import type { ErpLimits } from "./erp-limits.ts";
import { splitSku } from "./sku.ts";

/** An ERP item, and its variant ("" when the item has none). */
export interface ErpItemRef {
  itemNumber: string;
  variantCode: string;
}

/** What the ERP is asked for one line, in order, until one answers. */
export type ItemLookup = { number: string; variantCode?: string } | { variantCode: string } | { barcode: string };

export type LineResolution =
  | { kind: "linked"; item: ErpItemRef }
  | { kind: "matched"; item: ErpItemRef }
  | { kind: "create"; item: ErpItemRef; displayName: string; unitPrice: string; barcode: string | null }
  | { kind: "unmapped" };

export interface ResolvedLine {
  line: OrderLine;
  /** The key links and unmapped records use: the variant, or the line for a custom item. */
  shopifyVariantId: string;
  resolution: LineResolution;
}

export interface UnmappedVariant {
  shopifyVariantId: string;
  label: string;
}

export interface LineFacts {
  /** Stored links by Shopify variant id. */
  links: ReadonlyMap<string, ErpItemRef>;
  /** The first hit of `itemLookups` per Shopify line id (null: asked, nothing found). */
  found: ReadonlyMap<string, ErpItemRef | null>;
}

export interface LinesDecision {
  lines: ResolvedLine[];
  /** Distinct variants nothing maps to; the order waits while this is not empty. */
  unmapped: UnmappedVariant[];
}

/** Lines that become item lines: tips, gift cards and fully refunded lines do not. */
export function itemLines(order: ImportedOrder): OrderLine[] {
  return order.lines.filter((l) => l.quantity > 0 && !l.isTip && !l.isGiftCard);
}

export function variantKey(line: OrderLine): string {
  return line.variantId ?? line.shopifyLineId;
}

/** The SKU strategy's question, then the barcode fallback. */
export function itemLookups(line: OrderLine, settings: ShopSettings): ItemLookup[] {
  const sku = line.sku?.trim() ?? "";
  const lookups: ItemLookup[] = [];
  if (sku) {
    switch (settings.products.mapping) {
      case "item_no":
        lookups.push({ number: sku });
        break;
      case "variant_code":
        lookups.push({ variantCode: sku });
        break;
      case "item_no_and_variant_code": {
        const split = splitSku(sku, settings.products.skuSeparator);
        lookups.push(split ? { number: split.itemNumber, variantCode: split.variantCode } : { number: sku });
        break;
      }
      case "barcode":
        lookups.push({ barcode: sku });
        break;
    }
  }
  // BC's Find Mapping by Barcode: when the SKU strategy finds nothing, the variant's barcode may.
  const barcode = settings.products.findByBarcode ? line.barcode?.trim() : undefined;
  if (barcode && !(settings.products.mapping === "barcode" && barcode === sku)) lookups.push({ barcode });
  return lookups;
}

/**
 * Per item line: the stored link, else what the lookups found, else an item to create (only
 * where the SKU names a whole item number), else unmapped.
 */
export function resolveLines(
  order: ImportedOrder,
  settings: ShopSettings,
  facts: LineFacts,
  limits: Pick<ErpLimits, "itemNumberMaxLength">,
): LinesDecision {
  const lines: ResolvedLine[] = [];
  const unmapped = new Map<string, UnmappedVariant>();
  for (const line of itemLines(order)) {
    const key = variantKey(line);
    const resolution = resolveLine(line, key, settings, facts, limits);
    if (resolution.kind === "unmapped" && !unmapped.has(key)) {
      unmapped.set(key, { shopifyVariantId: key, label: label(line) });
    }
    lines.push({ line, shopifyVariantId: key, resolution });
  }
  return { lines, unmapped: [...unmapped.values()] };
}

function resolveLine(
  line: OrderLine,
  key: string,
  settings: ShopSettings,
  facts: LineFacts,
  limits: Pick<ErpLimits, "itemNumberMaxLength">,
): LineResolution {
  const linked = facts.links.get(key);
  if (linked) return { kind: "linked", item: linked };
  const found = facts.found.get(line.shopifyLineId);
  if (found) return { kind: "matched", item: found };
  const number = creatableItemNumber(line, settings, limits);
  if (number && line.variantId) {
    return {
      kind: "create",
      item: { itemNumber: number, variantCode: "" },
      displayName: [line.title, line.variantTitle].filter(Boolean).join(" ").slice(0, 100),
      unitPrice: line.unitPrice.shop,
      barcode: line.barcode,
    };
  }
  return { kind: "unmapped" };
}

/** Creation needs an item number from the SKU; variant codes alone cannot say which item. */
export function creatableItemNumber(
  line: OrderLine,
  settings: ShopSettings,
  limits: Pick<ErpLimits, "itemNumberMaxLength">,
): string | null {
  if (!settings.products.createUnknownInErp) return null;
  return skuAsItemNumber(line.sku, settings, limits);
}

/**
 * The SKU as a whole ERP item number, when the shop's mapping reads it as one and it fits the ERP
 * (the "create item" action on the unmapped list uses the same rule).
 */
export function skuAsItemNumber(
  rawSku: string | null,
  settings: Pick<ShopSettings, "products">,
  limits: Pick<ErpLimits, "itemNumberMaxLength">,
): string | null {
  const sku = rawSku?.trim() ?? "";
  if (!sku || sku.length > limits.itemNumberMaxLength) return null;
  const mapping = settings.products.mapping;
  if (mapping === "item_no") return sku;
  if (mapping === "item_no_and_variant_code" && !splitSku(sku, settings.products.skuSeparator)) return sku;
  return null;
}

function label(line: OrderLine): string {
  const title = [line.title, line.variantTitle].filter(Boolean).join(" – ");
  return line.sku ? `${title} (SKU ${line.sku})` : title;
}
