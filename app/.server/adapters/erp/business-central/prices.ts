import { z } from "zod";

import { ErpError } from "../errors.ts";
import type { ErpPriceContext, ErpPriceRequest, ErpVariantPrice } from "../port.ts";
import { type BcContext, customUrl } from "./context.ts";
import { and, anyOf, buildQuery, eq } from "./odata.ts";
import { type BcPriceLine, priceVariant } from "./price-calc.ts";
import { bool, date, num, pageSchema, parseBc, text } from "./schemas.ts";

const lineRow = z.object({
  priceListCode: text,
  lineNumber: num,
  sourceType: text,
  sourceNumber: text,
  itemNumber: z.string(),
  variantCode: text,
  unitOfMeasureCode: text,
  currencyCode: text,
  startingDate: date,
  endingDate: date,
  minimumQuantity: num,
  amountType: text,
  unitPrice: num,
  lineDiscountPercent: num,
  allowLineDiscount: bool,
  priceIncludesTax: bool,
  status: text,
}) satisfies z.ZodType<BcPriceLine>;
const SELECT = Object.keys(lineRow.shape);
/** Item numbers per `itemNumber eq … or …` filter: short URLs, few calls for a catalog. */
const ITEMS_PER_CALL = 25;

/** The active lines of these items in the context's currency, every page. */
async function readLines(
  ctx: BcContext,
  base: string,
  numbers: string[],
  currencyCode: string,
): Promise<BcPriceLine[]> {
  const lines: BcPriceLine[] = [];
  for (let at = 0; at < numbers.length; at += ITEMS_PER_CALL) {
    const filter = and(
      anyOf("itemNumber", numbers.slice(at, at + ITEMS_PER_CALL)),
      eq("status", "Active"),
      eq("currencyCode", currencyCode),
    );
    let next: string | undefined = `${base}${buildQuery({ filter, select: SELECT })}`;
    while (next) {
      const response = await ctx.send({ operation: "pricesFor", method: "GET", url: next, maxPageSize: 5000 });
      const page = parseBc(pageSchema(lineRow), response.json, "a priceListLines page");
      lines.push(...page.value);
      next = page["@odata.nextLink"];
    }
  }
  return lines;
}

/**
 * Prices for a context: the items' price list lines read in batches (without the companion
 * extension, none: every price is the item card's), then `priceVariant` per variant.
 */
export async function pricesFor(
  ctx: BcContext,
  context: ErpPriceContext,
  items: readonly ErpPriceRequest[],
): Promise<ErpVariantPrice[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(context.date)) {
    throw new ErpError({ code: "VALIDATION", message: `pricesFor: date "${context.date}" is not YYYY-MM-DD` });
  }
  if (items.length === 0) return [];
  const base = customUrl(ctx, ctx.config.customApis.priceListLines);
  const numbers = [...new Set(items.map((i) => i.item.number))];
  const lines =
    base !== null && (await ctx.capabilities()).priceLists
      ? await readLines(ctx, base, numbers, context.currencyCode)
      : [];
  const byItem = new Map<string, BcPriceLine[]>();
  for (const line of lines) byItem.set(line.itemNumber, [...(byItem.get(line.itemNumber) ?? []), line]);
  return items.flatMap((request) =>
    request.variantCodes.map((code) =>
      priceVariant(byItem.get(request.item.number) ?? [], request.item, code, context),
    ),
  );
}
