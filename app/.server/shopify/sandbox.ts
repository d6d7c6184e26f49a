import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Send every request the Shopify libraries make to `https://<shop>/...` to the offline sandbox
 * instead. The libraries always build `https://{shop}` URLs (and reject ports in shop domains),
 * so rewriting at the fetch layer is the one seam that needs no change to them.
 */
export function routeShopifyCallsTo(sandboxOrigin: string): void {
  const origin = new URL(sandboxOrigin);
  const realFetch = globalThis.fetch;
  setAbstractFetchFunc((input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (url.hostname.endsWith(".myshopify.com")) {
      url.protocol = origin.protocol;
      url.host = origin.host;
    }
    return realFetch(url, init);
  });
}

/**
 * Document headers for the offline sandbox. The library lets only Shopify admin frame the app
 * (CSP frame-ancestors) and preloads App Bridge from Shopify's CDN; the sandbox's admin frame
 * must be allowed, and the preload must name the stand-in the page really loads.
 */
export function adaptHeadersForSandbox(headers: Headers, input: { sandboxOrigin: string; appBridgeUrl?: string }) {
  const csp = headers.get("Content-Security-Policy");
  const origin = new URL(input.sandboxOrigin).origin;
  if (csp) {
    headers.set(
      "Content-Security-Policy",
      csp.replace(/frame-ancestors ([^;]*)/, (_match, sources: string) => `frame-ancestors ${sources} ${origin}`),
    );
  }
  if (headers.get("Link")?.includes("cdn.shopify.com")) {
    if (input.appBridgeUrl) headers.set("Link", `<${input.appBridgeUrl}>; rel="preload"; as="script";`);
    else headers.delete("Link");
  }
}
