import type { ShopInfoQuery, ShopInfoQueryVariables } from "../../../types/admin.generated.d.ts";
import type { ShopifyAdmin } from "./admin-port.ts";

export const SHOP_INFO_QUERY = `#graphql
  query ShopInfo {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      plan {
        publicDisplayName
        partnerDevelopment
        shopifyPlus
      }
    }
  }
`;

/** What the app keeps about a shop's identity; `currencyCode` is the shop's base currency. */
export type ShopInfo = ShopInfoQuery["shop"];

/** The shop's name, domain, currency, timezone and plan (one call, cost 2). */
export async function fetchShopInfo(admin: ShopifyAdmin): Promise<ShopInfo> {
  const data = await admin.query<ShopInfoQuery, ShopInfoQueryVariables>(SHOP_INFO_QUERY, {}, { operation: "ShopInfo" });
  return data.shop;
}
