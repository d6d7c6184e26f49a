import { getDb } from "../../app/.server/db.ts";
import { recordInstall } from "../../app/.server/shops/install.ts";
import { sessions } from "../../db/schema/sessions.ts";

/**
 * Store the offline session Shopify's managed install would have produced, so the worker and
 * scripts can call the Admin API for the demo shop before anyone has opened the app.
 */
export async function installOfflineSession(input: { shop: string; accessToken: string; scopes: string[] }) {
  const db = getDb();
  const scope = input.scopes.join(",");
  await db
    .insert(sessions)
    .values({
      id: `offline_${input.shop}`,
      shop: input.shop,
      state: "",
      isOnline: false,
      scope,
      accessToken: input.accessToken,
    })
    .onConflictDoUpdate({ target: sessions.id, set: { accessToken: input.accessToken, scope } });
  await recordInstall(db, { domain: input.shop, scopes: scope, accessToken: input.accessToken });
}
