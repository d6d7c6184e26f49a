import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { BarcodeInput, WriteResult } from "../port.ts";
import { type BcContext, customUrl, keySegment } from "./context.ts";
import { and, buildQuery, eq } from "./odata.ts";
import { pageSchema, parseBc } from "./schemas.ts";
import { requireValue } from "./upsert.ts";

const referenceRow = z.object({ id: z.string().min(1), referenceNumber: z.string(), "@odata.etag": z.string() });

/**
 * A barcode is an Item Reference of type "Bar Code" (companion page `itemReferences`), as BC's
 * Shopify connector writes them on import. One barcode per item and variant is kept in step with
 * Shopify's one barcode per variant; other reference types are left alone.
 */
export async function upsertBarcode(ctx: BcContext, input: BarcodeInput): Promise<WriteResult> {
  const barcode = requireValue(input.barcode, "barcode");
  const itemNumber = requireValue(input.itemNumber, "item number");
  const base = customUrl(ctx, ctx.config.customApis.itemReferences);
  if (base === null || !(await ctx.capabilities()).barcodes) {
    throw new ErpError({
      code: "UNSUPPORTED",
      message: "upsertBarcode: barcodes need the companion extension's itemReferences page",
    });
  }
  const filter = and(
    eq("itemNumber", itemNumber),
    eq("variantCode", input.variantCode),
    eq("referenceType", "Bar Code"),
  );
  const url = `${base}${buildQuery({ filter, select: ["id", "referenceNumber"] })}`;
  const found = await ctx.send({ operation: "upsertBarcode", method: "GET", url, maxPageSize: 50 });
  const rows = parseBc(pageSchema(referenceRow), found.json, "itemReferences").value;
  const same = rows.find((r) => r.referenceNumber === barcode);
  if (same) return { ref: { id: same.id, number: barcode }, created: false };
  const other = rows[0];
  if (other) {
    await ctx.send({
      operation: "upsertBarcode",
      method: "PATCH",
      url: `${base}${keySegment(other.id)}`,
      body: { referenceNumber: barcode },
      ifMatch: other["@odata.etag"],
    });
    return { ref: { id: other.id, number: barcode }, created: false };
  }
  const created = await ctx.send({
    operation: "upsertBarcode",
    method: "POST",
    url: base,
    body: { itemNumber, variantCode: input.variantCode, referenceType: "Bar Code", referenceNumber: barcode },
  });
  const row = parseBc(referenceRow, created.json, "the created item reference");
  return { ref: { id: row.id, number: barcode }, created: true };
}
