import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import {
  PRODUCT_VARIANTS_AFTER_QUERY,
  PRODUCTS_BY_ID_QUERY,
  PRODUCTS_UPDATED_SINCE_QUERY,
} from "../../adapters/shopify/product-read-queries.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";
import type { ShopifyProductForImport } from "./map-shopify-product.ts";

/** The run's cursor stream of Shopify products read (Shopify → ERP). */
export const PRODUCTS_STREAM = "shopify-products";
// The trust boundary: Shopify's answer, parsed before the pure core sees it.
const variantNode = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullish(),
  barcode: z.string().nullish(),
  price: z.string(),
  requiresComponents: z.boolean(),
});
const variantConnection = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
  nodes: z.array(variantNode),
});
const productNode = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  vendor: z.string().nullish(),
  productType: z.string().nullish(),
  status: z.string(),
  updatedAt: z.string(),
  variants: variantConnection,
});
const variantsAfterSchema = z.object({ product: z.object({ variants: variantConnection }).nullable() });
const pageSchema = z.object({
  products: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(productNode),
  }),
});

/** Shopify's most variants on one product (2026-10); a product still longer than this is refused, not half mapped. */
const MAX_VARIANTS_READ = 2_048;

/**
 * A product whose first page of variants was not all of them, completed from Shopify. Few
 * products have more than 100 variants, so this costs nothing for the others.
 */
async function withAllVariants(
  admin: ShopifyAdmin,
  node: z.infer<typeof productNode>,
): Promise<z.infer<typeof productNode>> {
  const variants = [...node.variants.nodes];
  let pageInfo = node.variants.pageInfo;
  while (pageInfo.hasNextPage && pageInfo.endCursor && variants.length < MAX_VARIANTS_READ) {
    const data = variantsAfterSchema.parse(
      await runOperation(admin, PRODUCT_VARIANTS_AFTER_QUERY, { id: node.id, after: pageInfo.endCursor }),
    );
    // Deleted while it was read: what was read stands; the next change reads it again.
    if (!data.product) break;
    variants.push(...data.product.variants.nodes);
    pageInfo = data.product.variants.pageInfo;
  }
  return { ...node, variants: { pageInfo, nodes: variants } };
}

async function completed(admin: ShopifyAdmin, nodes: Array<z.infer<typeof productNode>>) {
  const products: ShopifyProductForImport[] = [];
  for (const node of nodes) {
    products.push(toImport(node.variants.pageInfo.hasNextPage ? await withAllVariants(admin, node) : node));
  }
  return products;
}

function toImport(node: z.infer<typeof productNode>): ShopifyProductForImport {
  return {
    id: node.id,
    title: node.title,
    handle: node.handle,
    vendor: node.vendor ?? "",
    productType: node.productType ?? "",
    status: node.status,
    updatedAt: node.updatedAt,
    variantsTruncated: node.variants.pageInfo.hasNextPage,
    variants: node.variants.nodes.map((v) => ({
      id: v.id,
      title: v.title,
      sku: v.sku ?? null,
      barcode: v.barcode ?? null,
      price: v.price,
      requiresComponents: v.requiresComponents,
    })),
  };
}

export interface ProductsPage {
  products: ShopifyProductForImport[];
  /** Where the cursor may move once this page is applied. */
  next: UpdatedSinceCursor | null;
  /** Shopify has more pages after this one. */
  more: boolean;
}

/**
 * Shopify products changed since the cursor (all of them on the first run), oldest change first,
 * page by page: a caller that checkpoints `next` after applying a page never skips a product
 * when it stops half way.
 */
export async function* readChangedProducts(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<ProductsPage, void, undefined> {
  const query = updatedSinceSearch(cursor);
  let next = cursor;
  for await (const page of paginate(
    admin,
    PRODUCTS_UPDATED_SINCE_QUERY,
    { query },
    {
      operation: "ProductsUpdatedSince",
      connection: (data) => pageSchema.parse(data).products,
      maxPages: options.maxPages,
    },
  )) {
    const products = await completed(admin, z.array(productNode).parse(page.nodes));
    next = cursorAfter(next, products.at(-1));
    yield { products, next, more: page.hasNextPage };
  }
}

/** Ids per `nodes` read: eight products of 100 variants stay under the single query cost limit. */
const IDS_PER_READ = 8;

/**
 * These products as Shopify has them now, whatever their `updatedAt` (a product Shopify no
 * longer has is left out). For the ones the app was asked to read again.
 */
export async function readProductsById(
  admin: ShopifyAdmin,
  ids: readonly string[],
): Promise<ShopifyProductForImport[]> {
  const products: ShopifyProductForImport[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const data = await runOperation(admin, PRODUCTS_BY_ID_QUERY, { ids: ids.slice(i, i + IDS_PER_READ) });
    // A deleted product is null; any other node type is an empty object (the fragment did not apply).
    const nodes = z.array(z.unknown()).parse(data.nodes);
    const found = nodes.flatMap((node) => {
      const parsed = productNode.safeParse(node);
      return parsed.success ? [parsed.data] : [];
    });
    products.push(...(await completed(admin, found)));
  }
  return products;
}
