import { createHmac, randomBytes } from "node:crypto";

import type { RegisteredApp } from "./app-registry.ts";
import { signSessionToken } from "./session-token.ts";

/** `host` as Shopify admin sends it: base64 of `admin.shopify.com/store/<name>` without padding. */
export function adminHost(shop: string): string {
  const name = shop.replace(/\.myshopify\.com$/, "");
  // Standard alphabet on purpose: shopify-api's sanitizeHost only accepts [0-9a-zA-Z+/] (no base64url).
  return Buffer.from(`admin.shopify.com/store/${name}`).toString("base64").replace(/=+$/, "");
}

/** Shopify's query-string HMAC: sorted `key=value` pairs except `hmac`, joined by `&`, hex HMAC-SHA256. */
export function queryHmac(params: URLSearchParams, secret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== "hmac" && key !== "signature")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The iframe src Shopify admin loads for an embedded app: app URL + path + the signed launch params. */
export function embeddedAppUrl(input: {
  app: RegisteredApp;
  shop: string;
  path: string;
  extraQuery?: URLSearchParams;
  locale?: string;
}): string {
  const url = new URL(input.path.replace(/^\/*/, "/"), input.app.appUrl);
  if (input.path === "" || input.path === "/") url.pathname = new URL(input.app.appUrl).pathname;
  for (const [key, value] of input.extraQuery ?? []) url.searchParams.set(key, value);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("host", adminHost(input.shop));
  url.searchParams.set(
    "id_token",
    signSessionToken({ shop: input.shop, apiKey: input.app.apiKey, apiSecret: input.app.apiSecret }),
  );
  url.searchParams.set("locale", input.locale ?? "en");
  url.searchParams.set("session", randomBytes(32).toString("hex"));
  url.searchParams.set("shop", input.shop);
  url.searchParams.set("timestamp", String(Math.floor(Date.now() / 1000)));
  url.searchParams.set("hmac", queryHmac(url.searchParams, input.app.apiSecret));
  return url.toString();
}
