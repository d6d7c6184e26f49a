import { z } from "zod";

import type { ErpBarcode, ErpPrice, ErpStockLevel } from "../types.ts";
import { customUrl } from "./context.ts";
import { pullSource } from "./pull-source.ts";
import { bool, date, num, rowBase, text, toDecimal } from "./schemas.ts";

/** Per item, variant and location: the companion extension's `inventoryByLocation` page. */
export const stockByLocationSource = pullSource({
  name: "inventoryByLocation",
  url: (ctx) => customUrl(ctx, ctx.config.customApis.inventoryByLocation),
  requires: "perLocationStock",
  select: [
    "id",
    "itemId",
    "itemNumber",
    "variantCode",
    "locationId",
    "locationCode",
    "inventory",
    "projectedAvailableBalance",
    "nonReservedInventory",
    "lastModifiedDateTime",
  ],
  row: z.object({
    ...rowBase,
    itemId: text,
    itemNumber: z.string(),
    variantCode: text,
    locationId: text,
    locationCode: text,
    inventory: num,
    projectedAvailableBalance: num,
    nonReservedInventory: num,
  }),
  map: (row): ErpStockLevel => ({
    itemId: row.itemId,
    itemNumber: row.itemNumber,
    variantCode: row.variantCode,
    locationId: row.locationId,
    locationCode: row.locationCode,
    quantity: row.inventory,
    // By the ids of BC_STOCK_CALCULATIONS (stock-calculations.ts).
    figures: {
      projectedAvailable: row.projectedAvailableBalance,
      onHand: row.inventory,
      nonReserved: row.nonReservedInventory,
    },
  }),
});

/** Price List Line (table 7001) through the companion extension. */
export const pricesSource = pullSource({
  name: "priceListLines",
  url: (ctx) => customUrl(ctx, ctx.config.customApis.priceListLines),
  requires: "priceLists",
  select: [
    "id",
    "priceListCode",
    "itemNumber",
    "variantCode",
    "unitOfMeasureCode",
    "minimumQuantity",
    "unitPrice",
    "currencyCode",
    "customerPriceGroup",
    "startingDate",
    "endingDate",
    "sourceType",
    "sourceNumber",
    "amountType",
    "lineDiscountPercent",
    "priceIncludesTax",
    "status",
    "lastModifiedDateTime",
  ],
  row: z.object({
    ...rowBase,
    priceListCode: text,
    itemNumber: z.string(),
    variantCode: text,
    unitOfMeasureCode: text,
    minimumQuantity: num,
    unitPrice: num,
    currencyCode: text,
    customerPriceGroup: text,
    startingDate: date,
    endingDate: date,
    sourceType: text,
    sourceNumber: text,
    amountType: text,
    lineDiscountPercent: num,
    priceIncludesTax: bool,
    status: text,
  }),
  map: (row): ErpPrice => ({
    priceListCode: row.priceListCode,
    itemNumber: row.itemNumber,
    variantCode: row.variantCode,
    unitOfMeasureCode: row.unitOfMeasureCode,
    minimumQuantity: row.minimumQuantity,
    unitPrice: toDecimal(row.unitPrice),
    currencyCode: row.currencyCode,
    customerPriceGroup: row.customerPriceGroup,
    startingDate: row.startingDate,
    endingDate: row.endingDate,
    assignTo: assignTo(row.sourceType, row.sourceNumber),
    amountType: row.amountType === "Discount" ? "discount" : row.amountType === "Any" ? "both" : "price",
    lineDiscountPercent: row.lineDiscountPercent,
    priceIncludesTax: row.priceIncludesTax,
    active: row.status === "Active",
  }),
});

/** BC's Price Source Type, sales values ("All Customers", "Customer Price Group", …; maybe _x0020_-escaped). */
function assignTo(sourceType: string, code: string): ErpPrice["assignTo"] {
  const type = sourceType.replaceAll("_x0020_", " ");
  if (type === "All Customers") return { type: "all" };
  if (type === "Customer") return { type: "customer", code };
  if (type === "Customer Price Group") return { type: "priceGroup", code };
  return { type: "other", code };
}

/** Item Reference (barcodes and vendor/customer numbers) through the companion extension. */
export const barcodesSource = pullSource({
  name: "itemReferences",
  url: (ctx) => customUrl(ctx, ctx.config.customApis.itemReferences),
  requires: "barcodes",
  select: [
    "id",
    "itemNumber",
    "variantCode",
    "referenceType",
    "referenceNumber",
    "unitOfMeasureCode",
    "lastModifiedDateTime",
  ],
  row: z.object({
    ...rowBase,
    itemNumber: z.string(),
    variantCode: text,
    referenceType: text,
    referenceNumber: z.string(),
    unitOfMeasureCode: text,
  }),
  map: (row): ErpBarcode => ({
    itemNumber: row.itemNumber,
    variantCode: row.variantCode,
    referenceType: row.referenceType,
    referenceNumber: row.referenceNumber,
    unitOfMeasureCode: row.unitOfMeasureCode,
  }),
});
