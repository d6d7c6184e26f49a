import type { ErpPrice } from "../adapters/erp/types.ts";
import { fromMicros, toMicros } from "../domain/money.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";

export interface VariantPrice {
  price: string;
  /** The ERP's list price when it is above the price (a discount shown as "was"); null otherwise. */
  compareAtPrice: string | null;
  unitCost: string | null;
  /** For the run page: which ERP figure the price came from. */
  source: string;
}

/** A price list line that applies to one unit sold to the shop's price context today. */
function applies(line: ErpPrice, variantCode: string, prices: ShopSettings["prices"], today: string): boolean {
  if (line.variantCode !== "" && line.variantCode !== variantCode) return false;
  if (line.minimumQuantity > 1) return false;
  if (line.startingDate && line.startingDate > today) return false;
  if (line.endingDate && line.endingDate < today) return false;
  if (prices.priceListCode !== "" && line.priceListCode !== prices.priceListCode) return false;
  // A line for a customer price group applies only to that group; "" applies to all customers.
  if (line.customerPriceGroup !== "" && line.customerPriceGroup !== prices.customerPriceGroup) return false;
  // The shop sells in the ERP's local currency: lines of other currencies belong to other markets.
  return line.currencyCode === "";
}

/**
 * A variant's Shopify prices from the ERP, as BC computes them for a quantity of one in the shop's
 * price context: the best applicable price list line (a variant's own line wins over the item's),
 * else the item's unit price. The compare-at price is the item's unit price when that is higher
 * (zero or lower ⇒ none: BC's rule), and the unit cost is the item's when the shop sends costs.
 */
export function chooseVariantPrice(input: {
  unitPrice: string;
  unitCost: string | null;
  variantCode: string;
  lines: readonly ErpPrice[];
  prices: ShopSettings["prices"];
  /** YYYY-MM-DD in the shop's zone. */
  today: string;
}): VariantPrice {
  const applicable = input.lines.filter((line) => applies(line, input.variantCode, input.prices, input.today));
  const own = applicable.filter((line) => line.variantCode === input.variantCode && input.variantCode !== "");
  const candidates = own.length > 0 ? own : applicable;
  let best: ErpPrice | null = null;
  for (const line of candidates) {
    if (best === null || toMicros(line.unitPrice) < toMicros(best.unitPrice)) best = line;
  }
  const list = toMicros(input.unitPrice);
  const price = best ? toMicros(best.unitPrice) : list;
  return {
    price: fromMicros(price),
    compareAtPrice: best && list > price && list > 0n ? fromMicros(list) : null,
    unitCost: input.prices.syncUnitCost && input.unitCost !== null ? input.unitCost : null,
    source: best ? `price list ${best.priceListCode || "(no code)"}` : "the item's unit price",
  };
}
