import { and, asc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";

import { erpRecords } from "../../../db/schema/erp-records.ts";
import { variantLinks } from "../../../db/schema/links.ts";
import { productLinks, type ProductLinkState, productLinkStates } from "../../../db/schema/product-links.ts";
import type { DbOrTx } from "../db.ts";

/**
 * The Products pages' queries. Every one names the shop first, so each is served by an index that
 * starts with shop_id (product_links_shop_state_idx, variant_links_shop_product_idx,
 * erp_records_shop_item_idx), and the list's per-row numbers are read for one page of rows only.
 */

/** The list's tabs: pending and ignored products show under All only. */
export const productListTabs = ["all", "linked", "unmapped", "error", "skipped"] as const;
export type ProductListTab = (typeof productListTabs)[number];

function tabCondition(tab: ProductListTab): SQL | undefined {
  return tab === "all" ? undefined : eq(productLinks.state, tab);
}

/** `%term%` for ilike, with the term's own wildcards taken literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * Products whose title or ERP item number contains `search`, or one of whose variants' SKU does.
 * SKUs live on variant_links: its matches are found per shop first and joined by product id (or,
 * for a product not in Shopify yet, by item number), never by reading every product's variants.
 */
function searchCondition(shopId: number, search: string | undefined): SQL | undefined {
  const term = search?.trim();
  if (!term) return undefined;
  const pattern = containsPattern(term);
  const bySku = (column: SQL) => sql`(
    select ${column} from ${variantLinks}
    where ${variantLinks.shopId} = ${shopId} and ${variantLinks.sku} ilike ${pattern} and ${column} is not null)`;
  return sql`(${productLinks.title} ilike ${pattern}
    or ${productLinks.erpItemNumber} ilike ${pattern}
    or ${productLinks.shopifyProductId} in ${bySku(sql`${variantLinks.shopifyProductId}`)}
    or (${productLinks.shopifyProductId} is null and ${productLinks.erpItemNumber} in ${bySku(sql`${variantLinks.erpItemNumber}`)}))`;
}

export interface ProductListRow {
  id: number;
  title: string;
  erpItemNumber: string | null;
  shopifyProductId: string | null;
  state: ProductLinkState;
  origin: "erp" | "shopify";
  reason: string | null;
  lastSyncedAt: Date | null;
}

/** One page of the list, by title (id breaks ties, so paging never skips or repeats a product). */
export function listProductLinks(
  db: DbOrTx,
  input: { shopId: number; tab: ProductListTab; search?: string; limit: number; offset: number },
): Promise<ProductListRow[]> {
  return db
    .select({
      id: productLinks.id,
      title: productLinks.title,
      erpItemNumber: productLinks.erpItemNumber,
      shopifyProductId: productLinks.shopifyProductId,
      state: productLinks.state,
      origin: productLinks.origin,
      reason: productLinks.reason,
      lastSyncedAt: productLinks.lastSyncedAt,
    })
    .from(productLinks)
    .where(
      and(eq(productLinks.shopId, input.shopId), tabCondition(input.tab), searchCondition(input.shopId, input.search)),
    )
    .orderBy(asc(productLinks.title), asc(productLinks.id))
    .limit(input.limit)
    .offset(input.offset);
}

/**
 * How many products each tab holds, narrowed by the same search: one grouped pass over the
 * shop's links (its state index), not one count per tab.
 */
export async function countProductLinksByTab(
  db: DbOrTx,
  input: { shopId: number; search?: string },
): Promise<Record<ProductListTab, number>> {
  const rows = await db
    .select({ state: productLinks.state, count: sql<number>`count(*)::int` })
    .from(productLinks)
    .where(and(eq(productLinks.shopId, input.shopId), searchCondition(input.shopId, input.search)))
    .groupBy(productLinks.state);
  const byState = new Map(rows.map((row) => [row.state, Number(row.count)]));
  const counts = { all: 0, linked: 0, unmapped: 0, error: 0, skipped: 0 };
  for (const state of productLinkStates) {
    const count = byState.get(state) ?? 0;
    counts.all += count;
    if (state in counts) counts[state as Exclude<ProductListTab, "all">] += count;
  }
  return counts;
}

/** Linked variants per Shopify product, for one page of products. */
export async function countVariantsOfProducts(
  db: DbOrTx,
  input: { shopId: number; shopifyProductIds: string[] },
): Promise<Map<string, number>> {
  if (input.shopifyProductIds.length === 0) return new Map();
  const rows = await db
    .select({ productId: variantLinks.shopifyProductId, count: sql<number>`count(*)::int` })
    .from(variantLinks)
    .where(and(eq(variantLinks.shopId, input.shopId), inArray(variantLinks.shopifyProductId, input.shopifyProductIds)))
    .groupBy(variantLinks.shopifyProductId);
  return new Map(rows.flatMap((row) => (row.productId ? [[row.productId, Number(row.count)]] : [])));
}

/** Whether the ERP mirror holds each item, and how many variants it has there, for one page of items. */
export async function countErpVariantsOfItems(
  db: DbOrTx,
  input: { shopId: number; itemNumbers: string[] },
): Promise<Map<string, { hasItem: boolean; variants: number }>> {
  if (input.itemNumbers.length === 0) return new Map();
  const rows = await db
    .select({
      itemNumber: erpRecords.itemNumber,
      hasItem: sql<boolean>`bool_or(${erpRecords.entity} = 'items')`,
      variants: sql<number>`(count(*) filter (where ${erpRecords.entity} = 'itemVariants'))::int`,
    })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        inArray(erpRecords.itemNumber, input.itemNumbers),
        inArray(erpRecords.entity, ["items", "itemVariants"]),
      ),
    )
    .groupBy(erpRecords.itemNumber);
  return new Map(rows.map((row) => [row.itemNumber, { hasItem: row.hasItem, variants: Number(row.variants) }]));
}

