import type { Cents } from "./store-types.ts";

/** Shopify's GraphQL Decimal: shortest form with at least one decimal ("19.9", "10.0"). */
export function decimal(cents: Cents): string {
  const text = (Math.round(cents) / 100).toString();
  return text.includes(".") ? text : `${text}.0`;
}

/** REST payloads (webhooks) use two decimals ("19.90"). */
export function restMoney(cents: Cents): string {
  return (Math.round(cents) / 100).toFixed(2);
}

/** Parses "19.90" / 19.9 into cents; null when not a finite number. */
export function toCents(value: unknown): Cents | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

export function moneyV2(
  cents: Cents,
  currencyCode: string,
): { __typename: string; amount: string; currencyCode: string } {
  return { __typename: "MoneyV2", amount: decimal(cents), currencyCode };
}

export function moneyBag(cents: Cents, shopCurrency: string, presentmentCurrency = shopCurrency): object {
  return {
    __typename: "MoneyBag",
    shopMoney: moneyV2(cents, shopCurrency),
    presentmentMoney: moneyV2(cents, presentmentCurrency),
  };
}

/** A MoneyBag whose presentment amount differs from the shop amount (multi-currency orders). */
export function moneyBagPair(
  shopCents: Cents,
  presentmentCents: Cents,
  shopCurrency: string,
  presentmentCurrency: string,
): object {
  return {
    __typename: "MoneyBag",
    shopMoney: moneyV2(shopCents, shopCurrency),
    presentmentMoney: moneyV2(presentmentCents, presentmentCurrency),
  };
}
