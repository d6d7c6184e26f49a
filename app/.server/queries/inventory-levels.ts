import { and, asc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";

import { type InventoryLevelRow, inventoryLevels } from "../../../db/schema/inventory-levels.ts";
import { variantLinks } from "../../../db/schema/links.ts";
import type { DbOrTx } from "../db.ts";

/** What a read of Shopify said about one level (bulk query, per-variant read, activation). */
export interface LevelRead {
  inventoryItemId: string;
  locationId: string;
  variantId: string;
  tracked: boolean;
  /** false: the item is not stocked at the location (no level there). */
  stocked: boolean;
  available: number | null;
  onHand: number | null;
  /** Shopify's time of the figures; null = not known (then the read wins). */
  shopifyUpdatedAt: Date | null;
}

/** Rows a statement writes at once: well under Postgres's 65,535 bind parameters. */
const WRITE_CHUNK = 2_000;

/**
 * Stores reads in the shadow. A read replaces the figures unless the shadow already holds newer ones
 * (a webhook that overtook a slow bulk read); a read of "not stocked" changes only that flag (a
 * later line of the same read may stock it). `recompute` is left as it is: the caller plans.
 */
export async function saveLevelReads(db: DbOrTx, shopId: number, reads: readonly LevelRead[]): Promise<void> {
  const unique = [...new Map(reads.map((r) => [`${r.inventoryItemId}\u0000${r.locationId}`, r])).values()];
  for (let i = 0; i < unique.length; i += WRITE_CHUNK) {
    await db
      .insert(inventoryLevels)
      .values(unique.slice(i, i + WRITE_CHUNK).map((r) => ({ shopId, ...r })))
      .onConflictDoUpdate({
        target: [inventoryLevels.shopId, inventoryLevels.inventoryItemId, inventoryLevels.locationId],
        set: {
          variantId: sql`excluded.variant_id`,
          tracked: sql`excluded.tracked`,
          stocked: sql`excluded.stocked`,
          available: sql`case when excluded.stocked and ${newer} then excluded.available else ${inventoryLevels.available} end`,
          onHand: sql`case when excluded.stocked and ${newer} then excluded.on_hand else ${inventoryLevels.onHand} end`,
          shopifyUpdatedAt: sql`greatest(${inventoryLevels.shopifyUpdatedAt}, excluded.shopify_updated_at)`,
          updatedAt: sql`now()`,
        },
      });
  }
}

/** A read's figures win unless the shadow's are known to be newer. */
const newer = sql`(excluded.shopify_updated_at is null or ${inventoryLevels.shopifyUpdatedAt} is null or excluded.shopify_updated_at >= ${inventoryLevels.shopifyUpdatedAt})`;

/** The shadow rows of these variants (every location the app has read for them). */
export async function levelsOfVariants(
  db: DbOrTx,
  input: { shopId: number; variantIds: readonly string[] },
): Promise<InventoryLevelRow[]> {
  if (input.variantIds.length === 0) return [];
  return db
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.shopId, input.shopId), inArray(inventoryLevels.variantId, [...input.variantIds])));
}

/** What one write (or activation) left in Shopify, from its answer. */
export interface LevelWrite {
  inventoryItemId: string;
  locationId: string;
  name: "available" | "on_hand";
  /** Shopify's quantity of that name after the change. */
  quantity: number;
  target: number;
  at: Date;
  /** The write stocked the item at the location. */
  activated?: boolean;
}

/**
 * Records writes in the shadow: the written quantity, and the other one moved by the same delta
 * (setting available moves on hand by as much, and the reverse; committed stays).
 */
