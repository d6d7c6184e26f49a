import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";

import type { ShopifyEngine } from "../contracts.ts";
import type { AppRegistry } from "./app-registry.ts";
import { embeddedAppUrl } from "./embedded-url.ts";
import { CORS_HEADERS, sendJson, sendText } from "./http-util.ts";

const FRAME_DIR = new URL("../admin-frame/", import.meta.url);

const JS = "text/javascript; charset=utf-8";
/** The App Bridge stand-in is two files served as one script. */
const STATIC_FILES: Record<string, { files: string[]; type: string }> = {
  "/app-bridge.js": { files: ["app-bridge.js", "app-bridge-globals.js"], type: JS },
  "/admin-frame/frame.js": { files: ["frame.js"], type: JS },
  "/admin-frame/frame.css": { files: ["frame.css"], type: "text/css; charset=utf-8" },
};

export const STORE_PATH = /^\/store\/([a-zA-Z0-9][a-zA-Z0-9-]*)(?:\/apps\/([^/]+)(\/.*)?)?\/?$/;

export async function serveStatic(res: ServerResponse, pathname: string): Promise<boolean> {
  const entry = STATIC_FILES[pathname];
  if (!entry) return false;
  const parts = await Promise.all(entry.files.map((file) => readFile(new URL(file, FRAME_DIR), "utf8")));
  const body = parts.join("\n");
  sendText(res, 200, entry.type, body, { ...CORS_HEADERS, "Cache-Control": "no-store" });
  return true;
}

/** `GET /store/<name>` lists installed apps; `GET /store/<name>/apps/<apiKey>/<path>` renders the admin frame. */
export async function handleStore(
  res: ServerResponse,
  url: URL,
  match: RegExpMatchArray,
  deps: { engine: ShopifyEngine; registry: AppRegistry; log: (line: string) => void },
): Promise<void> {
  const [, name = "", apiKey, appPath = "/"] = match;
  const shop = `${name}.myshopify.com`;
  if (!deps.engine.hasShop(shop)) {
    sendText(
      res,
      404,
      "text/html; charset=utf-8",
      page(`No shop ${shop} in the sandbox`, "<p>Create it with POST /sandbox/shops.</p>"),
    );
    return;
  }
  if (apiKey === undefined) {
    const links = deps.registry
      .installedApps(shop)
      .map(
        (app) =>
          `<li><a href="/store/${name}/apps/${encodeURIComponent(app.apiKey)}">${escapeHtml(app.name ?? app.apiKey)}</a></li>`,
      )
      .join("");
    sendText(
      res,
      200,
      "text/html; charset=utf-8",
      page(`${shop}: apps`, `<ul>${links || "<li>No apps installed</li>"}</ul>`),
    );
    return;
  }
  const app = deps.registry.app(decodeURIComponent(apiKey));
  if (!app) {
    sendText(
      res,
      404,
      "text/html; charset=utf-8",
      page(`No app ${apiKey} registered`, "<p>Register it with POST /sandbox/apps.</p>"),
    );
    return;
  }
  if (!deps.registry.isInstalled(shop, app.apiKey)) {
    // Shopify's managed installation: opening an app from the admin installs it.
    deps.registry.install(shop, app.apiKey);
    deps.log(`admin frame: installed ${app.apiKey} on ${shop}`);
  }
  const iframeSrc = embeddedAppUrl({ app, shop, path: appPath, extraQuery: url.searchParams });
  const config = {
    shop,
    shopName: name,
    apiKey: app.apiKey,
    appName: app.name ?? app.apiKey,
    appOrigin: new URL(app.appUrl).origin,
    framePrefix: `/store/${name}/apps/${encodeURIComponent(app.apiKey)}`,
    iframeSrc,
  };
  const template = await readFile(new URL("frame.html", FRAME_DIR), "utf8");
  const html = template
    .replaceAll("__TITLE__", escapeHtml(`${config.appName} · ${name}`))
    .replaceAll("__SHOP_NAME__", escapeHtml(name))
    .replace("__CONFIG_JSON__", JSON.stringify(config).replaceAll("<", "\\u003c"));
  sendText(res, 200, "text/html; charset=utf-8", html, { "Cache-Control": "no-store" });
}

export function sendNotFound(res: ServerResponse, method: string, pathname: string): void {
  sendJson(res, 404, { error: `sandbox: no route for ${method} ${pathname}` });
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
