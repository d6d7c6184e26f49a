import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { getConfig } from "./.server/config.ts";
import { adaptHeadersForSandbox } from "./.server/shopify/sandbox.ts";
import { addDocumentResponseHeaders } from "./shopify.server.ts";

// The server build carries its own module instances (pools included); the process that serves
// it closes them through this export on shutdown.
export { closeDb as closeServerResources } from "./.server/db.ts";

const ABORT_DELAY_MS = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Shopify's headers: the frame-ancestors CSP that lets admin (and only admin) embed us.
  addDocumentResponseHeaders(request, responseHeaders);
  const config = getConfig();
  if (config.SHOPIFY_SANDBOX_URL) {
    adaptHeadersForSandbox(responseHeaders, {
      sandboxOrigin: config.SHOPIFY_SANDBOX_URL,
      appBridgeUrl: config.APP_BRIDGE_URL,
    });
  }
  const userAgent = request.headers.get("user-agent");
  const readyEvent = userAgent && isbot(userAgent) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />,
      {
        [readyEvent]() {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}
