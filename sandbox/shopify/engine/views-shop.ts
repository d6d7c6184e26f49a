import { gid } from "./gid.ts";
import type { ShopState } from "./shop-state.ts";
import { fulfillmentServiceView } from "./views-catalog.ts";

const PLAN_NAMES = { standard: "Basic", advanced: "Advanced", plus: "Shopify Plus" } as const;

export function shopView(state: ShopState): object {
  const { info } = state;
  const url = `https://${info.domain}`;
  return {
    __typename: "Shop",
    id: gid("Shop", 1),
    name: info.name,
    myshopifyDomain: info.domain,
    email: info.email,
    contactEmail: info.email,
    shopOwnerName: "Sandbox Owner",
    currencyCode: info.currencyCode,
    enabledPresentmentCurrencies: [info.currencyCode],
    taxesIncluded: false,
    taxShipping: false,
    ianaTimezone: "Etc/UTC",
    timezoneAbbreviation: "UTC",
    timezoneOffset: "+0000",
    timezoneOffsetMinutes: 0,
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    checkoutApiSupported: true,
    setupRequired: false,
    url,
    primaryDomain: { __typename: "Domain", id: gid("Domain", 1), host: info.domain, url, sslEnabled: true },
    plan: {
      __typename: "ShopPlan",
      publicDisplayName: PLAN_NAMES[info.plan],
      shopifyPlus: info.plan === "plus",
      partnerDevelopment: false,
    },
    shopAddress: {
      __typename: "ShopAddress",
      id: gid("ShopAddress", 1),
      address1: "1 Sandbox Way",
      city: "Ottawa",
      countryCodeV2: "CA",
      zip: "K1A 0A1",
    },
    fulfillmentServices: () =>
      [...state.locations.values()].filter((l) => l.fulfillmentService).map((l) => fulfillmentServiceView(state, l)),
    createdAt: info.createdAt,
    updatedAt: info.createdAt,
  };
}
