import { and, isNotNull, isNull } from "drizzle-orm";

import { shops } from "../../../db/schema/shops.ts";
import type { DbOrTx } from "../db.ts";
import { readShopSettings, type ShopSettings } from "../domain/settings-schema.ts";

/**
 * Installed shops with their settings, for the schedules (the one query that spans shops: it only
 * decides which per-shop jobs to enqueue). Uninstalled shops never appear.
 */
export async function listInstalledShops(db: DbOrTx): Promise<{ id: number; settings: ShopSettings }[]> {
  const rows = await db
    .select({ id: shops.id, settings: shops.settings })
    .from(shops)
    .where(and(isNotNull(shops.installedAt), isNull(shops.uninstalledAt)));
  return rows.map((row) => ({ id: row.id, settings: readShopSettings(row.settings) }));
}
