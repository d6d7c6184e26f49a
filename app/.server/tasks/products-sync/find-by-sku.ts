import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { type ResultOf, runOperation } from "../../adapters/shopify/admin-port.ts";
import {
  handleSearch,
  PRODUCTS_BY_HANDLE_QUERY,
  skuSearch,
  VARIANTS_BY_SKU_QUERY,
} from "../../adapters/shopify/product-queries.ts";
import type { ShopifySkuMatch } from "./plan-product-export.ts";

/** SKUs per search: one query asks for the SKUs of several items at once. */
const SKUS_PER_SEARCH = 25;

/** Shopify variants by SKU (exact SKUs only), with their products. */
export type SkuIndex = ReadonlyMap<string, ReadonlyArray<{ id: string; productId: string }>>;

/**
 * The store's variants carrying these SKUs, found with a few searches for a whole page of items
 * (exact matches only: Shopify's search is by token, so "10001" could also find "10001-B").
 */
export async function indexSkus(admin: ShopifyAdmin, skus: readonly string[]): Promise<SkuIndex> {
  const wanted = [...new Set(skus)];
  const isWanted = new Set(wanted);
  const index = new Map<string, Array<{ id: string; productId: string }>>();
  for (let i = 0; i < wanted.length; i += SKUS_PER_SEARCH) {
    const query = skuSearch(wanted.slice(i, i + SKUS_PER_SEARCH));
    let after: string | null = null;
    do {
      const { productVariants }: ResultOf<typeof VARIANTS_BY_SKU_QUERY> = await runOperation(
        admin,
        VARIANTS_BY_SKU_QUERY,
        {
          query,
          after,
        },
      );
      for (const node of productVariants.nodes) {
        const sku = node.sku ?? "";
        if (!isWanted.has(sku)) continue;
        index.set(sku, [...(index.get(sku) ?? []), { id: node.id, productId: node.product.id }]);
      }
      after = productVariants.pageInfo.hasNextPage ? (productVariants.pageInfo.endCursor ?? null) : null;
    } while (after !== null);
  }
  return index;
}

/**
 * What the store holds under one item's SKUs: nothing, one product (adopted, never duplicated),
 * or several (an ambiguous match that stops with them named).
 */
export function matchSkus(index: SkuIndex, skus: readonly string[]): ShopifySkuMatch {
  const byProduct = new Map<string, Array<{ id: string; sku: string }>>();
  for (const sku of skus) {
    for (const hit of index.get(sku) ?? []) {
      byProduct.set(hit.productId, [...(byProduct.get(hit.productId) ?? []), { id: hit.id, sku }]);
    }
  }
  const products = [...byProduct.entries()];
  if (products.length === 0) return { kind: "none" };
  if (products.length > 1) return { kind: "ambiguous", productIds: products.map(([id]) => id) };
  const [productId, variants] = products[0]!;
  return { kind: "product", productId, variants };
}

const HANDLES_PER_SEARCH = 50;

/**
 * The handles among these that a Shopify product already uses. A create is a product set by
 * handle (so a retry finds its own product), which would otherwise update a merchant's product
 * that happens to have the same handle.
 */
export async function takenHandles(admin: ShopifyAdmin, handles: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const wanted = new Set(handles);
  for (let i = 0; i < handles.length; i += HANDLES_PER_SEARCH) {
    const { products } = await runOperation(admin, PRODUCTS_BY_HANDLE_QUERY, {
      query: handleSearch(handles.slice(i, i + HANDLES_PER_SEARCH)),
    });
    for (const node of products.nodes) if (wanted.has(node.handle)) taken.add(node.handle);
  }
  return taken;
}
