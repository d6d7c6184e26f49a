import { eq } from "drizzle-orm";

import { shops } from "../../../db/schema/shops.ts";
import type { AdminClient } from "../adapters/shopify/admin-client.ts";
import { adminForShop } from "../adapters/shopify/admin-for-shop.ts";
import { getDb } from "../db.ts";
import { getShopSettings } from "../queries/shops.ts";
import { offlineAccessToken, ShopNotConnectedError } from "./offline-token.ts";
import { shopifyLogForShop } from "./shopify-log-sink.ts";

export { ShopNotConnectedError };

/**
 * The Admin API for a shop in background work (worker tasks), with the shop's offline token read
 * from the session store on every call (so a token refreshed by the web process is picked up), and
 * refreshed here when it is about to expire.
 */
export async function shopifyAdminForShopId(
  shopId: number,
  options: { refuseWrites?: boolean } = {},
): Promise<AdminClient> {
  const db = getDb();
  const [shop] = await db.select({ domain: shops.domain }).from(shops).where(eq(shops.id, shopId));
  if (!shop) throw new ShopNotConnectedError(`no shop ${shopId}`);
  const settings = await getShopSettings(db, shopId);
  return adminForShop({
    shop: shop.domain,
    accessToken: () => offlineAccessToken(db, shop.domain),
    log: shopifyLogForShop({ shop: shop.domain, shopId, logSuccesses: settings.logging === "all" }),
    // A preview (dry-run) refuses mutations the same way the kill switch does.
    refuseWrites: options.refuseWrites === true || !settings.allowOutgoingWrites,
  });
}
