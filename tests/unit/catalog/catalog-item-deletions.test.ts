import { describe, expect, it } from "vitest";

import { catalogItem, type MirroredRecord } from "../../../app/.server/mapping/catalog-item.ts";

const itemRecord = (deleted = false, variants: string[] = ["RED", "BLU"]): MirroredRecord => ({
  entity: "items",
  erpId: "item-1",
  deleted,
  data: {
    number: "1000",
    displayName: "Chair",
    type: "inventory",
    blocked: false,
    gtin: "",
    unitPrice: "10",
    variants: variants.map((code) => ({ code, description: code })),
  },
});
const variant = (code: string, erpId: string, deleted = false): MirroredRecord => ({
  entity: "itemVariants",
  erpId,
  deleted,
  data: { itemNumber: "1000", code, description: code, picture: null },
});
const barcode = (variantCode: string, deleted = false): MirroredRecord => ({
  entity: "barcodes",
  erpId: `b-${variantCode}`,
  deleted,
  data: {
    itemNumber: "1000",
    variantCode,
    referenceType: "Bar Code",
    referenceNumber: `99${variantCode}`,
    unitOfMeasureCode: "",
  },
});

function assembled(records: MirroredRecord[]) {
  const result = catalogItem(records);
  if (result.kind !== "item") throw new Error(result.kind);
  return result.catalogItem;
}

describe("catalogItem with records gone from the ERP", () => {
  it("drops a deleted variant even though the item's own list still names it", () => {
    const item = assembled([itemRecord(), variant("RED", "v1"), variant("BLU", "v2", true)]);
    expect(item.variants.map((v) => v.code)).toEqual(["RED"]);
    expect(item.deletedVariantCodes).toEqual(["BLU"]);
    expect(item.deleted).toBe(false);
  });

  it("keeps a code deleted and made again (a new record with the same code)", () => {
    const item = assembled([itemRecord(), variant("BLU", "v2", true), variant("BLU", "v3")]);
    expect(item.variants.map((v) => v.code)).toEqual(["BLU", "RED"]);
    expect(item.deletedVariantCodes).toEqual([]);
  });

  it("says a deleted item is deleted and still knows what it was", () => {
    const item = assembled([itemRecord(true)]);
    expect(item.deleted).toBe(true);
    expect(item.item.displayName).toBe("Chair");
  });

  it("ignores deleted barcodes", () => {
    const item = assembled([itemRecord(), barcode("RED", true), barcode("BLU")]);
    expect(item.barcodes.map((b) => b.variantCode)).toEqual(["BLU"]);
  });
});
