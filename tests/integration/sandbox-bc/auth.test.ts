import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  BC_SCOPE,
  type BcFixture,
  CLIENT,
  COMPANY_ID,
  ENV,
  requestToken,
  startBcSandbox,
  TENANT,
} from "./bc-fixture.ts";

describe("BC sandbox authentication", () => {
  let fx: BcFixture;
  beforeEach(async () => {
    fx = await startBcSandbox({ products: 3 });
  });
  afterEach(async () => {
    await fx.sandbox.close();
  });

  const form = (overrides: Record<string, string> = {}) => ({
    grant_type: "client_credentials",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    scope: BC_SCOPE,
    ...overrides,
  });

  it("issues a bearer token for a registered client", async () => {
    const { status, body } = await requestToken(fx.sandbox, form());
    expect(status).toBe(200);
    expect(body).toEqual({
      token_type: "Bearer",
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
    });
  });

  it("answers like Entra ID for a bad secret, an unknown client and an unknown tenant", async () => {
    const bad = await requestToken(fx.sandbox, form({ client_secret: "nope" }));
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe("invalid_client");
    expect(bad.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(bad.body.error_codes).toEqual([7000215]);

    const unknownClient = await requestToken(fx.sandbox, form({ client_id: "99999999-0000-0000-0000-000000000000" }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.body.error).toBe("unauthorized_client");
    expect(unknownClient.body.error_description).toMatch(/^AADSTS700016: Application with identifier/);

    const noTenant = await requestToken(fx.sandbox, form(), "no-such-tenant");
    expect(noTenant.status).toBe(400);
    expect(noTenant.body.error).toBe("invalid_request");
    expect(noTenant.body.error_description).toMatch(/^AADSTS90002: Tenant 'no-such-tenant' not found\./);
  });

  it("rejects API calls without a token, with a foreign token and with an expired one", async () => {
    const url = `${fx.sandbox.apiBaseUrl(TENANT, ENV)}/companies`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error.code).toBe("Authentication_InvalidCredentials");

    const forged = await fx.call("GET", url, { headers: { Authorization: "Bearer not-a-token" } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/CorrelationId: +[0-9a-f-]{36}\.$/);

    expect((await fx.call("GET", url)).status).toBe(200);
    fx.clock.now += 3600 * 1000;
    const expired = await fx.call("GET", url);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("Authentication_InvalidCredentials");
  });

  it("lists companies and reads one by id", async () => {
    const list = await fx.call("GET", `${fx.sandbox.apiBaseUrl(TENANT, ENV)}/companies`);
    expect(list.status).toBe(200);
    expect(list.body.value).toEqual([expect.objectContaining({ id: COMPANY_ID, name: "CRONUS USA, Inc." })]);
    const one = await fx.call("GET", `${fx.sandbox.apiBaseUrl(TENANT, ENV)}/companies(${COMPANY_ID})`);
    expect(one.body).toMatchObject({ id: COMPANY_ID, displayName: "CRONUS USA, Inc." });
  });

  it("accepts Basic auth for a tenant set up on-prem style", async () => {
    fx.sandbox.addTenant({ tenantId: "onprem", environment: "bc", basicAuth: { user: "ADMIN", password: "key123" } });
    fx.sandbox.addCompany("onprem", "bc", { name: "CRONUS" });
    const url = `${fx.sandbox.apiBaseUrl("onprem", "bc")}/companies`;
    const ok = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from("ADMIN:key123").toString("base64")}` },
    });
    expect(ok.status).toBe(200);
    const bad = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from("ADMIN:wrong").toString("base64")}` },
    });
    expect(bad.status).toBe(401);
  });
});
