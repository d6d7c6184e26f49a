import type { DbOrTx } from "../../db.ts";
import type { ShopSettings } from "../../domain/settings-schema.ts";
import { singleErpLocationCodes } from "../../queries/shop-locations.ts";

/**
 * The order settings' location codes, completed from the Locations page: a Shopify location whose
 * stock comes from one ERP location ships from there too. Without it, an order line would reach
 * the ERP without a location, and its demand would count against the ERP's blank location instead
 * of the one whose projected stock Shopify shows (ADR 020). The order settings win where both say.
 */
export async function withStockLocations(db: DbOrTx, shopId: number, settings: ShopSettings): Promise<ShopSettings> {
  const fromStock = await singleErpLocationCodes(db, shopId);
  if (Object.keys(fromStock).length === 0) return settings;
  return { ...settings, orders: { ...settings.orders, locations: { ...fromStock, ...settings.orders.locations } } };
}
