import { z } from "zod";

import { runOperation, type ShopifyAdmin } from "../../adapters/shopify/admin-port.ts";
import {
  PRODUCT_IMAGES_BY_ID_QUERY,
  PRODUCT_IMAGES_UPDATED_SINCE_QUERY,
} from "../../adapters/shopify/media-queries.ts";
import { paginate } from "../../adapters/shopify/paginate.ts";
import { cursorAfter, type UpdatedSinceCursor, updatedSinceSearch } from "../../shopify/updated-since-cursor.ts";
import type { ShopifyImage } from "./plan-image-import.ts";

/** The run's cursor stream of Shopify products read for their image (Shopify → ERP). */
export const PRODUCT_IMAGES_STREAM = "shopify-product-images";

// The trust boundary: Shopify's answer, parsed before the plan sees it.
const productNode = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.string(),
  featuredMedia: z
    .object({
      id: z.string(),
      status: z.string(),
      updatedAt: z.string().optional(),
      image: z.object({ url: z.string() }).nullish(),
    })
    .nullable(),
});
const pageSchema = z.object({
  products: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(productNode),
  }),
});

export interface ProductImage {
  productId: string;
  title: string;
  image: ShopifyImage | null;
}

export interface ProductImagesPage {
  products: ProductImage[];
  /** Where the cursor may move once this page is applied. */
  next: UpdatedSinceCursor | null;
}

function toImage(node: z.infer<typeof productNode>): ProductImage {
  const media = node.featuredMedia;
  const url = media?.image?.url ?? null;
  return {
    productId: node.id,
    title: node.title,
    image: media
      ? { mediaId: media.id, status: media.status, url, version: `${media.updatedAt ?? ""} ${url ?? ""}` }
      : null,
  };
}

/**
 * Products changed since the cursor (all on the first run), oldest change first, with the same
 * overlap as the products import: a media added or removed changes the product's `updatedAt`.
 */
export async function* readChangedProductImages(
  admin: ShopifyAdmin,
  cursor: UpdatedSinceCursor | null,
  options: { maxPages: number },
): AsyncGenerator<ProductImagesPage, void, undefined> {
  const query = updatedSinceSearch(cursor);
  let next = cursor;
  for await (const page of paginate(
    admin,
    PRODUCT_IMAGES_UPDATED_SINCE_QUERY,
    { query },
    {
      operation: "ProductImagesUpdatedSince",
      connection: (data) => pageSchema.parse(data).products,
      maxPages: options.maxPages,
    },
  )) {
    const nodes = z.array(productNode).parse(page.nodes);
    next = cursorAfter(next, nodes.at(-1));
    yield { products: nodes.map(toImage), next };
  }
}

/** Ids per `nodes` read (one media each: cheap). */
const IDS_PER_READ = 50;

/** These products with their first image, whatever their `updatedAt` (a product Shopify no longer has is left out). */
export async function readProductImagesById(admin: ShopifyAdmin, ids: readonly string[]): Promise<ProductImage[]> {
  const products: ProductImage[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const data = await runOperation(admin, PRODUCT_IMAGES_BY_ID_QUERY, { ids: ids.slice(i, i + IDS_PER_READ) });
    // A deleted product is null; any other node type is an empty object (the fragment did not apply).
    for (const node of z.array(z.unknown()).parse(data.nodes)) {
      const parsed = productNode.safeParse(node);
      if (parsed.success) products.push(toImage(parsed.data));
    }
  }
  return products;
}
