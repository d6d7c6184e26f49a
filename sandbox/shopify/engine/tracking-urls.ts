import { type Input, str } from "./input-helpers.ts";
import type { TrackingRec } from "./store-types.ts";

/**
 * Tracking pages of carriers Shopify recognises by name: given a company and a number but no URL,
 * Shopify fills in the carrier's page, and the app shows that link to the customer.
 */
const CARRIER_URLS: Record<string, (number: string) => string> = {
  ups: (n) => `https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1=${n}`,
  "dhl express": (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}&brand=DHL`,
  "dhl ecommerce": (n) => `https://webtrack.dhlecs.com/orders?trackingNumber=${n}`,
  "canada post": (n) => `https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=${n}`,
  "royal mail": (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
};

/** The carrier's tracking URL for a number, or null for a company Shopify does not know. */
export function carrierTrackingUrl(company: string | null, number: string | null): string | null {
  if (!company || !number) return null;
  const url = CARRIER_URLS[company.trim().toLowerCase()];
  return url ? url(encodeURIComponent(number.trim())) : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];
}

/**
 * FulfillmentTrackingInput → one entry per tracking number (`numbers` wins over `number`, `urls`
 * over `url`), each URL given or else generated for a known carrier. A company alone is kept.
 */
export function trackingFromInput(input: Input | null): TrackingRec[] {
  if (!input) return [];
  const company = str(input.company) || null;
  const numbers = strings(input.numbers).length > 0 ? strings(input.numbers) : strings([input.number]);
  const urls = strings(input.urls).length > 0 ? strings(input.urls) : strings([input.url]);
  const count = Math.max(numbers.length, urls.length);
  if (count === 0) return company ? [{ company, number: null, url: null }] : [];
  return Array.from({ length: count }, (_, i) => {
    const number = numbers[i] ?? null;
    return { company, number, url: urls[i] ?? carrierTrackingUrl(company, number) };
  });
}
