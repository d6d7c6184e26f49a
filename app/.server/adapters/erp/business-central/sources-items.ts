import { z } from "zod";

import type { ErpItem, ErpItemVariant, ErpItemVariantRecord } from "../types.ts";
import { entityUrl } from "./context.ts";
import { enrichItems } from "./item-details.ts";
import { pictureInfo, pictureSchema } from "./pictures.ts";
import { pullSource } from "./pull-source.ts";
import { bool, num, rowBase, text, toDecimal } from "./schemas.ts";
import { itemTypeFromBc } from "./sources-master.ts";

const VARIANT_FIELDS = ["id", "itemId", "itemNumber", "code", "description", "lastModifiedDateTime"];

const variantRow = z.object({
  ...rowBase,
  itemId: z.string(),
  itemNumber: text,
  code: z.string(),
  description: text,
  picture: pictureSchema.nullish(),
});

function variant(row: z.infer<typeof variantRow>): ErpItemVariant {
  return {
    itemId: row.itemId,
    itemNumber: row.itemNumber,
    code: row.code,
    description: row.description,
    picture: pictureInfo(row.picture),
  };
}

/**
 * Items with their picture's metadata and their variants in one read: `$expand` of the `picture`
 * and `itemVariants` parts of APIV2 - Items, which every v2.0 version has. Variant pictures came
 * later (and would need a capability probe before every first pull), so they are read by
 * pull("itemVariants"). Sales blocked, vendor and weight come from the companion page
 * (`enrichItems`).
 */
export const itemsSource = pullSource({
  name: "items",
  url: (ctx) => entityUrl(ctx, "items"),
  select: [
    "id",
    "number",
    "displayName",
    "displayName2",
    "type",
    "blocked",
    "gtin",
    "unitPrice",
    "unitCost",
    "priceIncludesTax",
    "baseUnitOfMeasureCode",
    "itemCategoryCode",
    "inventory",
    "lastModifiedDateTime",
  ],
  expand: `picture,itemVariants($select=${VARIANT_FIELDS.join(",")})`,
  row: z.object({
    ...rowBase,
    number: z.string(),
    displayName: text,
    displayName2: text,
    type: text,
    blocked: bool,
    gtin: text,
    unitPrice: num,
    unitCost: num,
    priceIncludesTax: bool,
    baseUnitOfMeasureCode: text,
    itemCategoryCode: text,
    inventory: num,
    picture: pictureSchema.nullish(),
    itemVariants: z.array(variantRow).default([]),
  }),
  map: (row): ErpItem => ({
    number: row.number,
    displayName: row.displayName,
    displayName2: row.displayName2,
    type: itemTypeFromBc(row.type),
    blocked: row.blocked,
    salesBlocked: false,
    gtin: row.gtin,
    unitPrice: toDecimal(row.unitPrice),
    unitCost: toDecimal(row.unitCost),
    priceIncludesTax: row.priceIncludesTax,
    baseUnitOfMeasureCode: row.baseUnitOfMeasureCode,
    itemCategoryCode: row.itemCategoryCode,
    inventory: row.inventory,
    vendor: null,
    vendorItemNumber: "",
    weight: null,
    picture: pictureInfo(row.picture),
    variants: row.itemVariants.map((v): ErpItemVariantRecord => ({
      itemId: v.itemId,
      itemNumber: v.itemNumber,
      code: v.code,
      description: v.description,
      id: v.id,
      modifiedAt: v.lastModifiedDateTime,
      version: v["@odata.etag"] ?? null,
    })),
  }),
  enrich: enrichItems,
});

export const itemVariantsSource = pullSource({
  name: "itemVariants",
  url: (ctx) => entityUrl(ctx, "itemVariants"),
  select: VARIANT_FIELDS,
  expand: (caps) => (caps.variantPictures ? "picture" : undefined),
  row: variantRow,
  map: variant,
});
