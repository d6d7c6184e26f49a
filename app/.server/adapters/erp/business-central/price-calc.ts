import type { ErpPriceContext, ErpPriceRequest, ErpVariantPrice } from "../port.ts";
import { fromDecimal, toDecimal } from "./schemas.ts";

/** A sales price list line (table 7001) as `pricesFor` reads it from the companion page. */
export interface BcPriceLine {
  priceListCode: string;
  lineNumber: number;
  sourceType: string;
  sourceNumber: string;
  itemNumber: string;
  variantCode: string;
  unitOfMeasureCode: string;
  currencyCode: string;
  /** null: open. */
  startingDate: string | null;
  endingDate: string | null;
  minimumQuantity: number;
  amountType: string;
  unitPrice: number;
  lineDiscountPercent: number;
  allowLineDiscount: boolean;
  priceIncludesTax: boolean;
  status: string;
}

type Item = ErpPriceRequest["item"];

/** The lines that apply to one unit of this variant for this context, as BC's price calculation filters them. */
function applies(line: BcPriceLine, item: Item, variantCode: string, context: ErpPriceContext): boolean {
  const source = line.sourceType.replaceAll("_x0020_", " ");
  const forUs =
    source === "All Customers" ||
    (source === "Customer Price Group" && context.priceGroup !== "" && line.sourceNumber === context.priceGroup) ||
    (source === "Customer" && context.customerNumber !== undefined && line.sourceNumber === context.customerNumber);
  return (
    forUs &&
    line.status === "Active" &&
    line.itemNumber === item.number &&
    (line.variantCode === "" || line.variantCode === variantCode) &&
    (line.unitOfMeasureCode === "" || line.unitOfMeasureCode === item.baseUnitOfMeasureCode) &&
    line.currencyCode === context.currencyCode &&
    (line.startingDate === null || line.startingDate <= context.date) &&
    (line.endingDate === null || line.endingDate >= context.date) &&
    line.minimumQuantity <= 1
  );
}

/** Cents, converted between with and without tax when the line and the shop differ. */
function shopCents(amount: number, includesTax: boolean, context: ErpPriceContext): number {
  const rate = (context.taxRatePercent ?? 0) / 100;
  let value = amount;
  if (includesTax && !context.pricesIncludeTax) value = amount / (1 + rate);
  if (!includesTax && context.pricesIncludeTax) value = amount * (1 + rate);
  return Math.round((value + Number.EPSILON) * 100);
}

const money = (cents: number) => toDecimal(cents / 100);

/**
 * One variant's price in a context, modelled on BC's "lowest price" calculation (Price
 * Calculation - V16) as the Shopify connector runs it through a one-unit sales quote line:
 *  - the lowest unit price over the applicable Price and Any lines (all customers, the shop's
 *    customer price group, its customer; the variant or all variants; the shop's currency; valid
 *    on `date`; minimum quantity ≤ 1), else the item card's unit price (local currency only:
 *    exchange rates are not applied, so another currency without a line has no price);
 *  - the highest line discount over the applicable Discount and Any lines, when the chosen price
 *    allows line discounts;
 *  - price = unit price less the discount; compare-at = the unit price when a discount made the
 *    price lower (the connector's Unit Price vs Line Amount; "≤ price ⇒ none");
 *  - unit cost = the item card's (BC's quote line takes Unit Cost from the item, or its SKU).
 */
export function priceVariant(
  lines: readonly BcPriceLine[],
  item: Item,
  variantCode: string,
  context: ErpPriceContext,
): ErpVariantPrice {
  const applicable = lines.filter((l) => applies(l, item, variantCode, context));
  const prices = applicable
    .filter((l) => l.amountType === "Price" || l.amountType === "Any")
    .map((line) => ({ line, cents: shopCents(line.unitPrice, line.priceIncludesTax, context) }))
    .sort(
      (a, b) =>
        a.cents - b.cents ||
        a.line.priceListCode.localeCompare(b.line.priceListCode) ||
        a.line.lineNumber - b.line.lineNumber,
    );
  const unitCost = item.unitCost;
  const best = prices[0];
  let unit: number;
  let source: string;
  let allowDiscount = true;
  if (best) {
    unit = best.cents;
    source = `price list ${best.line.priceListCode} line ${best.line.lineNumber}`;
    allowDiscount = best.line.allowLineDiscount;
  } else if (context.currencyCode === "") {
    unit = shopCents(fromDecimal(item.unitPrice, "unitPrice"), item.priceIncludesTax, context);
    source = "item card";
  } else {
    return {
      itemNumber: item.number,
      variantCode,
      price: null,
      compareAtPrice: null,
      unitCost,
      source: `no price in ${context.currencyCode}`,
    };
  }
  const discount = allowDiscount
    ? Math.max(
        0,
        ...applicable
          .filter((l) => l.amountType === "Discount" || l.amountType === "Any")
          .map((l) => l.lineDiscountPercent),
      )
    : 0;
  const price = discount > 0 ? Math.round(unit * (1 - discount / 100)) : unit;
  return {
    itemNumber: item.number,
    variantCode,
    price: money(price),
    compareAtPrice: price < unit ? money(unit) : null,
    unitCost,
    source: discount > 0 ? `${source}, ${discount}% line discount` : source,
  };
}
