import { z } from "zod";

import type { ErpStockCalculation } from "../../adapters/erp/types.ts";
import type { MirroredRecord } from "../../mapping/catalog-item.ts";

/** A mirrored `stockByLocation` record (the port's ErpStockLevel, as pulled), parsed, not trusted. */
const mirroredStock = z.looseObject({
  itemNumber: z.string(),
  variantCode: z.string(),
  locationCode: z.string(),
  figures: z.record(z.string(), z.number()).default({}),
});

/** A Shopify location the app syncs, and how its stock is counted. */
export interface StockLocation {
  shopifyLocationId: string;
  name: string;
  erpLocationCodes: readonly string[];
  calculation: ErpStockCalculation;
}

/**
 * The ERP's figure per variant code and Shopify location for one item: the sum, over the ERP
 * locations mapped to it, of the location's stock calculation. No ERP row means no stock there (0);
 * a row without the calculation's figure (pulled before the adapter gave it) means "not known" (null),
 * never 0: writing 0 would take a variant off sale.
 */
export function stockFigures(
  records: readonly MirroredRecord[],
  locations: readonly StockLocation[],
): (variantCode: string, shopifyLocationId: string) => StockFigure | null {
  const byKey = new Map<string, { row: z.infer<typeof mirroredStock>; modifiedAt: Date | null }>();
  for (const record of records) {
    if (record.entity !== "stockByLocation" || record.deleted) continue;
    const parsed = mirroredStock.safeParse(record.data);
    if (parsed.success) {
      byKey.set(`${parsed.data.variantCode}\u0000${parsed.data.locationCode}`, {
        row: parsed.data,
        modifiedAt: record.modifiedAt ?? null,
      });
    }
  }
  return (variantCode, shopifyLocationId) => {
    const location = locations.find((l) => l.shopifyLocationId === shopifyLocationId);
    if (!location) return { quantity: 0, changedAt: null };
    let quantity = 0;
    let changedAt: Date | null = null;
    for (const code of location.erpLocationCodes) {
      const entry = byKey.get(`${variantCode}\u0000${code}`);
      if (!entry) continue;
      const figure = entry.row.figures[location.calculation.id];
      if (figure === undefined) return null;
      quantity += figure;
      if (entry.modifiedAt && (!changedAt || entry.modifiedAt > changedAt)) changedAt = entry.modifiedAt;
    }
    return { quantity, changedAt };
  };
}

/** The ERP's figure for a Shopify location, and when the newest of its ERP rows last changed. */
export interface StockFigure {
  quantity: number;
  changedAt: Date | null;
}
