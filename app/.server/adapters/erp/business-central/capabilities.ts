import { z } from "zod";

import { isErpError } from "../errors.ts";
import type { ErpCapabilities, ErpCompany } from "../port.ts";
import type { BcCustomApiName } from "./config.ts";
import { type BcContext, customUrl, entityUrl } from "./context.ts";
import { buildQuery } from "./odata.ts";
import { BC_MAX_PAGE_SIZE } from "./pull.ts";
import { pageSchema, parseBc, text } from "./schemas.ts";
import { BC_STOCK_CALCULATIONS } from "./stock-calculations.ts";

/** Is the companion extension's page there? 404 ⇒ absent; anything else that fails is a real error. */
async function probe(ctx: BcContext, name: BcCustomApiName): Promise<boolean> {
  const base = customUrl(ctx, ctx.config.customApis[name]);
  if (base === null) return false;
  try {
    await ctx.send({
      operation: `probe ${name}`,
      method: "GET",
      url: `${base}${buildQuery({ top: 1 })}`,
      maxPageSize: 1,
    });
    return true;
  } catch (error) {
    if (isErpError(error) && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

/**
 * Does API v2.0 have a `picture` part on this entity set? Variant pictures came in a later BC
 * version; an older one refuses the expand ("Could not find a property named 'picture'", 400).
 */
async function probePicture(ctx: BcContext, entitySet: "items" | "itemVariants"): Promise<boolean> {
  try {
    await ctx.send({
      operation: `probe ${entitySet} pictures`,
      method: "GET",
      url: `${entityUrl(ctx, entitySet)}${buildQuery({ select: ["id"], expand: "picture", top: 1 })}`,
      maxPageSize: 1,
    });
    return true;
  } catch (error) {
    if (isErpError(error) && (error.code === "VALIDATION" || error.code === "NOT_FOUND")) return false;
    throw error;
  }
}

export async function probeCapabilities(ctx: BcContext): Promise<ErpCapabilities> {
  const [perLocationStock, priceLists, trackingNumbers, barcodes, itemDetails, itemPictures, variantPictures] =
    await Promise.all([
      probe(ctx, "inventoryByLocation"),
      probe(ctx, "priceListLines"),
      probe(ctx, "shipmentTrackings"),
      probe(ctx, "itemReferences"),
      probe(ctx, "itemDetails"),
      probePicture(ctx, "items"),
      probePicture(ctx, "itemVariants"),
    ]);
  return {
    perLocationStock,
    stockCalculations: perLocationStock ? BC_STOCK_CALCULATIONS : [],
    priceLists,
    trackingNumbers,
    barcodes,
    itemDetails,
    itemPictures,
    variantPictures,
    // API v2.0 items and itemVariants take POST and PATCH on every version the adapter supports.
    itemWrites: true,
    // Shopify B2B companies map to BC customers of type Company.
    companies: true,
    webhooks: true,
    posting: true,
    batchSize: 100,
    maxConcurrency: 5,
    maxPageSize: BC_MAX_PAGE_SIZE,
  };
}

const companiesPage = pageSchema(z.object({ id: z.string().min(1), name: z.string(), displayName: text }));

/** Lists companies; the one call that needs no company chosen. */
export async function listCompanies(ctx: BcContext): Promise<ErpCompany[]> {
  const url = `${ctx.config.apiBaseUrl}/companies${buildQuery({ select: ["id", "name", "displayName"] })}`;
  const response = await ctx.send({ operation: "testConnection", method: "GET", url });
  return parseBc(companiesPage, response.json, "companies").value.map((c) => ({
    id: c.id,
    name: c.name,
    displayName: c.displayName || c.name,
  }));
}
