import { getDb } from "../db.ts";
import { ensureShop } from "../queries/shops.ts";

/** The id of the shop an authenticated admin request belongs to. */
export function shopIdFor(domain: string): Promise<number> {
  return ensureShop(getDb(), domain);
}
