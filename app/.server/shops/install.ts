import type { DbOrTx } from "../db.ts";
import { markShopInstalled } from "../queries/shops.ts";

/** Called after Shopify authenticated a shop (token exchange): the shop is installed. */
export async function recordInstall(db: DbOrTx, input: { domain: string; scopes: string | null }): Promise<number> {
  return markShopInstalled(db, { ...input, at: new Date() });
}
