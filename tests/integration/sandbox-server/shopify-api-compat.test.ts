// The sandbox must speak the wire format of the library the app uses: @shopify/shopify-api 15.
import "@shopify/shopify-api/adapters/node";

import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { APP, SHOP, startSandbox } from "./sandbox-fixture.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

describe("sandbox against @shopify/shopify-api", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const api = shopifyApi({
    apiKey: APP.apiKey,
    apiSecretKey: APP.apiSecret,
    scopes: ["read_products"],
    hostName: "localhost:3000",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startSandbox({ appUrl: receiver.url });
    const realFetch = globalThis.fetch;
    // The app rewrites https://<shop>/... to the sandbox origin the same way.
    setAbstractFetchFunc((input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return realFetch(`${sandbox.server.url}${url.pathname}${url.search}`, init);
    });
  });
  afterAll(async () => {
    await sandbox.server.close();
    await receiver.close();
  });

  it("tokenExchange, refreshToken and the GraphQL client work against the sandbox", async () => {
    const sessionToken = sandbox.server.signSessionToken({ shop: SHOP, apiKey: APP.apiKey });
    expect(await api.session.decodeSessionToken(sessionToken)).toMatchObject({ dest: `https://${SHOP}` });
    const { session } = await api.auth.tokenExchange({
      shop: SHOP,
      sessionToken,
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
      expiring: true,
    });
    expect(session).toMatchObject({ id: `offline_${SHOP}`, shop: SHOP, scope: "read_products,write_orders" });
    expect(session.refreshToken).toBeTruthy();
    expect(session.expires?.getTime()).toBeGreaterThan(Date.now());

    const { session: refreshed } = await api.auth.refreshToken({
      shop: SHOP,
      refreshToken: session.refreshToken ?? "",
    });
    const client = new api.clients.Graphql({ session: refreshed });
    const response = await client.request("query { shop { myshopifyDomain } }");
    expect(response.data).toEqual({ shop: { myshopifyDomain: SHOP } });
  });

  it("webhooks pass the library's validation", async () => {
    sandbox.server.installApp(SHOP, APP.apiKey);
    sandbox.emit(SHOP, "orders/create", { id: 7 });
    await sandbox.server.webhooks.waitForIdle();
    const [delivery] = receiver.received;
    // The node adapter reads an IncomingMessage-like object.
    const rawRequest = { method: "POST", url: "/webhooks", headers: delivery?.headers ?? {} };
    const result = await api.webhooks.validate({ rawBody: delivery?.body ?? "", rawRequest });
    expect(result, JSON.stringify(result)).toMatchObject({
      valid: true,
      topic: "ORDERS_CREATE",
      domain: SHOP,
      apiVersion: "2026-10",
    });
  });
});