export async function saveLevelWrites(db: DbOrTx, shopId: number, writes: readonly LevelWrite[]): Promise<void> {
  for (const w of writes) {
    const delta =
      w.name === "available"
        ? sql`${w.quantity} - coalesce(${inventoryLevels.available}, ${w.quantity})`
        : sql`${w.quantity} - coalesce(${inventoryLevels.onHand}, ${w.quantity})`;
    await db
      .update(inventoryLevels)
      .set({
        available: w.name === "available" ? w.quantity : sql`${inventoryLevels.available} + ${delta}`,
        onHand: w.name === "on_hand" ? w.quantity : sql`${inventoryLevels.onHand} + ${delta}`,
        stocked: w.activated ? true : inventoryLevels.stocked,
        shopifyUpdatedAt: sql`greatest(${inventoryLevels.shopifyUpdatedAt}, ${w.at.toISOString()}::timestamptz)`,
        target: w.target,
        targetName: w.name,
        lastSentAt: w.at,
        recompute: false,
        driftShopify: null,
        driftTarget: null,
        driftAt: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(inventoryLevels.shopId, shopId),
          eq(inventoryLevels.inventoryItemId, w.inventoryItemId),
          eq(inventoryLevels.locationId, w.locationId),
        ),
      );
  }
}

/** The target a run computed for levels it found already in step: kept for the drift report. */
export async function saveLevelTargets(
  db: DbOrTx,
  shopId: number,
  targets: ReadonlyArray<{
    inventoryItemId: string;
    locationId: string;
    target: number;
    name: "available" | "on_hand";
  }>,
): Promise<void> {
  for (let i = 0; i < targets.length; i += WRITE_CHUNK) {
    const chunk = targets.slice(i, i + WRITE_CHUNK);
    const values = sql.join(
      chunk.map((t) => sql`(${t.inventoryItemId}, ${t.locationId}, ${t.target}::int, ${t.name})`),
      sql`, `,
    );
    await db.execute(sql`
      update ${inventoryLevels} as l
         set target = v.target, target_name = v.name, recompute = false, updated_at = now()
        from (values ${values}) as v(item, location, target, name)
       where l.shop_id = ${shopId} and l.inventory_item_id = v.item and l.location_id = v.location`);
  }
}

/**
 * An `inventory_levels/update` webhook: Shopify's available quantity at its time. Applied only when
 * newer than what the shadow holds (webhooks come late, twice and out of order). On hand is not in
 * the payload: it stays, and a compare-and-set on it finds out if it moved (ADR 020).
 */
