import path from "node:path";
import { fileURLToPath } from "node:url";

import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import postgres from "postgres";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Bring a database up to date: the app's drizzle migrations, then graphile-worker's schema. */
export async function migrateDatabase(url: string): Promise<void> {
  // The drizzle migrator needs a single connection (it runs in one transaction per migration).
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
  // Our own pool, ended (and awaited) here: graphile-worker ends a pool it made without waiting and
  // drops its error handlers first, so stopping Postgres right after (npm run setup) crashed on an
  // unhandled 'error' from an idle client.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const ignore = () => {}; // a lost connection fails the migration's query, which reports it
  pool.on("error", ignore);
  pool.on("connect", (client) => client.on("error", ignore));
  try {
    await runMigrations({ pgPool: pool, logger: quietLogger });
  } finally {
    await pool.end();
  }
}

const quietLogger = new Logger(() => () => {});
