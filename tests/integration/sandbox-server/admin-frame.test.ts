import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { queryHmac } from "../../../sandbox/shopify/server/embedded-url.ts";
import { verifySessionToken } from "../../../sandbox/shopify/server/session-token.ts";
import { APP, SHOP, startSandbox } from "./sandbox-fixture.ts";

describe("sandbox admin frame", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    sandbox = await startSandbox({ appUrl: "http://localhost:3000" });
    sandbox.server.installApp(SHOP, APP.apiKey);
  });
  afterEach(async () => {
    await sandbox.server.close();
  });

  const iframeSrc = async (path: string) => {
    const response = await fetch(`${sandbox.server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    const config = html.match(/<script id="sandbox-frame-config" type="application\/json">(.*?)<\/script>/s)?.[1];
    return { html, src: new URL((JSON.parse(config ?? "{}") as { iframeSrc: string }).iframeSrc) };
  };

  it("embeds the app with the launch params Shopify adds and a verifiable id_token", async () => {
    const { html, src } = await iframeSrc(`/store/demo-shop/apps/${APP.apiKey}/app/orders?tab=open`);
    expect(html).toContain('<iframe id="app-frame"');
    expect(html).toContain("demo-shop");
    expect(src.origin).toBe("http://localhost:3000");
    expect(src.pathname).toBe("/app/orders");
    expect(src.searchParams.get("tab")).toBe("open");
    expect(src.searchParams.get("embedded")).toBe("1");
    expect(src.searchParams.get("shop")).toBe(SHOP);
    expect(Buffer.from(src.searchParams.get("host") ?? "", "base64").toString()).toBe(
      "admin.shopify.com/store/demo-shop",
    );
    const verified = verifySessionToken(src.searchParams.get("id_token") ?? "", APP);
    expect(verified).toMatchObject({ ok: true, shop: SHOP, payload: { aud: APP.apiKey, dest: `https://${SHOP}` } });
    expect(src.searchParams.get("hmac")).toBe(queryHmac(src.searchParams, APP.apiSecret));
  });

  it("serves the App Bridge stand-in as JavaScript", async () => {
    const response = await fetch(`${sandbox.server.url}/app-bridge.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const js = await response.text();
    expect(js).toContain("shopify:navigate");
    expect(js).toContain("ui-nav-menu");
  });

  it("hands the stand-in session tokens for the shop and app", async () => {
    const response = await fetch(`${sandbox.server.url}/sandbox/session-token?shop=${SHOP}&apiKey=${APP.apiKey}`);
    const body = (await response.json()) as { token: string };
    expect(verifySessionToken(body.token, APP)).toMatchObject({ ok: true, shop: SHOP });
    const unknown = await fetch(`${sandbox.server.url}/sandbox/session-token?shop=${SHOP}&apiKey=nope`);
    expect(unknown.status).toBe(404);
  });

  it("answers 404 for unknown shops and apps", async () => {
    expect((await fetch(`${sandbox.server.url}/store/nope/apps/${APP.apiKey}`)).status).toBe(404);
    expect((await fetch(`${sandbox.server.url}/store/demo-shop/apps/nope`)).status).toBe(404);
  });
});