export async function applyLevelWebhook(
  db: DbOrTx,
  input: { shopId: number; inventoryItemId: string; locationId: string; available: number | null; updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(inventoryLevels)
    .set({
      available: input.available,
      stocked: true,
      shopifyUpdatedAt: input.updatedAt,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(inventoryLevels.shopId, input.shopId),
        eq(inventoryLevels.inventoryItemId, input.inventoryItemId),
        eq(inventoryLevels.locationId, input.locationId),
        sql`(${inventoryLevels.shopifyUpdatedAt} is null or ${inventoryLevels.shopifyUpdatedAt} < ${input.updatedAt.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ variantId: inventoryLevels.variantId });
  return rows.length > 0;
}

/** Item numbers with variants linked to Shopify, in order after `after`: a full pass's pages. */
export async function stockItemNumbers(
  db: DbOrTx,
  input: { shopId: number; after: string | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ itemNumber: variantLinks.erpItemNumber })
    .from(variantLinks)
    .where(
      and(
        eq(variantLinks.shopId, input.shopId),
        input.after === null ? undefined : gt(variantLinks.erpItemNumber, input.after),
      ),
    )
    .orderBy(asc(variantLinks.erpItemNumber))
    .limit(input.limit);
  return rows.map((r) => r.itemNumber);
}

/**
 * Item numbers with a level marked for recomputing ("fix now", a stale compare, a new link), at most
 * `limit`: planned apart from the ERP's change feed.
 */
export async function itemsToRecompute(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ itemNumber: variantLinks.erpItemNumber })
    .from(inventoryLevels)
    .innerJoin(
      variantLinks,
      and(
        eq(variantLinks.shopId, inventoryLevels.shopId),
        eq(variantLinks.shopifyVariantId, inventoryLevels.variantId),
      ),
    )
    .where(and(eq(inventoryLevels.shopId, input.shopId), eq(inventoryLevels.recompute, true)))
    .limit(input.limit);
  return rows.map((r) => r.itemNumber);
}

/** Marks levels to be planned again on the next run ("fix now" on the drift report, per row or all). */
export async function markLevelsForRecompute(
  db: DbOrTx,
  input: { shopId: number; levels: "drifted" | ReadonlyArray<{ inventoryItemId: string; locationId: string }> },
): Promise<number> {
  const where =
    input.levels === "drifted"
      ? and(eq(inventoryLevels.shopId, input.shopId), isNotNull(inventoryLevels.driftAt))
      : and(
          eq(inventoryLevels.shopId, input.shopId),
          sql`(${inventoryLevels.inventoryItemId}, ${inventoryLevels.locationId}) in (${sql.join(
            input.levels.map((l) => sql`(${l.inventoryItemId}, ${l.locationId})`),
            sql`, `,
          )})`,
        );
  if (input.levels !== "drifted" && input.levels.length === 0) return 0;
  const rows = await db
    .update(inventoryLevels)
    .set({ recompute: true, updatedAt: sql`now()` })
    .where(where)
    .returning({ variantId: inventoryLevels.variantId });
  return rows.length;
}

/**
 * Item numbers of linked variants the shadow has no level of yet (linked since the last full pass),
 * at most `limit`: their levels are read and planned apart from the feed.
 */
export async function itemsWithoutLevels(db: DbOrTx, input: { shopId: number; limit: number }): Promise<string[]> {
  const rows = await db.execute<{ item_number: string }>(sql`
    select distinct vl.erp_item_number as item_number
      from ${variantLinks} vl
     where vl.shop_id = ${input.shopId}
       and not exists (select 1 from ${inventoryLevels} l
                        where l.shop_id = vl.shop_id and l.variant_id = vl.shopify_variant_id)
     limit ${input.limit}`);
  return rows.map((r) => r.item_number);
}

/** The levels of these variants are planned: no longer waiting for a recompute. */
export async function clearRecompute(
  db: DbOrTx,
  input: { shopId: number; variantIds: readonly string[] },
): Promise<void> {
  if (input.variantIds.length === 0) return;
  await db
    .update(inventoryLevels)
    .set({ recompute: false })
    .where(
      and(
        eq(inventoryLevels.shopId, input.shopId),
        eq(inventoryLevels.recompute, true),
        inArray(inventoryLevels.variantId, [...input.variantIds]),
      ),
    );
}

/** Marks every level of these variants for planning again (an order of them changed state). */
export async function markVariantsForRecompute(
  db: DbOrTx,
  input: { shopId: number; variantIds: readonly string[] },
): Promise<void> {
  if (input.variantIds.length === 0) return;
  await db
    .update(inventoryLevels)
    .set({ recompute: true })
    .where(and(eq(inventoryLevels.shopId, input.shopId), inArray(inventoryLevels.variantId, [...input.variantIds])));
}

/**
 * An order became an ERP document, was posted or shipped: the stock figures of its variants move
 * in the ERP while the app's corrections for it end, so its levels are planned again by the next
 * stock sync (with figures pulled after the change) instead of waiting for the ERP's feed.
 */
export async function markOrderVariantsForRecompute(
  db: DbOrTx,
  input: { shopId: number; orderId: number },
): Promise<void> {
  await db.execute(sql`
    update ${inventoryLevels} set recompute = true
     where shop_id = ${input.shopId}
       and variant_id in (select line->>'variantId'
                            from orders o, jsonb_array_elements(o.snapshot->'lines') as line
                           where o.shop_id = ${input.shopId} and o.id = ${input.orderId})`);
}

/**
 * An `inventory_items/update` webhook: whether Shopify tracks the item's stock. A variant made
 * untracked is skipped from then on; tracked again, it is planned by the next run.
 */
export async function setItemTracked(
  db: DbOrTx,
  input: { shopId: number; inventoryItemId: string; tracked: boolean },
): Promise<void> {
  await db
    .update(inventoryLevels)
    .set({ tracked: input.tracked, recompute: input.tracked ? true : inventoryLevels.recompute, updatedAt: sql`now()` })
    .where(
      and(
        eq(inventoryLevels.shopId, input.shopId),
        eq(inventoryLevels.inventoryItemId, input.inventoryItemId),
        sql`${inventoryLevels.tracked} is distinct from ${input.tracked}`,
      ),
    );
}
