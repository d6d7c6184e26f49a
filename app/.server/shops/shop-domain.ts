import { z } from "zod";

/**
 * A shop's myshopify domain, the key every shop row, session and webhook is filed under. Shopify
 * documents the anchored form `^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$` (shopify.dev, app
 * security checks: "Shop domain validation regex is not anchored"); hostnames are
 * case-insensitive, so we trim and lower-case first, which is what keeps `DEMO-SHOP.MYSHOPIFY.COM`
 * from becoming a second shop. The shop name is one DNS label, so at most 63 characters.
 */
const SHOP_NAME_MAX = 63;
const SUFFIX = ".myshopify.com";

export const shopDomainSchema = z
  .string()
  .max(SHOP_NAME_MAX + SUFFIX.length + 32) // room for whitespace, never thousands of characters
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z
      .string()
      .max(SHOP_NAME_MAX + SUFFIX.length, "the shop name is longer than 63 characters")
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "not a *.myshopify.com domain"),
  )
  .brand<"ShopDomain">();

export type ShopDomain = z.infer<typeof shopDomainSchema>;

export class InvalidShopDomainError extends Error {
  override name = "InvalidShopDomainError";
}

/** The normalised domain, or null when it is not a valid myshopify domain. */
export function parseShopDomain(value: unknown): ShopDomain | null {
  const parsed = shopDomainSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The normalised domain; throws InvalidShopDomainError (with no echo of the value) when invalid. */
export function requireShopDomain(value: unknown): ShopDomain {
  const domain = parseShopDomain(value);
  if (!domain) throw new InvalidShopDomainError("not a valid *.myshopify.com shop domain");
  return domain;
}
