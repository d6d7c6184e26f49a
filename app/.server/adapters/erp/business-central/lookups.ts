import { z } from "zod";

import { ErpError } from "../errors.ts";
import { type BcContext, entityUrl } from "./context.ts";
import { and, buildQuery, eq } from "./odata.ts";
import { pageSchema, parseBc } from "./schemas.ts";

const idPage = pageSchema(z.object({ id: z.string().min(1) }));

/**
 * Resolves a business key (customer/item number, location code, item+variant code) to BC's
 * SystemId, which deep inserts need. Hits are cached for the adapter instance's life (a job);
 * misses are not, so a record created meanwhile is found on the next call.
 */
async function resolve(ctx: BcContext, cacheKey: string, entitySet: string, filter: string, what: string) {
  const cached = ctx.idCache.get(cacheKey);
  if (cached) return cached;
  const url = `${entityUrl(ctx, entitySet)}${buildQuery({ filter, select: ["id"], top: 1 })}`;
  const response = await ctx.send({ operation: `resolve ${entitySet}`, method: "GET", url });
  const id = parseBc(idPage, response.json, entitySet).value[0]?.id;
  if (!id) throw new ErpError({ code: "VALIDATION", message: `${what} does not exist in Business Central` });
  ctx.idCache.set(cacheKey, id);
  return id;
}

export function customerId(ctx: BcContext, number: string): Promise<string> {
  return resolve(ctx, `customer:${number}`, "customers", eq("number", number), `Customer ${number}`);
}

export function itemId(ctx: BcContext, number: string): Promise<string> {
  return resolve(ctx, `item:${number}`, "items", eq("number", number), `Item ${number}`);
}

export function itemVariantId(ctx: BcContext, itemNumber: string, code: string): Promise<string> {
  return resolve(
    ctx,
    `variant:${itemNumber}\u0000${code}`,
    "itemVariants",
    and(eq("itemNumber", itemNumber), eq("code", code)),
    `Variant ${code} of item ${itemNumber}`,
  );
}

export function locationId(ctx: BcContext, code: string): Promise<string> {
  return resolve(ctx, `location:${code}`, "locations", eq("code", code), `Location ${code}`);
}
