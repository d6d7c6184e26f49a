import { ADMIN_API_VERSION } from "../../api-version.ts";

/**
 * The Admin GraphQL URL for a shop. With the offline sandbox configured (SHOPIFY_SANDBOX_URL)
 * the shop moves into the path: the sandbox serves `/<shop>/admin/...` like `/admin/...`, the
 * same rewrite app/.server/shopify/sandbox.ts does for the Shopify libraries.
 */
export function adminGraphqlEndpoint(shop: string, options: { sandboxOrigin?: string | undefined } = {}): string {
  const path = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  if (options.sandboxOrigin) return `${new URL(options.sandboxOrigin).origin}/${shop}${path}`;
  return `https://${shop}${path}`;
}

/** Where a shop's access tokens are exchanged and refreshed (the sandbox takes the shop in the path). */
export function adminOauthTokenUrl(shop: string, options: { sandboxOrigin?: string | undefined } = {}): string {
  const path = "/admin/oauth/access_token";
  if (options.sandboxOrigin) return `${new URL(options.sandboxOrigin).origin}/${shop}${path}`;
  return `https://${shop}${path}`;
}
