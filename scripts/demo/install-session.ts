import { getDb } from "../../app/.server/db.ts";
import { sealSessionToken } from "../../app/.server/shopify/session-tokens.ts";
import { recordInstall } from "../../app/.server/shops/install.ts";
import { requireShopDomain } from "../../app/.server/shops/shop-domain.ts";
import { sessions } from "../../db/schema/sessions.ts";

/**
 * Store the offline session Shopify's managed install would have produced, so the worker and
 * scripts can call the Admin API for the demo shop before anyone has opened the app.
 */
export async function installOfflineSession(input: { shop: string; accessToken: string; scopes: string[] }) {
  const db = getDb();
  const shop = requireShopDomain(input.shop);
  const scope = input.scopes.join(",");
  const id = `offline_${shop}`;
  // Sealed like every stored token (app/.server/shopify/session-tokens.ts).
  const accessToken = sealSessionToken(input.accessToken, id, "access");
  await db
    .insert(sessions)
    .values({ id, shop, state: "", isOnline: false, scope, accessToken })
    .onConflictDoUpdate({ target: sessions.id, set: { accessToken, scope } });
  await recordInstall(db, { domain: shop, scopes: scope, accessToken: input.accessToken });
}
