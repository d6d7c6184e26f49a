import type { CatalogItem } from "../../mapping/catalog-item.ts";
import type { VariantPrice } from "./map-item-to-product.ts";

/**
 * A deleted item's variant prices: the ERP can no longer price it, so the ones last sent stand
 * (any price when never sent: a deleted item's product is never created, only given the
 * removed-item status).
 */
export function lastSentPrices(
  item: CatalogItem,
  links: ReadonlyArray<{
    variantCode: string;
    price: string | null;
    compareAtPrice: string | null;
    unitCost: string | null;
  }>,
): Map<string, VariantPrice> {
  const byCode = new Map(links.map((l) => [l.variantCode, l]));
  const codes = item.variants.length === 0 ? [""] : item.variants.map((v) => v.code);
  return new Map(
    codes.map((code) => {
      const link = byCode.get(code);
      return [
        code,
        { price: link?.price ?? "0", compareAtPrice: link?.compareAtPrice ?? null, unitCost: link?.unitCost ?? null },
      ];
    }),
  );
}
