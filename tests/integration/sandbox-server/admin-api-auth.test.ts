import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { APP, graphql, SHOP, startSandbox } from "./sandbox-fixture.ts";

describe("sandbox Admin API authentication", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.server.close();
  });

  it("answers 401 with Shopify's body when the access token is missing or unknown", async () => {
    const expected = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
    expect(await graphql(sandbox.server.url, undefined, { query: "{ shop { name } }" })).toEqual({
      status: 401,
      body: expected,
    });
    expect(await graphql(sandbox.server.url, "shpat_nope", { query: "{ shop { name } }" })).toEqual({
      status: 401,
      body: expected,
    });
    expect(sandbox.requests).toHaveLength(0);
  });

  it("passes a request with an installed app's token to the engine for that shop", async () => {
    const { accessToken } = sandbox.server.installApp(SHOP, APP.apiKey);
    const result = await graphql(sandbox.server.url, accessToken, {
      query: "query Q { shop { name } }",
      variables: { a: 1 },
      operationName: "Q",
    });
    expect(result.status).toBe(200);
    expect(sandbox.requests).toEqual([
      {
        shop: SHOP,
        apiKey: APP.apiKey,
        query: "query Q { shop { name } }",
        variables: { a: 1 },
        operationName: "Q",
        costDebug: false,
      },
    ]);
  });

  it("keeps the install token stable and accepts a re-registered one", async () => {
    const first = sandbox.server.installApp(SHOP, APP.apiKey);
    expect(sandbox.server.installApp(SHOP, APP.apiKey)).toEqual(first);
    sandbox.server.installApp(SHOP, APP.apiKey, { accessToken: "shpat_written_down" });
    expect((await graphql(sandbox.server.url, "shpat_written_down", { query: "{ shop { name } }" })).status).toBe(200);
  });

  it("rejects malformed bodies with 400 and other API versions with 404", async () => {
    const { accessToken } = sandbox.server.installApp(SHOP, APP.apiKey);
    expect((await graphql(sandbox.server.url, accessToken, "{not json")).status).toBe(400);
    expect((await graphql(sandbox.server.url, accessToken, { variables: {} })).status).toBe(400);
    const old = await graphql(sandbox.server.url, accessToken, { query: "{ shop { name } }" }, "2024-01");
    expect(old.status).toBe(404);
    expect(JSON.stringify(old.body)).toContain("2026-10");
  });

  it("revokes tokens on uninstall", async () => {
    const { accessToken } = sandbox.server.installApp(SHOP, APP.apiKey);
    sandbox.server.uninstallApp(SHOP, APP.apiKey);
    expect((await graphql(sandbox.server.url, accessToken, { query: "{ shop { name } }" })).status).toBe(401);
  });

  it("fails loudly on unknown routes", async () => {
    const response = await fetch(`${sandbox.server.url}/sandbox/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "sandbox: no control route GET /sandbox/nope" });
    expect((await fetch(`${sandbox.server.url}/admin/whatever`)).status).toBe(404);
  });
});
