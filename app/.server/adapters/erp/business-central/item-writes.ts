import { z } from "zod";

import { ErpError, isErpError } from "../errors.ts";
import type { ErpItemPatch, ErpRecordVersion, ItemVariantInput, WriteResult } from "../port.ts";
import type { ErpWeight } from "../types.ts";
import { type BcContext, customUrl, entityUrl, keySegment } from "./context.ts";
import { and, buildQuery, eq } from "./odata.ts";
import { fromDecimal, pageSchema, parseBc, rowBase } from "./schemas.ts";
import { requireValue } from "./upsert.ts";

const ITEM_TYPES = { inventory: "Inventory", service: "Service", nonInventory: "Non-Inventory" } as const;
const versionRow = z.object({ ...rowBase, "@odata.etag": z.string() });

/** Grams per unit, to convert a weight into the unit the company's items are kept in. */
const GRAMS: Record<ErpWeight["unit"], number> = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 };

function convertWeight(weight: ErpWeight, to: ErpWeight["unit"]): number {
  if (!Number.isFinite(weight.value) || weight.value < 0) {
    throw new ErpError({ code: "VALIDATION", message: `updateItem: weight ${weight.value} is not a weight` });
  }
  const value = weight.unit === to ? weight.value : (weight.value * GRAMS[weight.unit]) / GRAMS[to];
  // BC's Gross Weight has 5 decimals.
  return Math.round(value * 100_000) / 100_000;
}

/** The API v2.0 item fields of a patch, in BC's names. */
function standardFields(patch: ErpItemPatch): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    displayName: patch.displayName,
    displayName2: patch.displayName2,
    type: patch.type === undefined ? undefined : ITEM_TYPES[patch.type],
    blocked: patch.blocked,
    gtin: patch.gtin,
    unitPrice: patch.unitPrice === undefined ? undefined : fromDecimal(patch.unitPrice, "unitPrice"),
    unitCost: patch.unitCost === undefined ? undefined : fromDecimal(patch.unitCost, "unitCost"),
    priceIncludesTax: patch.priceIncludesTax,
    itemCategoryCode: patch.itemCategoryCode,
    baseUnitOfMeasureCode: patch.baseUnitOfMeasureCode,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The companion page's fields; a vendor's name becomes its number (an unknown name is refused). */
async function detailFields(ctx: BcContext, patch: ErpItemPatch): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {
    salesBlocked: patch.salesBlocked,
    vendorItemNumber: patch.vendorItemNumber,
    grossWeight: patch.weight === undefined ? undefined : convertWeight(patch.weight, ctx.config.weightUnit),
  };
  if (patch.vendor !== undefined) {
    fields.vendorNumber = patch.vendor === "" ? "" : await vendorNumber(ctx, patch.vendor);
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

async function vendorNumber(ctx: BcContext, name: string): Promise<string> {
  const url = `${entityUrl(ctx, "vendors")}${buildQuery({ filter: eq("displayName", name), select: ["id", "number"] })}`;
  const response = await ctx.send({ operation: "updateItem (vendor)", method: "GET", url, maxPageSize: 2 });
  const vendor = parseBc(pageSchema(z.object({ number: z.string() })), response.json, "vendors").value[0];
  if (!vendor) {
    throw new ErpError({
      code: "VALIDATION",
      message: `updateItem: no Business Central vendor is named "${name.slice(0, 100)}"`,
    });
  }
  return vendor.number;
}

/** A stale version is the caller's to resolve (re-read, decide again): never retried as is. */
function staleVersion(error: unknown, itemId: string): unknown {
  if (!isErpError(error) || error.code !== "CONFLICT") return error;
  return new ErpError({
    code: "CONFLICT",
    retryable: false,
    message: `updateItem: item ${itemId} changed in Business Central since the version given; read it again`,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.erpCode === undefined ? {} : { erpCode: error.erpCode }),
    ...(error.method === undefined ? {} : { method: error.method }),
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.correlationId === undefined ? {} : { correlationId: error.correlationId }),
    cause: error,
  });
}

