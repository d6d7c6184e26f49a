import { and, eq } from "drizzle-orm";

import { sessions } from "../../../db/schema/sessions.ts";
import { shops } from "../../../db/schema/shops.ts";
import type { AdminClient } from "../adapters/shopify/admin-client.ts";
import { adminForShop } from "../adapters/shopify/admin-for-shop.ts";
import { getDb } from "../db.ts";
import { getShopSettings } from "../queries/shops.ts";

export class ShopNotConnectedError extends Error {
  override name = "ShopNotConnectedError";
}

/**
 * The Admin API for a shop in background work (worker tasks), with the shop's offline token read
 * from the session store on every call (so a token refreshed by the web process is picked up).
 */
export async function shopifyAdminForShopId(shopId: number): Promise<AdminClient> {
  const db = getDb();
  const [shop] = await db.select({ domain: shops.domain }).from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ShopNotConnectedError(`no shop ${shopId}`);
  const settings = await getShopSettings(db, shopId);
  const loadToken = async () => {
    const [session] = await db
      .select({ accessToken: sessions.accessToken })
      .from(sessions)
      .where(and(eq(sessions.id, `offline_${shop.domain}`), eq(sessions.shop, shop.domain)));
    if (!session) throw new ShopNotConnectedError(`${shop.domain} has no offline session (uninstalled?)`);
    return session.accessToken;
  };
  return adminForShop({ shop: shop.domain, shopId, accessToken: loadToken, logSuccesses: settings.logging === "all" });
}
