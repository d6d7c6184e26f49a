import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";

import { inventoryLevels } from "../../../db/schema/inventory-levels.ts";
import { variantLinks } from "../../../db/schema/links.ts";
import { shopLocations } from "../../../db/schema/shop-locations.ts";
import type { DbOrTx } from "../db.ts";

type LevelId = { inventoryItemId: string; locationId: string };

function levelIn(levels: readonly LevelId[]) {
  return sql`(${inventoryLevels.inventoryItemId}, ${inventoryLevels.locationId}) in (${sql.join(
    levels.map((l) => sql`(${l.inventoryItemId}, ${l.locationId})`),
    sql`, `,
  )})`;
}

const CHUNK = 1_000;

/**
 * What the drift report found for a page: levels whose Shopify quantity is not the ERP's figure get
 * both (null Shopify figure = not stocked there), levels in step are cleared.
 */
export async function saveDriftFindings(
  db: DbOrTx,
  input: {
    shopId: number;
    now: Date;
    inStep: readonly LevelId[];
    drifted: ReadonlyArray<LevelId & { shopify: number | null; target: number }>;
  },
): Promise<void> {
  for (let i = 0; i < input.inStep.length; i += CHUNK) {
    await db
      .update(inventoryLevels)
      .set({ driftShopify: null, driftTarget: null, driftAt: null })
      .where(
        and(
          eq(inventoryLevels.shopId, input.shopId),
          isNotNull(inventoryLevels.driftAt),
          levelIn(input.inStep.slice(i, i + CHUNK)),
        ),
      );
  }
  for (const d of input.drifted) {
    await db
      .update(inventoryLevels)
      .set({ driftShopify: d.shopify, driftTarget: d.target, driftAt: input.now })
      .where(
        and(
          eq(inventoryLevels.shopId, input.shopId),
          eq(inventoryLevels.inventoryItemId, d.inventoryItemId),
          eq(inventoryLevels.locationId, d.locationId),
        ),
      );
  }
}

/** Levels the last drift report found off the ERP's figure. */
export async function driftCount(db: DbOrTx, shopId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.shopId, shopId), isNotNull(inventoryLevels.driftAt)));
  return row?.n ?? 0;
}

export interface DriftRow {
  inventoryItemId: string;
  locationId: string;
  locationName: string | null;
  variantId: string;
  itemNumber: string | null;
  variantCode: string | null;
  shopify: number | null;
  target: number | null;
  name: string | null;
  foundAt: Date;
}

/** The drift report's rows, largest difference first. */
export async function listDrift(
  db: DbOrTx,
  input: { shopId: number; limit: number; offset?: number },
): Promise<DriftRow[]> {
  const rows = await db
    .select({
      inventoryItemId: inventoryLevels.inventoryItemId,
      locationId: inventoryLevels.locationId,
      locationName: shopLocations.name,
      variantId: inventoryLevels.variantId,
      itemNumber: variantLinks.erpItemNumber,
      variantCode: variantLinks.erpVariantCode,
      shopify: inventoryLevels.driftShopify,
      target: inventoryLevels.driftTarget,
      name: inventoryLevels.targetName,
      foundAt: inventoryLevels.driftAt,
    })
    .from(inventoryLevels)
    .leftJoin(
      variantLinks,
      and(
        eq(variantLinks.shopId, inventoryLevels.shopId),
        eq(variantLinks.shopifyVariantId, inventoryLevels.variantId),
      ),
    )
    .leftJoin(
      shopLocations,
      and(
        eq(shopLocations.shopId, inventoryLevels.shopId),
        eq(shopLocations.shopifyLocationId, inventoryLevels.locationId),
      ),
    )
    .where(and(eq(inventoryLevels.shopId, input.shopId), isNotNull(inventoryLevels.driftAt)))
    .orderBy(
      sql`abs(coalesce(${inventoryLevels.driftTarget}, 0) - coalesce(${inventoryLevels.driftShopify}, 0)) desc`,
      asc(variantLinks.erpItemNumber),
    )
    .limit(input.limit)
    .offset(input.offset ?? 0);
  return rows.map((r) => ({ ...r, foundAt: r.foundAt ?? new Date(0) }));
}
