import { describe, expect, it } from "vitest";

import { ConfigError, configSchema, databaseConfigSchema, parseConfig } from "../../app/.server/config.ts";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  SCOPES: "read_orders",
  ERP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("configuration", () => {
  it("names every missing or malformed variable", () => {
    const attempt = () =>
      parseConfig(configSchema, { SHOPIFY_APP_URL: "not a url", DATABASE_URL: "mysql://x/y", PORT: "http" });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("SHOPIFY_API_KEY is required");
    expect(message).toContain("SHOPIFY_API_SECRET is required");
    expect(message).toContain("SCOPES is required");
    expect(message).toContain("SHOPIFY_APP_URL must be the app's public http(s) URL");
    expect(message).toContain("DATABASE_URL must be a postgres:// URL");
    expect(message).toMatch(/PORT /);
    expect(message).toContain("ERP_ENCRYPTION_KEY is required");
  });

  it("fills defaults and coerces numbers", () => {
    const config = parseConfig(configSchema, { ...valid, PORT: "8080" });
    expect(config).toMatchObject({ PORT: 8080, WORKER_CONCURRENCY: 4, DATA_DIR: ".data", NODE_ENV: "development" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SHOPIFY_SANDBOX_URL).toBeUndefined();
  });

  it("needs no Shopify keys to reach the database", () => {
    expect(parseConfig(databaseConfigSchema, { DATABASE_URL: "postgres://u:p@db:5432/app" })).toMatchObject({
      DATABASE_URL: "postgres://u:p@db:5432/app",
    });
  });
});
