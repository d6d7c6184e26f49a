// The admin frame's iframe URL and the sandbox's token endpoint must satisfy
// @shopify/shopify-app-remix 6's authenticate.admin the way Shopify admin does.
import "@shopify/shopify-app-remix/adapters/node";

import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { ApiVersion, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { APP, SHOP, startSandbox } from "./sandbox-fixture.ts";

const APP_URL = "http://localhost:3000";

describe("sandbox admin frame with authenticate.admin", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  const shopify = shopifyApp(
    testConfig({
      apiKey: APP.apiKey,
      apiSecretKey: APP.apiSecret,
      appUrl: APP_URL,
      scopes: ["read_products", "write_orders"],
      apiVersion: ApiVersion.October26,
      adminApiAccessToken: undefined,
      logger: { level: LogSeverity.Error },
      future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
    }),
  );

  beforeAll(async () => {
    sandbox = await startSandbox({ appUrl: APP_URL });
    const realFetch = globalThis.fetch;
    setAbstractFetchFunc((input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return realFetch(`${sandbox.server.url}${url.pathname}${url.search}`, init);
    });
  });
  afterAll(async () => {
    await sandbox.server.close();
  });

  const frameIframeSrc = async (path: string) => {
    const html = await (await fetch(`${sandbox.server.url}/store/demo-shop/apps/${APP.apiKey}${path}`)).text();
    const config = html.match(/<script id="sandbox-frame-config" type="application\/json">(.*?)<\/script>/s)?.[1];
    return (JSON.parse(config ?? "{}") as { iframeSrc: string }).iframeSrc;
  };

  it("authenticates the iframe's document request through token exchange", async () => {
    const src = await frameIframeSrc("/app");
    const { session, admin } = await shopify.authenticate.admin(new Request(src));
    expect(session).toMatchObject({ shop: SHOP, isOnline: false });
    expect(session.refreshToken).toBeTruthy();
    const response = await admin.graphql("query { shop { myshopifyDomain } }");
    expect(await response.json()).toMatchObject({ data: { shop: { myshopifyDomain: SHOP } } });
  });

  it("authenticates a data request carrying the stand-in's bearer token", async () => {
    const token = (await (
      await fetch(`${sandbox.server.url}/sandbox/session-token?shop=${SHOP}&apiKey=${APP.apiKey}`)
    ).json()) as { token: string };
    const { session } = await shopify.authenticate.admin(
      new Request(`${APP_URL}/app/orders?_data=routes%2Fapp.orders`, {
        headers: { Authorization: `Bearer ${token.token}` },
      }),
    );
    expect(session.shop).toBe(SHOP);
  });

  it("sends a document request without id_token to the bounce page the stand-in handles", async () => {
    const src = new URL(await frameIframeSrc("/app/orders"));
    src.searchParams.delete("id_token");
    const thrown = await shopify.authenticate.admin(new Request(src)).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    const location = new URL((thrown as Response).headers.get("location") ?? "", APP_URL);
    expect(location.pathname).toBe("/auth/session-token");
    expect(new URL(location.searchParams.get("shopify-reload") ?? "").pathname).toBe("/app/orders");
  });
});
