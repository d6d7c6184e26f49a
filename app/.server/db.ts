import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import { getDatabaseConfig } from "./config.ts";

export type Db = PostgresJsDatabase;
/** A transaction handle; query functions accept either so callers can compose them atomically. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

let client: postgres.Sql | undefined;
let db: Db | undefined;

/** The process's drizzle handle over one postgres.js pool, created on first use. */
export function getDb(): Db {
  if (db) return db;
  const config = getDatabaseConfig();
  if (!config.DATABASE_URL) throw new Error("no database: call resolveDatabase() at process start");
  client = postgres(config.DATABASE_URL, {
    max: config.DATABASE_POOL_MAX,
    onnotice: () => {},
    // Sessions and settings are read on every request; prepared statements pay off.
    prepare: true,
  });
  db = drizzle(client);
  guardAgainstNullSocketWrite();
  return db;
}

/**
 * postgres.js 3.4 schedules small writes with setImmediate; when the connection closes first (the
 * database stopped, or `end({ timeout })` forced it shut), the callback calls `socket.write` on
 * null and throws outside any promise, killing the process (porsager/postgres#1066, #1154; the
 * fix, #1168, is not released). By then postgres.js has already rejected that query with
 * CONNECTION_CLOSED, so the throw carries no information: log one line instead of crashing.
 * Anything else still crashes as before.
 */
function guardAgainstNullSocketWrite(): void {
  const key = Symbol.for("erp-connector.postgres-js-null-socket-guard");
  const registry = globalThis as { [key]?: true };
  // Once per process (the Remix server build bundles a second copy of this module), and only
  // where nobody else handles uncaught exceptions (a test runner does).
  if (registry[key] || process.listenerCount("uncaughtException") > 0) return;
  registry[key] = true;
  process.on("uncaughtException", (error) => {
    const fromPostgresJs =
      error instanceof TypeError &&
      /reading 'write'/.test(error.message) &&
      /postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? "");
    if (fromPostgresJs) {
      console.error("[db] a database connection closed while a query was being sent (ignored; the query failed)");
      return;
    }
    // Not ours to swallow: behave as Node does without a handler.
    console.error(error);
    process.exit(1);
  });
}

/** Close the pool (shutdown and tests). Safe to call when it was never opened. */
export async function closeDb(): Promise<void> {
  const open = client;
  client = undefined;
  db = undefined;
  if (open) await open.end({ timeout: 5 });
}
