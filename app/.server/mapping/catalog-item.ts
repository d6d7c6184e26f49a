import { z } from "zod";

import type { ErpBarcode } from "../adapters/erp/types.ts";

/** What a mirrored record is, as the catalog tasks read it back (the shape the pull stored). */
export interface MirroredRecord {
  entity: string;
  erpId: string;
  data: Record<string, unknown>;
  /** The ERP no longer has it (a key sweep did not find it). */
  deleted?: boolean;
  /** The ERP's time of its last change, when the ERP said. */
  modifiedAt?: Date | null;
}

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

const picture = z.object({ version: z.string(), contentType: z.string(), width: z.number(), height: z.number() });

/**
 * An ERP item as the catalog reads it back from the mirror (the port's `ErpItem`, as pulled).
 * Parsed, not trusted: a mirror row written by an older version may lack newer fields, which then
 * take their "unknown" value.
 */
const mirroredItem = z.looseObject({
  number: z.string().min(1),
  displayName: z.string(),
  displayName2: z.string().default(""),
  type: z.enum(["inventory", "service", "nonInventory"]),
  blocked: z.boolean(),
  salesBlocked: z.boolean().default(false),
  gtin: z.string(),
  unitPrice: decimal,
  unitCost: decimal.default("0"),
  priceIncludesTax: z.boolean().default(false),
  baseUnitOfMeasureCode: z.string().default(""),
  itemCategoryCode: z.string().default(""),
  vendor: z.string().nullable().default(null),
  weight: z
    .object({ value: z.number(), unit: z.enum(["kg", "g", "lb", "oz"]) })
    .nullable()
    .default(null),
  picture: picture.nullable().default(null),
  variants: z.array(z.looseObject({ code: z.string().min(1), description: z.string() })).default([]),
});
export type MirroredItem = z.infer<typeof mirroredItem>;

const mirroredVariant = z.looseObject({
  itemNumber: z.string(),
  code: z.string().min(1),
  description: z.string(),
  picture: picture.nullable().default(null),
});
const mirroredBarcode = z.looseObject({
  itemNumber: z.string(),
  variantCode: z.string(),
  referenceType: z.string(),
  referenceNumber: z.string(),
  unitOfMeasureCode: z.string(),
});

/** One ERP item with everything the catalog tasks plan it from. */
export interface CatalogItem {
  erpId: string;
  item: MirroredItem;
  /** By code; with each variant's own picture when the ERP has one. */
  variants: Array<{ erpId: string | null; code: string; description: string; picture: MirroredItem["picture"] }>;
  barcodes: ErpBarcode[];
  /** The item is gone from the ERP: what it was, for the removed-item action on its product. */
  deleted: boolean;
  /** Codes of variants gone from the ERP (their own records deleted, none live with the code). */
  deletedVariantCodes: string[];
}

export type CatalogItemResult =
  | { kind: "item"; catalogItem: CatalogItem }
  /** Variants or prices came before their item (the next page or run brings it). */
  | { kind: "no-item" }
  | { kind: "invalid"; reason: string };

/** Assembles an item from its mirrored records; a record that no longer parses is a reason, not a crash. */
export function catalogItem(records: readonly MirroredRecord[]): CatalogItemResult {
  const itemRecord =
    records.find((r) => r.entity === "items" && !r.deleted) ?? records.find((r) => r.entity === "items");
  if (!itemRecord) return { kind: "no-item" };
  const item = mirroredItem.safeParse(itemRecord.data);
  if (!item.success) {
    return { kind: "invalid", reason: `the ERP item's data is not readable: ${item.error.issues[0]?.message ?? ""}` };
  }
  // The variants read with the item, then their own records (which carry pictures and come when
  // only a variant changed): the own record wins. A deleted own record takes its code away even
  // when the item's list still names it (deleting a variant does not change the item in BC).
  const variants = new Map<string, CatalogItem["variants"][number]>();
  for (const v of item.data.variants) {
    variants.set(v.code, { erpId: null, code: v.code, description: v.description, picture: null });
  }
  const barcodes: ErpBarcode[] = [];
  const live = records.filter((r) => !r.deleted);
  const deletedCodes = new Set<string>();
  for (const record of records.filter((r) => r.deleted && r.entity === "itemVariants")) {
    const v = mirroredVariant.safeParse(record.data);
    if (v.success) deletedCodes.add(v.data.code);
  }
  for (const record of live) {
    if (record.entity === "itemVariants") {
      const v = mirroredVariant.safeParse(record.data);
      if (v.success) {
        deletedCodes.delete(v.data.code);
        variants.set(v.data.code, {
          erpId: record.erpId,
          code: v.data.code,
          description: v.data.description,
          picture: v.data.picture,
        });
      }
    } else if (record.entity === "barcodes") {
      const b = mirroredBarcode.safeParse(record.data);
      if (b.success) barcodes.push(b.data);
    }
  }
  for (const code of deletedCodes) variants.delete(code);
  const sorted = [...variants.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    kind: "item",
    catalogItem: {
      erpId: itemRecord.erpId,
      item: item.data,
      variants: sorted,
      barcodes,
      deleted: itemRecord.deleted === true,
      deletedVariantCodes: [...deletedCodes].sort(),
    },
  };
}

/** A variant's barcode: its own item reference of type bar code, else (the item itself) the GTIN. */
export function barcodeOf(catalog: CatalogItem, variantCode: string): string | null {
  const own = catalog.barcodes.filter((b) => b.variantCode === variantCode && b.referenceNumber !== "");
  const preferred = own.find((b) => /bar\s*code/i.test(b.referenceType)) ?? own[0];
  if (preferred) return preferred.referenceNumber;
  if (variantCode === "" && catalog.item.gtin !== "") return catalog.item.gtin;
  return null;
}
