import { z } from "zod";

import type { ErpBarcode, ErpPrice } from "../adapters/erp/types.ts";

/** What a mirrored record is, as the catalog tasks read it back (the shape the pull stored). */
export interface MirroredRecord {
  entity: string;
  erpId: string;
  data: Record<string, unknown>;
}

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

/**
 * An ERP item as the catalog reads it from the mirror. Fields beyond the port's core (`ErpItem`)
 * are optional: an adapter that has no vendor or cost simply leaves them out.
 */
const mirroredItem = z.looseObject({
  number: z.string().min(1),
  displayName: z.string(),
  type: z.enum(["inventory", "service", "nonInventory"]),
  blocked: z.boolean(),
  salesBlocked: z.boolean().optional(),
  gtin: z.string(),
  unitPrice: decimal,
  unitCost: decimal.nullish(),
  itemCategoryCode: z.string().default(""),
  vendor: z.string().nullish(),
  productType: z.string().nullish(),
  description: z.string().nullish(),
  /** Net weight in the ERP's unit, assumed kilograms. */
  netWeight: z.number().nullish(),
});
export type MirroredItem = z.infer<typeof mirroredItem>;

const mirroredVariant = z.looseObject({ itemNumber: z.string(), code: z.string().min(1), description: z.string() });
const mirroredBarcode = z.looseObject({
  itemNumber: z.string(),
  variantCode: z.string(),
  referenceType: z.string(),
  referenceNumber: z.string(),
  unitOfMeasureCode: z.string(),
});
const mirroredPrice = z.looseObject({
  priceListCode: z.string(),
  itemNumber: z.string(),
  variantCode: z.string(),
  unitOfMeasureCode: z.string(),
  minimumQuantity: z.number(),
  unitPrice: decimal,
  currencyCode: z.string(),
  customerPriceGroup: z.string(),
  startingDate: z.string().nullable(),
  endingDate: z.string().nullable(),
});

/** One ERP item with everything the catalog tasks plan it from. */
export interface CatalogItem {
  erpId: string;
  item: MirroredItem;
  /** By code. */
  variants: Array<{ code: string; description: string }>;
  barcodes: ErpBarcode[];
  prices: ErpPrice[];
}

export type CatalogItemResult =
  | { kind: "item"; catalogItem: CatalogItem }
  /** Variants or prices came before their item (the next page or run brings it). */
  | { kind: "no-item" }
  | { kind: "invalid"; reason: string };

/** Assembles an item from its mirrored records; a record that no longer parses is a reason, not a crash. */
export function catalogItem(records: readonly MirroredRecord[]): CatalogItemResult {
  const itemRecord = records.find((r) => r.entity === "items");
  if (!itemRecord) return { kind: "no-item" };
  const item = mirroredItem.safeParse(itemRecord.data);
  if (!item.success) return { kind: "invalid", reason: `the ERP item's data is not readable: ${item.error.issues[0]?.message ?? ""}` };
  const variants: CatalogItem["variants"] = [];
  const barcodes: ErpBarcode[] = [];
  const prices: ErpPrice[] = [];
  for (const record of records) {
    if (record.entity === "itemVariants") {
      const v = mirroredVariant.safeParse(record.data);
      if (v.success) variants.push({ code: v.data.code, description: v.data.description });
    } else if (record.entity === "barcodes") {
      const b = mirroredBarcode.safeParse(record.data);
      if (b.success) barcodes.push(b.data);
    } else if (record.entity === "prices") {
      const p = mirroredPrice.safeParse(record.data);
      if (p.success) prices.push(p.data);
    }
  }
  variants.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { kind: "item", catalogItem: { erpId: itemRecord.erpId, item: item.data, variants, barcodes, prices } };
}

/** A variant's barcode: its own item reference of type bar code, else (the item itself) the GTIN. */
export function barcodeOf(catalog: CatalogItem, variantCode: string): string | null {
  const own = catalog.barcodes.filter((b) => b.variantCode === variantCode && b.referenceNumber !== "");
  const preferred = own.find((b) => /bar\s*code/i.test(b.referenceType)) ?? own[0];
  if (preferred) return preferred.referenceNumber;
  if (variantCode === "" && catalog.item.gtin !== "") return catalog.item.gtin;
  return null;
}
