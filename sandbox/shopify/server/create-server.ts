import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { isLoopback } from "../../common/http-request.ts";
import type { ShopifyEngine } from "../contracts.ts";
import { handleStore, sendNotFound, serveStatic, STORE_PATH } from "./admin-frame-route.ts";
import { AppRegistry } from "./app-registry.ts";
import { controlRoutes, handleControl, SandboxRequestError } from "./control-routes.ts";
import { GRAPHQL_PATH, handleGraphql } from "./graphql-route.ts";
import { CORS_HEADERS, sendJson } from "./http-util.ts";
import { handleAccessToken } from "./oauth-route.ts";
import type { SandboxServerApi } from "./sandbox-api.ts";
import { signSessionToken } from "./session-token.ts";
import { handleStorage, STORAGE_PREFIX, UPLOAD_PREFIX } from "./storage-route.ts";
import { WebhookDelivery } from "./webhook-delivery.ts";
import { DEFAULT_RETRY_SCHEDULE_MS } from "./webhook-knobs.ts";

export interface SandboxServerOptions {
  engine: ShopifyEngine;
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delays (ms) between webhook attempts; its length is the number of retries. Default: Shopify-like, ~4 h. */
  webhookRetrySchedule?: number[];
  log?: (line: string) => void;
}

/** `/<shop>.myshopify.com/admin/...` (an app that keeps the shop in the path) is served like `/admin/...`. */
const SHOP_PREFIX = /^\/[a-z0-9][a-z0-9-]*\.myshopify\.com(?=\/admin\/)/;

export async function createShopifySandboxServer(options: SandboxServerOptions): Promise<SandboxServerApi> {
  const { engine } = options;
  const log = options.log ?? (() => {});
  const registry = new AppRegistry();
  const webhooks = new WebhookDelivery({
    retrySchedule: options.webhookRetrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS,
    log,
  });
  const unsubscribe = engine.onEvent((event) => {
    // A bad subscription URI must not break the engine's mutation that emitted the event.
    try {
      webhooks.enqueue(event, registry.installedApps(event.shop));
    } catch (error) {
      log(
        `sandbox: could not queue ${event.topic} for ${event.shop}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });

  const requireApp = (apiKey: string) => {
    const app = registry.app(apiKey);
    if (!app) throw new SandboxRequestError(`no app ${apiKey} registered`, 404);
    return app;
  };
  const requireShop = (shop: string) => {
    if (!engine.hasShop(shop)) throw new SandboxRequestError(`no shop ${shop} in the sandbox`, 404);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`sandbox: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: `sandbox: ${error instanceof Error ? error.message : String(error)}` });
      } else res.end();
    });
  });

  const api: SandboxServerApi = {
    url: "",
    port: 0,
    engine,
    registry,
    webhooks,
    registerApp: (app) => registry.register(app),
    installApp(shop, apiKey, installOptions) {
      requireShop(shop);
      requireApp(apiKey);
      return registry.install(shop, apiKey, installOptions?.accessToken);
    },
    uninstallApp(shop, apiKey) {
      const app = requireApp(apiKey);
      if (!registry.uninstall(shop, apiKey)) return;
      const name = shop.replace(/\.myshopify\.com$/, "");
      webhooks.enqueue(
        {
          shop,
          topic: "app/uninstalled",
          eventId: randomUUID(),
          triggeredAt: new Date().toISOString(),
          payload: { id: 1, name, domain: shop, myshopify_domain: shop, email: `owner@${shop}`, plan_name: "basic" },
        },
        [app],
      );
    },
    fulfillments(shop, orderId) {
      requireShop(shop);
      const list = engine.listFulfillments(shop, orderId);
      if (!list) throw new SandboxRequestError(`no order ${orderId} in ${shop}`, 404);
      return list;
    },
    createFulfillmentService(shop, input) {
      requireShop(shop);
      try {
        return engine.createFulfillmentService(shop, input);
      } catch (error) {
        throw new SandboxRequestError(error instanceof Error ? error.message : String(error), 400);
      }
    },
    createPayout(shop, input) {
      requireShop(shop);
      if (!engine.createPayout) {
        throw new SandboxRequestError("this store engine keeps no Shopify Payments ledger", 501);
      }
      try {
        return engine.createPayout(shop, input);
      } catch (error) {
        throw new SandboxRequestError(error instanceof Error ? error.message : String(error), 409);
      }
    },
    setPayoutStatus(shop, id, status) {
      requireShop(shop);
      if (!engine.setPayoutStatus) {
        throw new SandboxRequestError("this store engine keeps no Shopify Payments ledger", 501);
      }
      try {
        return engine.setPayoutStatus(shop, id, status);
      } catch (error) {
        throw new SandboxRequestError(error instanceof Error ? error.message : String(error), 404);
      }
    },
    dropResponses: (knob) => engine.setDropResponse(knob),
    advanceClock: (ms) => engine.advanceClock(ms),
    setExistingVariants(shop, count) {
      requireShop(shop);
      return engine.setExistingVariants(shop, count);
    },
    signSessionToken(tokenOptions) {
      requireShop(tokenOptions.shop);
      const app = requireApp(tokenOptions.apiKey);
      return signSessionToken({ ...tokenOptions, apiSecret: app.apiSecret });
    },
    reset() {
      webhooks.reset();
      registry.reset();
      engine.reset();
    },
    async close() {
      unsubscribe();
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  const routes = controlRoutes(api);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const pathname = url.pathname.replace(SHOP_PREFIX, "");
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const graphql = pathname.match(GRAPHQL_PATH);
    if (graphql) return handleGraphql(req, res, graphql[1] ?? "", { engine, registry });
    if (pathname === "/admin/oauth/access_token") return handleAccessToken(req, res, { engine, registry, log });
    if (engine.storage && (pathname.startsWith(UPLOAD_PREFIX) || pathname.startsWith(STORAGE_PREFIX))) {
      return handleStorage(req, res, url, pathname, engine.storage, api.url);
    }
    if (pathname.startsWith("/sandbox/")) {
      if (!isLoopback(req)) {
        sendJson(res, 403, { error: "sandbox: the control API answers loopback clients only" });
        return;
      }
      return handleControl(req, res, url, routes);
    }
    if (method === "GET" && (await serveStatic(res, pathname))) return;
    const store = method === "GET" ? pathname.match(STORE_PATH) : null;
    if (store) return handleStore(res, url, store, { engine, registry, log });
    sendNotFound(res, method, pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  api.url = `http://${hostForUrl}:${address.port}`;
  api.port = address.port;
  engine.storage?.setOrigin(api.url);
  log(`shopify sandbox listening on ${api.url}`);
  return api;
}
