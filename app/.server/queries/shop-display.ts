import { eq } from "drizzle-orm";

import { shops } from "../../../db/schema/shops.ts";
import type { DbOrTx } from "../db.ts";

export interface ShopDisplay {
  domain: string;
  /** IANA zone from Shopify's `shop` query at install; null until known (dates then show in UTC). */
  timeZone: string | null;
  currencyCode: string | null;
}

/** What lists need to show dates and money the shop's way, and to link into its admin. */
export async function getShopDisplay(db: DbOrTx, shopId: number): Promise<ShopDisplay> {
  const [row] = await db
    .select({ domain: shops.domain, timeZone: shops.ianaTimezone, currencyCode: shops.currencyCode })
    .from(shops)
    .where(eq(shops.id, shopId));
  return row ?? { domain: "", timeZone: null, currencyCode: null };
}
