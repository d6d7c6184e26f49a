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
  return db;
}

/** Close the pool (shutdown and tests). Safe to call when it was never opened. */
export async function closeDb(): Promise<void> {
  const open = client;
  client = undefined;
  db = undefined;
  if (open) await open.end({ timeout: 5 });
}
