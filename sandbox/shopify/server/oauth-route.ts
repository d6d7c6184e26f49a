import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { readBody } from "../../common/http-request.ts";
import type { ShopifyEngine } from "../contracts.ts";
import type { AppRegistry, RegisteredApp } from "./app-registry.ts";
import { parseJsonOrForm, sendJson } from "./http-util.ts";
import { verifySessionToken } from "./session-token.ts";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

/** Shopify's lifetimes: expiring offline tokens last an hour, their refresh tokens 90 days, online tokens a day. */
export const TOKEN_TTL = { accessSeconds: 3600, refreshSeconds: 90 * 24 * 3600, onlineSeconds: 86399 };

const requestSchema = z.object({
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  grant_type: z.string().optional(),
  subject_token: z.string().optional(),
  subject_token_type: z.string().optional(),
  requested_token_type: z.string().optional(),
  expiring: z.union([z.string(), z.number(), z.boolean()]).optional(),
  refresh_token: z.string().optional(),
});
type TokenRequest = z.infer<typeof requestSchema>;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

const invalidSubject = (why: string): Reply => ({
  status: 400,
  body: {
    error: "invalid_subject_token",
    error_description: `Token exchange cannot be performed due to an invalid subject token. (sandbox: ${why})`,
  },
});
const invalidClient: Reply = {
  status: 401,
  body: {
    error: "invalid_client",
    error_description:
      "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  },
};
const invalidRequest = (why: string): Reply => ({
  status: 400,
  body: { error: "invalid_request", error_description: why },
});

export async function handleAccessToken(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { engine: ShopifyEngine; registry: AppRegistry; log: (line: string) => void },
): Promise<void> {
  if (req.method !== "POST") {
    sendJson(res, 405, { error: "invalid_request", error_description: "POST only" });
    return;
  }
  const parsed = requestSchema.safeParse(parseJsonOrForm(await readBody(req), req.headers["content-type"]));
  const reply = parsed.success ? answer(parsed.data, deps) : invalidRequest("body must be JSON or form-encoded");
  if (reply.status !== 200) deps.log(`oauth: ${reply.status} ${String(reply.body.error)}`);
  sendJson(res, reply.status, reply.body);
}

function answer(request: TokenRequest, deps: { engine: ShopifyEngine; registry: AppRegistry }): Reply {
  const app = request.client_id ? deps.registry.app(request.client_id) : undefined;
  if (!app || request.client_secret !== app.apiSecret) return invalidClient;
  if (request.grant_type === "refresh_token") return refresh(app, request, deps.registry);
  if (request.grant_type !== TOKEN_EXCHANGE) {
    return {
      status: 400,
      body: { error: "unsupported_grant_type", error_description: `grant_type ${request.grant_type}` },
    };
  }
  const expiring = request.expiring === "1" || request.expiring === 1 || request.expiring === true;
  if (request.subject_token_type === OFFLINE) return migrateToExpiring(app, request, deps.registry);
  if (request.subject_token_type !== ID_TOKEN) {
    return {
      status: 400,
      body: { error: "invalid_subject_token_type", error_description: String(request.subject_token_type) },
    };
  }
  const verified = verifySessionToken(request.subject_token ?? "", { apiKey: app.apiKey, apiSecret: app.apiSecret });
  if (!verified.ok) return invalidSubject(verified.reason);
  const shop = verified.shop;
  if (!deps.engine.hasShop(shop)) return invalidSubject(`no shop ${shop} in the sandbox`);
  // Managed installation: loading the app in the admin installs it, so the exchange succeeds on first load.
  const install = deps.registry.install(shop, app.apiKey);
  const scope = app.scopes.join(",");
  if (request.requested_token_type === ONLINE) {
    const userId = verified.payload.sub ?? "1";
    return {
      status: 200,
      body: {
        access_token: deps.registry.issueOnline(shop, app.apiKey, userId, TOKEN_TTL.onlineSeconds),
        scope,
        expires_in: TOKEN_TTL.onlineSeconds,
        associated_user_scope: scope,
        associated_user: staffUser(userId),
      },
    };
  }
  if (request.requested_token_type !== OFFLINE && request.requested_token_type !== undefined) {
    return invalidRequest(`unknown requested_token_type ${request.requested_token_type}`);
  }
  if (!expiring) return { status: 200, body: { access_token: install.accessToken, scope } };
  return { status: 200, body: expiringBody(deps.registry.issueExpiringOffline(shop, app.apiKey, TOKEN_TTL), scope) };
}

function refresh(app: RegisteredApp, request: TokenRequest, registry: AppRegistry): Reply {
  const grant = request.refresh_token ? registry.consumeRefreshToken(request.refresh_token, app.apiKey) : undefined;
  if (!grant) {
    return {
      status: 400,
      body: { error: "invalid_grant", error_description: "The refresh token is invalid, expired or revoked." },
    };
  }
  return {
    status: 200,
    body: expiringBody(registry.issueExpiringOffline(grant.shop, app.apiKey, TOKEN_TTL), app.scopes.join(",")),
  };
}

function migrateToExpiring(app: RegisteredApp, request: TokenRequest, registry: AppRegistry): Reply {
  const issued = request.subject_token ? registry.lookupToken(request.subject_token) : undefined;
  if (!issued || issued.apiKey !== app.apiKey || issued.online || issued.expiresAt !== undefined) {
    return invalidSubject("subject token is not a non-expiring offline token of this app");
  }
  return {
    status: 200,
    body: expiringBody(registry.issueExpiringOffline(issued.shop, app.apiKey, TOKEN_TTL), app.scopes.join(",")),
  };
}

function expiringBody(tokens: { accessToken: string; refreshToken: string }, scope: string): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    scope,
    expires_in: TOKEN_TTL.accessSeconds,
    refresh_token: tokens.refreshToken,
    refresh_token_expires_in: TOKEN_TTL.refreshSeconds,
  };
}

function staffUser(userId: string): Record<string, unknown> {
  return {
    id: Number(userId) || 1,
    first_name: "Sandbox",
    last_name: "Owner",
    email: "owner@sandbox.invalid",
    account_owner: true,
    locale: "en",
    collaborator: false,
    email_verified: true,
  };
}
