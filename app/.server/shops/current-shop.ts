import { getDb } from "../db.ts";
import { ensureShop, getShopName } from "../queries/shops.ts";
import { requireShopDomain } from "./shop-domain.ts";

/** The id of the shop an authenticated admin request belongs to (its domain normalised first). */
export async function shopIdFor(domain: string): Promise<number> {
  return ensureShop(getDb(), requireShopDomain(domain));
}

/** The shop's name as Shopify last told us (null until the install read it). */
export async function shopNameFor(shopId: number): Promise<string | null> {
  return getShopName(getDb(), shopId);
}
