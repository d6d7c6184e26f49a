import { Session } from "@shopify/shopify-api";

import { signSessionToken } from "../../sandbox/shopify/server/session-token.ts";
import { testEnv } from "../setup/test-env.ts";

/**
 * Signs a shop in the way the embedded app sees it: an offline session in the app's own session
 * storage (so authenticate.admin needs no token exchange) and App Bridge session tokens on each
 * request. Import after useTestDatabase(): shopify.server.ts opens the database when loaded.
 */
export async function signInShop(shop: string): Promise<void> {
  const { sessionStorage } = await import("../../app/shopify.server.ts");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: testEnv.SCOPES,
      accessToken: "shpat_test_token",
      expires: new Date(Date.now() + 24 * 3600 * 1000),
    }),
  );
}

/** A request from the app's page in Shopify admin (a Remix data request with a bearer session token). */
export function adminRequest(
  shop: string,
  path: string,
  init: { method?: string; form?: Record<string, string> } = {},
) {
  const token = signSessionToken({ shop, apiKey: testEnv.SHOPIFY_API_KEY, apiSecret: testEnv.SHOPIFY_API_SECRET });
  return new Request(`${testEnv.SHOPIFY_APP_URL}${path}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers: { Authorization: `Bearer ${token}` },
    ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
  });
}

/** The arguments Remix passes a loader or action. */
export function routeArgs(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: {} };
}
