import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { signSessionToken } from "../../../sandbox/shopify/server/session-token.ts";
import { APP, graphql, SHOP, startSandbox } from "./sandbox-fixture.ts";

const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

describe("sandbox token exchange", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.server.close();
  });

  /** The body @shopify/shopify-api 15's tokenExchange() sends. */
  const exchange = (subjectToken: string, overrides: Record<string, string> = {}) =>
    post({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: ID_TOKEN_TYPE,
      requested_token_type: OFFLINE,
      expiring: "0",
      ...overrides,
    });
  const post = async (body: Record<string, string>) => {
    const response = await fetch(`${sandbox.server.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("issues an offline token for a valid session token that the Admin API accepts", async () => {
    const idToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey });
    const result = await exchange(idToken);
    expect(result).toEqual({
      status: 200,
      body: { access_token: expect.any(String), scope: "read_products,write_orders" },
    });
    const api = await graphql(sandbox.server.url, String(result.body.access_token), { query: "{ shop { name } }" });
    expect(api.status).toBe(200);
    expect(sandbox.requests[0]?.shop).toBe(SHOP);
    expect((await exchange(idToken)).body.access_token).toBe(result.body.access_token);
  });

  it("issues expiring offline tokens with a refresh token, and refreshes them", async () => {
    const idToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey });
    const first = await exchange(idToken, { expiring: "1" });
    expect(first.body).toMatchObject({
      expires_in: 3600,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 7776000,
    });
    const refreshed = await post({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect(
      (await graphql(sandbox.server.url, String(refreshed.body.access_token), { query: "{ shop { name } }" })).status,
    ).toBe(200);
    const reused = await post({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
    });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("issues online tokens with the associated user", async () => {
    const idToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey, userId: 42 });
    const result = await exchange(idToken, { requested_token_type: ONLINE });
    expect(result.body).toMatchObject({ expires_in: 86399, associated_user: { id: 42 } });
  });

  it("rejects a session token signed with the wrong secret, for another app, or expired", async () => {
    const wrongSecret = signSessionToken({ shop: SHOP, apiKey: APP.apiKey, apiSecret: "not-the-secret" });
    const otherApp = signSessionToken({ shop: SHOP, apiKey: "other-app", apiSecret: APP.apiSecret });
    const expired = signSessionToken({
      shop: SHOP,
      apiKey: APP.apiKey,
      apiSecret: APP.apiSecret,
      now: Math.floor(Date.now() / 1000) - 600,
    });
    for (const token of [wrongSecret, otherApp, expired, "garbage"]) {
      expect(await exchange(token)).toMatchObject({ status: 400, body: { error: "invalid_subject_token" } });
    }
  });

  it("rejects a wrong client secret with 401 invalid_client", async () => {
    const idToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey });
    expect(await exchange(idToken, { client_secret: "nope" })).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
  });

  it("accepts form-encoded bodies", async () => {
    const idToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey });
    const response = await fetch(`${sandbox.server.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: APP.apiKey,
        client_secret: APP.apiSecret,
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: idToken,
        subject_token_type: ID_TOKEN_TYPE,
        requested_token_type: OFFLINE,
      }).toString(),
    });
    expect(response.status).toBe(200);
  });
});
