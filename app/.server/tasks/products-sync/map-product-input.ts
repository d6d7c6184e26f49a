import type {
  ProductSetInput,
  ProductUpdateInput,
  ProductVariantsBulkInput,
  ProductVariantSetInput,
} from "../../../types/admin.types.d.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { DEFAULT_OPTION_VALUE, type PlannedProduct, type PlannedVariant } from "./map-item-to-product.ts";

const STATUS: Record<ShopSettings["products"]["statusForCreated"], "ACTIVE" | "DRAFT" | "UNLISTED"> = {
  active: "ACTIVE",
  draft: "DRAFT",
  unlisted: "UNLISTED",
};

function optionValue(product: PlannedProduct, variant: PlannedVariant) {
  return {
    optionName: product.optionName ?? "Title",
    name: product.optionName ? variant.optionValue : DEFAULT_OPTION_VALUE,
  };
}

/** Prices on create only: afterwards "Sync prices" owns them (its shadow keeps what was written). */
function prices(variant: PlannedVariant) {
  return {
    price: variant.price.price,
    ...(variant.price.compareAtPrice !== null ? { compareAtPrice: variant.price.compareAtPrice } : {}),
  };
}

function inventoryItem(variant: PlannedVariant, settings: ShopSettings, withCost: boolean) {
  return {
    sku: variant.sku,
    tracked: settings.products.inventoryTracked,
    ...(withCost && variant.price.unitCost !== null ? { cost: variant.price.unitCost } : {}),
    ...(variant.weightKg !== null
      ? { measurement: { weight: { unit: "KILOGRAMS" as const, value: variant.weightKg } } }
      : {}),
  };
}

/** productSet's input for a new product: every variant with its option value, SKU, barcode and prices. */
export function productSetInput(product: PlannedProduct, settings: ShopSettings, handle: string): ProductSetInput {
  const variants: ProductVariantSetInput[] = product.variants.map((v) => ({
    optionValues: [optionValue(product, v)],
    sku: v.sku,
    ...(v.barcode !== null ? { barcode: v.barcode } : {}),
    ...prices(v),
    inventoryPolicy: settings.products.inventoryPolicy === "continue" ? "CONTINUE" : "DENY",
    inventoryItem: inventoryItem(v, settings, true),
  }));
  return {
    title: product.title,
    handle,
    descriptionHtml: product.descriptionHtml,
    vendor: product.vendor,
    productType: product.productType,
    status: createdStatus(settings),
    productOptions: [
      {
        name: product.optionName ?? "Title",
        values: product.variants.map((v) => ({ name: optionValue(product, v).name })),
      },
    ],
    variants,
  };
}

/** The status the shop gives products the app creates (and gives back to an unblocked item's product). */
export function createdStatus(settings: ShopSettings): "ACTIVE" | "DRAFT" | "UNLISTED" {
  return STATUS[settings.products.statusForCreated];
}

/**
 * productUpdate's input: the title, the fields the ERP sets (not a create's fallbacks), and the
 * blocked item's status when it is blocked, or `restoreStatus` when it was unblocked.
 */
export function productUpdateInput(
  product: PlannedProduct,
  productId: string,
  restoreStatus: ProductUpdateInput["status"] | null = null,
): ProductUpdateInput {
  const status = product.blockedStatus ?? restoreStatus;
  return {
    id: productId,
    title: product.title,
    ...(product.fromErp.descriptionHtml ? { descriptionHtml: product.descriptionHtml } : {}),
    ...(product.fromErp.vendor ? { vendor: product.vendor } : {}),
    ...(product.fromErp.productType ? { productType: product.productType } : {}),
    ...(status ? { status } : {}),
  };
}

/** A changed variant: what the product sync owns of it (prices are left to "Sync prices"). */
export function variantUpdateInput(variant: PlannedVariant, shopifyVariantId: string): ProductVariantsBulkInput {
  return {
    id: shopifyVariantId,
    barcode: variant.barcode,
    inventoryItem: {
      sku: variant.sku,
      ...(variant.weightKg !== null ? { measurement: { weight: { unit: "KILOGRAMS", value: variant.weightKg } } } : {}),
    },
  };
}

/** A variant the ERP added to a linked item, complete with its prices (it has none in Shopify yet). */
export function variantCreateInput(
  product: PlannedProduct,
  variant: PlannedVariant,
  settings: ShopSettings,
): ProductVariantsBulkInput {
  return {
    optionValues: [optionValue(product, variant)],
    ...(variant.barcode !== null ? { barcode: variant.barcode } : {}),
    ...prices(variant),
    inventoryPolicy: settings.products.inventoryPolicy === "continue" ? "CONTINUE" : "DENY",
    inventoryItem: inventoryItem(variant, settings, true),
  };
}
