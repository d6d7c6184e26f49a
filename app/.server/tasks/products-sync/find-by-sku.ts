import type { ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { runOperation } from "../../adapters/shopify/admin-port.ts";
import {
  handleSearch,
  PRODUCTS_BY_HANDLE_QUERY,
  skuSearch,
  VARIANTS_BY_SKU_QUERY,
} from "../../adapters/shopify/product-queries.ts";
import type { ShopifySkuMatch } from "./plan-product-export.ts";

/** Shopify's search takes about this many OR'd terms in one query comfortably. */
const SKUS_PER_SEARCH = 10;

/**
 * The Shopify products that already carry an item's SKUs (exact matches only: Shopify's search is
 * by token, so "10001" could also find "10001-B"). Before a create this is what keeps a merchant's
 * existing product from being duplicated, and two products carrying them is an ambiguous match.
 */
export async function findProductsBySku(admin: ShopifyAdmin, skus: readonly string[]): Promise<ShopifySkuMatch> {
  const wanted = new Set(skus);
  const byProduct = new Map<string, Array<{ id: string; sku: string }>>();
  for (let i = 0; i < skus.length; i += SKUS_PER_SEARCH) {
    const { productVariants } = await runOperation(admin, VARIANTS_BY_SKU_QUERY, {
      query: skuSearch(skus.slice(i, i + SKUS_PER_SEARCH)),
    });
    for (const node of productVariants.nodes) {
      const sku = node.sku ?? "";
      if (!wanted.has(sku)) continue;
      const list = byProduct.get(node.product.id) ?? [];
      list.push({ id: node.id, sku });
      byProduct.set(node.product.id, list);
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
