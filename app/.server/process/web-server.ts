import type { Server } from "node:http";
import path from "node:path";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

import { limitRequestBodies } from "../http/body-limit.ts";

export interface WebServer {
  url: string;
  /** Stop accepting connections, then close the server build's database pool. */
  close(): Promise<void>;
}

type BuildModule = ServerBuild & { entry: { module: { closeServerResources?: () => Promise<void> } } };

/**
 * The Remix app over HTTP: the production build from `build/` (npm run build), or Vite in
 * middleware mode for development (HMR, no build step).
 */
export async function startWebServer(options: {
  port: number;
  host?: string;
  mode: "production" | "development";
  root?: string;
}): Promise<WebServer> {
  const root = options.root ?? process.cwd();
  const app = express();
  app.disable("x-powered-by");

  let loadBuild: () => Promise<BuildModule>;
  let closeVite = async () => {};
  if (options.mode === "development") {
    const vite = await import("vite");
    const devServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    loadBuild = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<BuildModule>;
    closeVite = () => devServer.close();
  } else {
    const client = path.join(root, "build/client");
    app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(client, { maxAge: "1h" }));
    const build = (await import(path.join(root, "build/server/index.js"))) as BuildModule;
    loadBuild = async () => build;
  }
  // Every route that reads a body (webhooks, forms, auth) gets it capped here, before Remix.
  app.all("*", limitRequestBodies(createRequestHandler({ build: loadBuild, mode: options.mode })));

  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, host, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      const build = await loadBuild().catch(() => undefined);
      await build?.entry.module.closeServerResources?.();
      await closeVite();
    },
  };
}