async function patchAt(ctx: BcContext, url: string, body: Record<string, unknown>, ifMatch: string, itemId: string) {
  try {
    const response = await ctx.send({ operation: "updateItem", method: "PATCH", url, body, ifMatch });
    const row = parseBc(versionRow, response.json, "the updated item");
    return { version: row["@odata.etag"], modifiedAt: row.lastModifiedDateTime };
  } catch (error) {
    throw staleVersion(error, itemId);
  }
}

/**
 * PATCH items({id}) with If-Match = `version`, then (for sales blocked, vendor, weight) the
 * companion page with the etag that answer carried: both are the one Item record. An empty patch
 * writes nothing and only checks the version is current.
 */
export async function updateItem(
  ctx: BcContext,
  itemId: string,
  patch: ErpItemPatch,
  version: string,
): Promise<ErpRecordVersion> {
  const standard = standardFields(patch);
  const details = await detailFields(ctx, patch);
  const detailsBase = customUrl(ctx, ctx.config.customApis.itemDetails);
  if (Object.keys(details).length > 0 && (detailsBase === null || !(await ctx.capabilities()).itemDetails)) {
    throw new ErpError({
      code: "UNSUPPORTED",
      message: "updateItem: sales blocked, vendor and weight need the companion extension's itemDetails page",
    });
  }
  let current: ErpRecordVersion | null = null;
  if (Object.keys(standard).length > 0 || Object.keys(details).length === 0) {
    const url = entityUrl(ctx, `items${keySegment(itemId)}`);
    current =
      Object.keys(standard).length > 0
        ? await patchAt(ctx, url, standard, version, itemId)
        : await readVersion(ctx, url, itemId, version);
  }
  if (Object.keys(details).length > 0) {
    current = await patchAt(ctx, `${detailsBase}${keySegment(itemId)}`, details, current?.version ?? version, itemId);
  }
  return current!;
}

async function readVersion(ctx: BcContext, url: string, itemId: string, version: string): Promise<ErpRecordVersion> {
  const response = await ctx.send({
    operation: "updateItem",
    method: "GET",
    url: `${url}${buildQuery({ select: ["id", "lastModifiedDateTime"] })}`,
  });
  const row = parseBc(versionRow, response.json, "the item");
  if (row["@odata.etag"] !== version) {
    throw new ErpError({
      code: "CONFLICT",
      retryable: false,
      message: `updateItem: item ${itemId} changed in Business Central since the version given; read it again`,
    });
  }
  return { version: row["@odata.etag"], modifiedAt: row.lastModifiedDateTime };
}

const variantRow = z.object({ id: z.string().min(1), code: z.string(), description: z.string().default("") });

/** By item number and code: a retried job finds the variant it created and returns it. */
export async function createItemVariant(ctx: BcContext, input: ItemVariantInput): Promise<WriteResult> {
  const itemNumber = requireValue(input.itemNumber, "item number");
  const code = requireValue(input.code, "variant code").toUpperCase();
  const filter = and(eq("itemNumber", itemNumber), eq("code", code));
  const url = `${entityUrl(ctx, "itemVariants")}${buildQuery({ filter, select: ["id", "code", "description"] })}`;
  const find = async () => {
    const found = await ctx.send({ operation: "createItemVariant", method: "GET", url, maxPageSize: 1 });
    return parseBc(pageSchema(variantRow), found.json, "itemVariants").value[0];
  };
  const existing = await find();
  if (existing) return { ref: { id: existing.id, number: existing.code }, created: false };
  try {
    const created = await ctx.send({
      operation: "createItemVariant",
      method: "POST",
      url: entityUrl(ctx, "itemVariants"),
      body: { itemNumber, code, description: input.description },
    });
    const row = parseBc(variantRow, created.json, "the created item variant");
    return { ref: { id: row.id, number: row.code }, created: true };
  } catch (error) {
    // Another job made it between our read and our POST: it is there now, which is what was asked.
    const raced = isErpError(error) && error.code === "DUPLICATE" ? await find() : undefined;
    if (raced) return { ref: { id: raced.id, number: raced.code }, created: false };
    throw error;
  }
}
