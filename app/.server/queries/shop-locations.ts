import { and, asc, eq, isNull, notInArray, sql } from "drizzle-orm";

import { type ShopLocationRow, shopLocations } from "../../../db/schema/shop-locations.ts";
import type { DbOrTx } from "../db.ts";

/** A location as the store lists it. */
export interface StoreLocation {
  shopifyLocationId: string;
  name: string;
  isActive: boolean;
  fulfillmentService: string | null;
}

/** A location the stock sync writes to: active, ours (not a fulfilment service's), mapped. */
export interface SyncedLocation {
  shopifyLocationId: string;
  name: string;
  erpLocationCodes: string[];
  /** The adapter's calculation id; null = the adapter's default. */
  stockCalculation: string | null;
}

/**
 * Stores the store's list: new locations are added unmapped, known ones get their name and state,
 * and ones no longer listed are marked removed (kept, with their mapping, for the history).
 */
export async function saveStoreLocations(
  db: DbOrTx,
  input: { shopId: number; locations: readonly StoreLocation[]; now: Date },
): Promise<void> {
  const { shopId, locations, now } = input;
  if (locations.length > 0) {
    await db
      .insert(shopLocations)
      .values(locations.map((l) => ({ shopId, ...l, createdAt: now, updatedAt: now })))
      .onConflictDoUpdate({
        target: [shopLocations.shopId, shopLocations.shopifyLocationId],
        set: {
          name: sql`excluded.name`,
          isActive: sql`excluded.is_active`,
          fulfillmentService: sql`excluded.fulfillment_service`,
          removedAt: sql`null`,
          updatedAt: now,
        },
      });
  }
  const listed = locations.map((l) => l.shopifyLocationId);
  await db
    .update(shopLocations)
    .set({ removedAt: now, updatedAt: now })
    .where(
      and(
        eq(shopLocations.shopId, shopId),
        isNull(shopLocations.removedAt),
        listed.length > 0 ? notInArray(shopLocations.shopifyLocationId, listed) : undefined,
      ),
    );
}

/** Every location the app knows for the shop, the store's order (by name), removed ones last. */
export async function listShopLocations(db: DbOrTx, shopId: number): Promise<ShopLocationRow[]> {
  return db
    .select()
    .from(shopLocations)
    .where(eq(shopLocations.shopId, shopId))
    .orderBy(sql`${shopLocations.removedAt} is not null`, asc(shopLocations.name), asc(shopLocations.id));
}

export async function getShopLocation(
  db: DbOrTx,
  input: { shopId: number; shopifyLocationId: string },
): Promise<ShopLocationRow | undefined> {
  const [row] = await db
    .select()
    .from(shopLocations)
    .where(and(eq(shopLocations.shopId, input.shopId), eq(shopLocations.shopifyLocationId, input.shopifyLocationId)));
  return row;
}

/** The locations stock is synced to (see SyncedLocation). */
export async function syncedLocations(db: DbOrTx, shopId: number): Promise<SyncedLocation[]> {
  return db
    .select({
      shopifyLocationId: shopLocations.shopifyLocationId,
      name: shopLocations.name,
      erpLocationCodes: shopLocations.erpLocationCodes,
      stockCalculation: shopLocations.stockCalculation,
    })
    .from(shopLocations)
    .where(
      and(
        eq(shopLocations.shopId, shopId),
        eq(shopLocations.isActive, true),
        isNull(shopLocations.removedAt),
        isNull(shopLocations.fulfillmentService),
        sql`cardinality(${shopLocations.erpLocationCodes}) > 0`,
      ),
    )
    .orderBy(asc(shopLocations.shopifyLocationId));
}

export interface LocationMapping {
  erpLocationCodes: string[];
  stockCalculation: string | null;
  defaultForProducts: boolean;
}

/**
 * Saves what the ERP counts for one location. Only one location is the default for new products:
 * marking one clears the others in the same statement pair (one transaction when given one).
 * Returns false when the shop has no such location.
 */
export async function saveLocationMapping(
  db: DbOrTx,
  input: { shopId: number; shopifyLocationId: string; mapping: LocationMapping; now: Date },
): Promise<boolean> {
  const { shopId, shopifyLocationId, mapping, now } = input;
  if (mapping.defaultForProducts) {
    await db
      .update(shopLocations)
      .set({ defaultForProducts: false, updatedAt: now })
      .where(and(eq(shopLocations.shopId, shopId), eq(shopLocations.defaultForProducts, true)));
  }
  const updated = await db
    .update(shopLocations)
    .set({ ...mapping, erpLocationCodes: [...new Set(mapping.erpLocationCodes)], updatedAt: now })
    .where(and(eq(shopLocations.shopId, shopId), eq(shopLocations.shopifyLocationId, shopifyLocationId)))
    .returning({ id: shopLocations.id });
  return updated.length > 0;
}

/**
 * The ERP location of each Shopify location mapped to exactly one (Locations page), by location
 * gid: where an order line shipped from there takes its stock in the ERP, when the order settings
 * do not say. A location summing several ERP locations names none: which one ships is the ERP's call.
 */
export async function singleErpLocationCodes(db: DbOrTx, shopId: number): Promise<Record<string, string>> {
  const rows = await db
    .select({ id: shopLocations.shopifyLocationId, codes: shopLocations.erpLocationCodes })
    .from(shopLocations)
    .where(and(eq(shopLocations.shopId, shopId), sql`cardinality(${shopLocations.erpLocationCodes}) = 1`));
  return Object.fromEntries(rows.map((r) => [r.id, r.codes[0]!]));
}
