import { z } from "zod";

import { runOperation } from "../../adapters/shopify/admin-port.ts";
import { VARIANT_FOR_NEW_ITEM_QUERY } from "../../adapters/shopify/product-read-queries.ts";
import { getDb } from "../../db.ts";
import { variantKey } from "../../mapping/resolve-lines.ts";
import { ordersWaitingOnVariant } from "../../queries/order-processing.ts";
import { shopifyAdminForShopId } from "../../shopify/admin-for-shop-id.ts";
import { importedOrderSchema } from "../orders-sync/imported-order.ts";

/** What an item created from the unmapped list is made of. */
export interface NewItemDetails {
  /** The Shopify product the variant belongs to, when known. */
  shopifyProductId: string | null;
  sku: string | null;
  /** Product and variant title. */
  name: string;
  unitPrice: string;
  barcode: string | null;
}

const DEFAULT_VARIANT_TITLE = "Default Title";

/** From an order waiting on the variant: what the buyer saw, without a call to Shopify. */
async function fromWaitingOrder(shopId: number, shopifyVariantId: string): Promise<NewItemDetails | null> {
  const [waiting] = await ordersWaitingOnVariant(getDb(), { shopId, shopifyVariantId });
  const order = waiting ? importedOrderSchema.safeParse(waiting.snapshot) : null;
  const line = order?.success ? order.data.lines.find((l) => variantKey(l) === shopifyVariantId) : undefined;
  if (!line) return null;
  return {
    shopifyProductId: line.productId,
    sku: line.sku,
    name: [line.title, line.variantTitle].filter(Boolean).join(" "),
    unitPrice: line.unitPrice.shop,
    barcode: line.barcode,
  };
}

// The trust boundary: Shopify's answer for the variant (null once deleted).
const variantSchema = z
  .object({
    title: z.string(),
    sku: z.string().nullable(),
    barcode: z.string().nullable(),
    price: z.string(),
    product: z.object({ id: z.string(), title: z.string() }),
  })
  .nullable();

/** From Shopify: a variant the products import listed, which no order has bought yet. */
async function fromShopify(shopId: number, shopifyVariantId: string): Promise<NewItemDetails | null> {
  if (!shopifyVariantId.startsWith("gid://shopify/ProductVariant/")) return null;
  const admin = await shopifyAdminForShopId(shopId);
  const data = await runOperation(admin, VARIANT_FOR_NEW_ITEM_QUERY, { id: shopifyVariantId });
  const variant = variantSchema.parse(data.productVariant ?? null);
  if (!variant) return null;
  const title = variant.title === DEFAULT_VARIANT_TITLE ? "" : variant.title;
  return {
    shopifyProductId: variant.product.id,
    sku: variant.sku,
    name: [variant.product.title, title].filter(Boolean).join(" "),
    unitPrice: variant.price,
    barcode: variant.barcode,
  };
}

/**
 * The details an item is created from: a waiting order's line when there is one (the unmapped
 * list was fed by an order), else the variant as Shopify has it now (fed by the products import).
 */
export async function newItemDetails(shopId: number, shopifyVariantId: string): Promise<NewItemDetails | null> {
  return (await fromWaitingOrder(shopId, shopifyVariantId)) ?? (await fromShopify(shopId, shopifyVariantId));
}
