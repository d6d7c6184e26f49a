import type { ErpAdapter, ErpPriceContext } from "../adapters/erp/port.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import type { CatalogItem } from "../mapping/catalog-item.ts";
import type { VariantPrice } from "../tasks/products-sync/map-item-to-product.ts";

/** The shop's price context as the ERP port takes it (Settings → Prices). */
export function priceContext(settings: ShopSettings, today: string): ErpPriceContext {
  return {
    priceGroup: settings.prices.customerPriceGroup,
    currencyCode: "",
    pricesIncludeTax: settings.prices.pricesIncludeTax,
    date: today,
  };
}

/** Per item number and variant code ("" = the item itself). */
export type PricesByItem = Map<string, Map<string, VariantPrice>>;

/**
 * The ERP's prices for a page of items in one call (the ERP's own rules decide: BC's best price of
 * its price list lines). A variant the ERP cannot price in this context is absent: its Shopify
 * price is left alone, and a product is not created without one.
 */
export async function variantPrices(
  adapter: ErpAdapter,
  settings: ShopSettings,
  today: string,
  items: readonly CatalogItem[],
): Promise<PricesByItem> {
  const byItem: PricesByItem = new Map();
  if (items.length === 0) return byItem;
  const answers = await adapter.pricesFor(
    priceContext(settings, today),
    items.map(({ item, variants }) => ({
      item,
      variantCodes: variants.length === 0 ? [""] : variants.map((v) => v.code),
    })),
  );
  for (const answer of answers) {
    if (answer.price === null) continue;
    const prices = byItem.get(answer.itemNumber) ?? new Map<string, VariantPrice>();
    prices.set(answer.variantCode, {
      price: answer.price,
      compareAtPrice: answer.compareAtPrice,
      unitCost: settings.prices.syncUnitCost ? answer.unitCost : null,
    });
    byItem.set(answer.itemNumber, prices);
  }
  return byItem;
}
