import { describe, expect, it } from "vitest";

import { adaptHeadersForSandbox } from "../../app/.server/shopify/sandbox.ts";

describe("document headers in sandbox mode", () => {
  it("lets the sandbox admin frame the app and preloads the App Bridge stand-in", () => {
    const headers = new Headers({
      "Content-Security-Policy": "frame-ancestors https://a.myshopify.com https://admin.shopify.com;",
      Link: '<https://cdn.shopify.com/shopifycloud/app-bridge.js>; rel="preload"; as="script";',
    });
    adaptHeadersForSandbox(headers, {
      sandboxOrigin: "http://127.0.0.1:8790/x",
      appBridgeUrl: "http://127.0.0.1:8790/app-bridge.js",
    });
    expect(headers.get("Content-Security-Policy")).toBe(
      "frame-ancestors https://a.myshopify.com https://admin.shopify.com http://127.0.0.1:8790;",
    );
    expect(headers.get("Link")).toBe('<http://127.0.0.1:8790/app-bridge.js>; rel="preload"; as="script";');
  });
});
