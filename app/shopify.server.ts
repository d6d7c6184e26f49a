import "@shopify/shopify-app-remix/adapters/node";

import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { DrizzleSessionStoragePostgres } from "@shopify/shopify-app-session-storage-drizzle";

import { sessions } from "../db/schema/sessions.ts";
import { ADMIN_API_VERSION } from "./.server/api-version.ts";
import { getConfig } from "./.server/config.ts";
import { getDb } from "./.server/db.ts";
import { routeShopifyCallsTo } from "./.server/shopify/sandbox.ts";
import { SealedSessionStorage } from "./.server/shopify/sealed-session-storage.ts";
import { recordInstall } from "./.server/shops/install.ts";

const config = getConfig();
if (config.SHOPIFY_SANDBOX_URL) routeShopifyCallsTo(config.SHOPIFY_SANDBOX_URL);

// The enum value must be the same string as our constant; a library upgrade that renames it
// fails here at boot rather than silently talking another version.
const apiVersion = ApiVersion.October26;
if (apiVersion !== ADMIN_API_VERSION) throw new Error(`ApiVersion mismatch: ${apiVersion} vs ${ADMIN_API_VERSION}`);

const logSeverity = {
  debug: LogSeverity.Debug,
  info: LogSeverity.Info,
  warn: LogSeverity.Warning,
  error: LogSeverity.Error,
} as const;

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: config.SCOPES.split(",").map((scope) => scope.trim()),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  logger: { level: logSeverity[config.LOG_LEVEL] },
  // Tokens sealed at rest (ADR 012): a database dump gives no Admin API access.
  sessionStorage: new SealedSessionStorage(new DrizzleSessionStoragePostgres(getDb(), sessions)),
  distribution: AppDistribution.AppStore,
  future: {
    // Token exchange: Shopify-managed install, no OAuth redirects inside the iframe.
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session }) => {
      await recordInstall(getDb(), {
        domain: session.shop,
        scopes: session.scope ?? null,
        accessToken: session.accessToken,
      });
    },
  },
});

export default shopify;
export { apiVersion };
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const login = shopify.login;
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
