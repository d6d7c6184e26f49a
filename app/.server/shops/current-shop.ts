import { getDb } from "../db.ts";
import { ensureShop } from "../queries/shops.ts";
import { requireShopDomain } from "./shop-domain.ts";

/** The id of the shop an authenticated admin request belongs to (its domain normalised first). */
export async function shopIdFor(domain: string): Promise<number> {
  return ensureShop(getDb(), requireShopDomain(domain));
}