/** One product link of the shop; undefined for another shop's. */
export async function getProductLink(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(productLinks)
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.id)));
  return row;
}

export type ProductLinkRow = NonNullable<Awaited<ReturnType<typeof getProductLink>>>;

/** The same, locked for the rest of the transaction (actions decide on its state). */
export async function lockProductLink(db: DbOrTx, input: { shopId: number; id: number }) {
  const [row] = await db
    .select()
    .from(productLinks)
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.id)))
    .for("update");
  return row;
}

/** The product that already is this ERP item, other than `exceptId`. */
export async function findProductOfItem(db: DbOrTx, input: { shopId: number; itemNumber: string; exceptId: number }) {
  const [row] = await db
    .select({ id: productLinks.id, title: productLinks.title })
    .from(productLinks)
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        eq(productLinks.erpItemNumber, input.itemNumber),
        ne(productLinks.id, input.exceptId),
      ),
    );
  return row;
}

const VARIANTS_SHOWN = 250;

/**
 * A product's variant links: by its Shopify product when it has one, else (a product not created
 * yet) those the product sync wrote for its item without a product.
 */
export function listVariantsOfProduct(
  db: DbOrTx,
  input: { shopId: number; shopifyProductId: string | null; erpItemNumber: string | null },
) {
  const which = input.shopifyProductId
    ? eq(variantLinks.shopifyProductId, input.shopifyProductId)
    : input.erpItemNumber
      ? and(eq(variantLinks.erpItemNumber, input.erpItemNumber), isNull(variantLinks.shopifyProductId))
      : sql`false`;
  return db
    .select({
      id: variantLinks.id,
      shopifyVariantId: variantLinks.shopifyVariantId,
      erpItemNumber: variantLinks.erpItemNumber,
      erpVariantCode: variantLinks.erpVariantCode,
      source: variantLinks.source,
      sku: variantLinks.sku,
      price: variantLinks.price,
      compareAtPrice: variantLinks.compareAtPrice,
      unitCost: variantLinks.unitCost,
      pricesWrittenAt: variantLinks.pricesWrittenAt,
      linkedAt: variantLinks.linkedAt,
    })
    .from(variantLinks)
    .where(and(eq(variantLinks.shopId, input.shopId), which))
    .orderBy(asc(variantLinks.erpVariantCode), asc(variantLinks.id))
    .limit(VARIANTS_SHOWN);
}

/** Removes a Shopify product's variant links (Unlink); returns how many there were. */
export async function deleteVariantsOfProduct(
  db: DbOrTx,
  input: { shopId: number; shopifyProductId: string },
): Promise<number> {
  const deleted = await db
    .delete(variantLinks)
    .where(and(eq(variantLinks.shopId, input.shopId), eq(variantLinks.shopifyProductId, input.shopifyProductId)))
    .returning({ id: variantLinks.id });
  return deleted.length;
}

/** The ERP mirror's item and its variants (what the product is planned from). */
export function listErpRecordsOfItem(db: DbOrTx, input: { shopId: number; itemNumber: string }) {
  return db
    .select({
      entity: erpRecords.entity,
      erpId: erpRecords.erpId,
      data: erpRecords.data,
      erpModifiedAt: erpRecords.erpModifiedAt,
      updatedAt: erpRecords.updatedAt,
    })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.itemNumber, input.itemNumber),
        inArray(erpRecords.entity, ["items", "itemVariants"]),
      ),
    )
    .orderBy(asc(erpRecords.entity), asc(erpRecords.id))
    .limit(VARIANTS_SHOWN + 1);
}

/** The mirrored item's ERP id (BC: SystemId), when the mirror holds the item. */
export async function erpIdOfItem(db: DbOrTx, input: { shopId: number; itemNumber: string }) {
  const [row] = await db
    .select({ erpId: erpRecords.erpId })
    .from(erpRecords)
    .where(
      and(
        eq(erpRecords.shopId, input.shopId),
        eq(erpRecords.itemNumber, input.itemNumber),
        eq(erpRecords.entity, "items"),
      ),
    )
    .limit(1);
  return row?.erpId ?? null;
}

/**
 * Puts every mirror row of the item at the head of the change feed, so the next product sync
 * plans it again although nothing changed in the ERP.
 */
export async function bumpErpRecordsOfItem(db: DbOrTx, input: { shopId: number; itemNumber: string }) {
  await db
    .update(erpRecords)
    .set({ changeSeq: sql`nextval('erp_record_change_seq')` })
    .where(and(eq(erpRecords.shopId, input.shopId), eq(erpRecords.itemNumber, input.itemNumber)));
}

/** Moves a link from one state to another; nothing when it is not (any longer) in `from`. */
export async function updateProductLinkState(
  db: DbOrTx,
  input: {
    shopId: number;
    id: number;
    from: readonly ProductLinkState[];
    set: Partial<typeof productLinks.$inferInsert>;
  },
): Promise<boolean> {
  const updated = await db
    .update(productLinks)
    .set({ ...input.set, updatedAt: new Date() })
    .where(
      and(
        eq(productLinks.shopId, input.shopId),
        eq(productLinks.id, input.id),
        inArray(productLinks.state, [...input.from]),
      ),
    )
    .returning({ id: productLinks.id });
  return updated.length > 0;
}

/** Forgets the Shopify hash last read, so the next Shopify → ERP pass reads the product again. */
export async function forgetShopifyHash(db: DbOrTx, input: { shopId: number; id: number }) {
  await db
    .update(productLinks)
    .set({ lastSeenShopifyHash: null, updatedAt: new Date() })
    .where(and(eq(productLinks.shopId, input.shopId), eq(productLinks.id, input.id)));
}
