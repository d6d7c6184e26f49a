import { adminForShop } from "../adapters/shopify/admin-for-shop.ts";
import { fetchShopInfo } from "../adapters/shopify/shop-info.ts";
import type { DbOrTx } from "../db.ts";
import { coerceError } from "../errors/coerce-error.ts";
import { getShopSettings, markShopInstalled, saveShopDetails } from "../queries/shops.ts";
import { ensureEntries, setEntriesTimezone } from "../runs/entries.ts";
import { shopifyLogForShop } from "../shopify/shopify-log-sink.ts";
import { taskRegistry } from "../tasks/registry.ts";
import { requireShopDomain } from "./shop-domain.ts";

/**
 * After Shopify authenticated a shop (token exchange) or the demo installed it: mark it installed,
 * then learn its name, currency and plan. A failure to learn them does not fail the install (the
 * call is in the shop's API log); the next install or re-auth tries again.
 */
export async function recordInstall(
  db: DbOrTx,
  input: { domain: string; scopes: string | null; accessToken: string | undefined },
): Promise<number> {
  // Normalised and validated before anything is written: one shop row per shop, whatever the spelling.
  const domain = requireShopDomain(input.domain);
  const shopId = await markShopInstalled(db, { domain, scopes: input.scopes, at: new Date() });
  // The shop's job queue: each task's entry with its default schedule (kept when it exists).
  await ensureEntries(db, { tasks: taskRegistry, shopIds: [shopId], now: new Date() });
  if (!input.accessToken) return shopId;
  const settings = await getShopSettings(db, shopId);
  const admin = adminForShop({
    shop: domain,
    accessToken: input.accessToken,
    log: shopifyLogForShop({ shop: domain, shopId, logSuccesses: settings.logging === "all" }),
  });
  try {
    const info = await fetchShopInfo(admin);
    await saveShopDetails(db, shopId, {
      name: info.name,
      currencyCode: info.currencyCode,
      ianaTimezone: info.ianaTimezone,
      planName: info.plan.publicDisplayName,
    });
    // Schedules are in the shop's time zone ("daily at 02:00" is the merchant's 02:00).
    await setEntriesTimezone(db, { shopId, timezone: info.ianaTimezone, now: new Date() });
  } catch (error) {
    console.error(`could not read shop details of ${domain}: ${coerceError(error).message}`);
  }
  return shopId;
}
