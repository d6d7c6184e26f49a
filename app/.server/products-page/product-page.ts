import { z } from "zod";

import { getDb } from "../db.ts";
import { countOf, formatDateTime, formatMoney } from "../format/format.ts";
import { getShopDisplay } from "../queries/shop-display.ts";
import { loadRecordRuns } from "../runs-page/record-runs.ts";
import { canMap, canUnlink, capitalize, productStateBadges, shopifyAdminProductUrl } from "./product-labels.ts";
import { getProductLink, listErpRecordsOfItem, listVariantsOfProduct, type ProductLinkRow } from "./queries.ts";

/** The run records' type for products (the sync tasks record `type: "product", key: <link id>`). */
export const PRODUCT_RECORD_TYPE = "product";

/**
 * The mirrored ERP item as far as this page shows it. The mirror holds whatever the adapter
 * pulled, so each field is optional: a field an ERP does not send is left out, never a failure.
 */
const mirroredItemSchema = z.looseObject({
  number: z.string().optional().catch(undefined),
  displayName: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  blocked: z.boolean().optional().catch(undefined),
  salesBlocked: z.boolean().optional().catch(undefined),
  gtin: z.string().optional().catch(undefined),
  unitPrice: z.union([z.string(), z.number()]).optional().catch(undefined),
  unitCost: z.union([z.string(), z.number()]).optional().catch(undefined),
  baseUnitOfMeasureCode: z.string().optional().catch(undefined),
  itemCategoryCode: z.string().optional().catch(undefined),
});
const mirroredVariantSchema = z.looseObject({
  code: z.string().catch(""),
  description: z.string().catch(""),
});

const itemTypeLabels: Record<string, string> = {
  inventory: "Inventory",
  service: "Service",
  nonInventory: "Non-inventory",
};

const variantSourceLabels = {
  matched: "Matched by SKU",
  created: "Created in the ERP",
  merchant: "Mapped by you",
  exported: "Exported from the ERP",
} as const;

function money(value: string | number | null | undefined, currency: string | null): string {
  return value === null || value === undefined ? "" : formatMoney(String(value), currency);
}

async function loadErpItem(shopId: number, link: ProductLinkRow, currency: string | null, timeZone: string | null) {
  if (!link.erpItemNumber) return null;
  const records = await listErpRecordsOfItem(getDb(), { shopId, itemNumber: link.erpItemNumber });
  const itemRecord = records.find((record) => record.entity === "items");
  const item = itemRecord ? mirroredItemSchema.parse(itemRecord.data) : null;
  const variants = records
    .filter((record) => record.entity === "itemVariants")
    .map((record) => mirroredVariantSchema.parse(record.data));
  const blocked = [item?.blocked ? "Blocked" : null, item?.salesBlocked ? "Sales blocked" : null].filter(Boolean);
  return {
    number: link.erpItemNumber,
    /** False until the product sync has pulled the item into the mirror. */
    mirrored: item !== null,
    name: item?.displayName ?? "",
    type: item?.type ? (itemTypeLabels[item.type] ?? item.type) : "",
    blocked: blocked.length > 0 ? blocked.join(", ") : item ? "No" : "",
    gtin: item?.gtin ?? "",
    unitPrice: money(item?.unitPrice, currency),
    unitCost: money(item?.unitCost, currency),
    unitOfMeasure: item?.baseUnitOfMeasureCode ?? "",
    category: item?.itemCategoryCode ?? "",
    modified: formatDateTime(itemRecord?.erpModifiedAt ?? null, timeZone),
    pulled: formatDateTime(itemRecord?.updatedAt ?? null, timeZone),
    variants: variants.map((variant) => ({ code: variant.code, description: variant.description })),
  };
}

/**
 * What the picture card says. The hash and version are of the picture last synced (an ERP etag:
 * not for merchants' eyes); the media id says it is (also) the product's image in Shopify.
 */
function pictureState(link: ProductLinkRow): string {
  if (!link.shopifyMediaId && !link.pictureHash) return "No picture synced yet.";
  if (link.shopifyMediaId) return "Picture synced; it is the product's image in Shopify.";
  return `Picture synced${link.shopifyImageId ? "; it came from the product's image in Shopify" : ""}.`;
}

/** Everything a product's page shows, formatted for the merchant; null when the shop has no such product. */
export async function loadProductPage(shopId: number, productLinkId: number) {
  const db = getDb();
  const link = await getProductLink(db, { shopId, id: productLinkId });
  if (!link) return null;
  const shop = await getShopDisplay(db, shopId);
  const currency = shop.currencyCode;
  const [variants, erpItem, runs] = await Promise.all([
    listVariantsOfProduct(db, {
      shopId,
      shopifyProductId: link.shopifyProductId,
      erpItemNumber: link.erpItemNumber,
    }),
    loadErpItem(shopId, link, currency, shop.timeZone),
    loadRecordRuns({ shopId, recordType: PRODUCT_RECORD_TYPE, recordKey: String(link.id), timeZone: shop.timeZone }),
  ]);
  return {
    product: {
      id: link.id,
      title: link.title || "Untitled product",
      state: link.state,
      badge: productStateBadges[link.state],
      reason: link.reason ? capitalize(link.reason) : "",
      origin: link.origin === "erp" ? "Created from the ERP item" : "Found in Shopify",
      handle: link.handle ?? "",
      inShopify: link.shopifyProductId !== null,
      shopifyAdminUrl: shopifyAdminProductUrl(link.shopifyProductId),
      lastSynced: formatDateTime(link.lastSyncedAt, shop.timeZone),
      lastWritten: formatDateTime(link.lastWrittenAt, shop.timeZone),
      picture: pictureState(link),
      canMap: canMap(link),
      canUnlink: canUnlink(link),
      canIgnore: link.state === "unmapped",
      canStopIgnoring: link.state === "ignored",
      canSync: link.state !== "ignored",
    },
    erpItem,
    variantCount: countOf(variants.length, "variant"),
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku ?? "",
      erp: variant.erpVariantCode ? `${variant.erpItemNumber} / ${variant.erpVariantCode}` : variant.erpItemNumber,
      source: variantSourceLabels[variant.source],
      price: money(variant.price, currency),
      compareAtPrice: money(variant.compareAtPrice, currency),
      unitCost: money(variant.unitCost, currency),
      pricesWritten: formatDateTime(variant.pricesWrittenAt, shop.timeZone),
    })),
    /** The last runs that touched this product, with what each did to it. */
    runs,
    runsHref: `/app/runs?record=${encodeURIComponent(`${PRODUCT_RECORD_TYPE}:${link.id}`)}`,
  };
}
