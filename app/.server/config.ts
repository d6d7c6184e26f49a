import { z } from "zod";

/**
 * Every environment variable the web server and the worker read, parsed once at boot.
 * Nothing else in the codebase reads `process.env` (libraries read a few of their own, such as
 * APP_BRIDGE_URL, which is declared here too so a typo fails at boot).
 */
export const databaseConfigSchema = z.object({
  /** Absent ⇒ embedded Postgres with its data under DATA_DIR (see db/resolve-database.ts). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  /** Local state: embedded Postgres data, the demo's generated keys and demo.json. */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Pool size per process for the app's own queries (graphile-worker keeps its own pool). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of exactly 32 bytes");

export const configSchema = databaseConfigSchema
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id)"),
    SHOPIFY_API_SECRET: z.string().min(1, "is required (the app's client secret)"),
    SHOPIFY_APP_URL: z.url({ protocol: /^https?$/, error: "must be the app's public http(s) URL" }),
    SCOPES: z.string().min(1, "is required (comma-separated access scopes)"),
    /**
     * Offline Shopify stand-in. When set, every call the Shopify libraries make to
     * `https://<shop>/...` goes to this origin instead. Never set it in production.
     */
    SHOPIFY_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Where the embedded app loads App Bridge from (Shopify's CDN by default). */
    APP_BRIDGE_URL: z.url().optional(),
    /**
     * Base64 of 32 random bytes; seals ERP credentials at rest (AES-256-GCM). Generate one with
     * `node -e "console.log(crypto.randomBytes(32).toString('base64'))"`. Keep it out of the database.
     */
    ERP_ENCRYPTION_KEY: base64Key,
    /** The key before the last rotation: still opens old secrets, never seals new ones. */
    ERP_ENCRYPTION_KEY_PREVIOUS: base64Key.optional(),
    /** Offline Business Central stand-in: Entra ID and BC API hosts are sent here instead. */
    BUSINESS_CENTRAL_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** How long a stopping worker waits for running jobs before failing and releasing them. */
    WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
    /** How often each worker process records that it is alive (worker/heartbeat.ts, ADR 010). */
    WORKER_HEARTBEAT_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
    /**
     * A worker silent this long is dead and its jobs are retried by the others. Keep it several
     * heartbeats long (checked at boot): a live but busy worker must never look dead.
     */
    WORKER_DEAD_AFTER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("warn"),
  })
  .refine((config) => config.WORKER_DEAD_AFTER_MS >= 3 * config.WORKER_HEARTBEAT_MS, {
    path: ["WORKER_DEAD_AFTER_MS"],
    error: "must be at least three times WORKER_HEARTBEAT_MS",
  });

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse an environment; a missing or malformed variable throws an error naming each one. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const message = issue.code === "invalid_type" && env[name] === undefined ? "is required" : issue.message;
    return `  ${name} ${message}`;
  });
  throw new ConfigError(`Invalid environment configuration:\n${problems.join("\n")}`);
}

let cachedDatabase: DatabaseConfig | undefined;
let cached: Config | undefined;
let databaseUrlOverride: string | undefined;

function parseOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  try {
    return parseConfig(schema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}

/** The process's full configuration. Exits with the list of problems when it is invalid. */
export function getConfig(): Config {
  cached ??= { ...parseOrExit(configSchema), ...urlOverride() };
  return cached;
}

/** Only what reaching the database needs (migrations and tools need no Shopify keys). */
export function getDatabaseConfig(): DatabaseConfig {
  cachedDatabase ??= { ...parseOrExit(databaseConfigSchema), ...urlOverride() };
  return cachedDatabase;
}

/** Record the URL of the embedded database this process started (or joined). */
export function setDatabaseUrl(url: string): void {
  databaseUrlOverride = url;
  // The Remix server build bundles its own copy of this module; it reads the URL from here.
  process.env.DATABASE_URL = url;
  cached = undefined;
  cachedDatabase = undefined;
}

function urlOverride(): { DATABASE_URL?: string } {
  return databaseUrlOverride ? { DATABASE_URL: databaseUrlOverride } : {};
}
