import { rm } from "node:fs/promises";
import path from "node:path";

import type { Browser, FrameLocator, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

import { type DemoOptions, type RunningDemo, startDemo } from "../../scripts/demo/start-demo.ts";
import { launchBrowser, newPage } from "./browser.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** A browser test's world: a fresh demo of its own and a Chromium page, ready in `beforeAll`. */
export interface DemoInBrowser {
  readonly demo: RunningDemo;
  readonly page: Page;
  /** The demo's database, for assertions. */
  readonly sql: postgres.Sql;
  /** The app inside the sandbox admin's frame. */
  app(): FrameLocator;
  /** The demo shop's Admin GraphQL, as a script with its offline token would call it. */
  adminGraphql(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Record<string, any>; errors?: unknown }>;
}

/**
 * Registers the hooks that start a demo in `.data/<name>` (emptied before and after) with free
 * ports, open a database client and a browser page, and stop them all after the file.
 */
export function useDemoInBrowser(name: string, options: Partial<DemoOptions> = {}): DemoInBrowser {
  const dataDir = path.join(root, ".data", name);
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let sql: postgres.Sql | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the demo is not started yet (use it inside tests or hooks)");
    return value;
  };

  beforeAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    demo = await startDemo({
      root,
      dataDir,
      appPort: 0,
      sandboxPort: 0,
      businessCentralPort: 0,
      log: () => {},
      ...options,
    });
    sql = postgres(demo.info.databaseUrl, { max: 1, onnotice: () => {} });
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await sql?.end();
    await demo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get demo() {
      return ready(demo);
    },
    get page() {
      return ready(page);
    },
    get sql() {
      return ready(sql);
    },
    app: () => ready(page).frameLocator("iframe"),
    adminGraphql: async (query, variables = {}) => {
      const { info } = ready(demo);
      const response = await fetch(info.shopify.adminApiUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": info.shopify.accessToken },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, any>; errors?: unknown };
    },
  };
}
