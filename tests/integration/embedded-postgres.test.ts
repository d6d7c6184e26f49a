import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startEmbeddedPostgres } from "../../db/embedded-postgres.ts";

const embeddedModule = path.resolve(import.meta.dirname, "../../db/embedded-postgres.ts");
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "embedded-pg-"));
  // As root, Postgres runs as the `postgres` user, which must reach the data folders.
  await chmod(tmp, 0o755);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** pid of the postmaster of a data folder, from its postmaster.pid. */
function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The process group of a pid (field 5 of /proc/<pid>/stat). */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function selectOne(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ one: number }[]>`select 1 as one`;
    return row!.one;
  } finally {
    await sql.end();
  }
}

describe("embedded Postgres", () => {
  it("moves to another port when another process takes the chosen one before Postgres binds it", async () => {
    const dataDir = path.join(tmp, "race");
    const chosen = await freePort();
    const tried: number[] = [];
    let squatter: net.Server | undefined;
    const db = await startEmbeddedPostgres({
      dataDir,
      port: chosen,
      // The race window: the port was free when checked; someone takes it now.
      beforeBind: async (port) => {
        tried.push(port);
        if (port === chosen) squatter = await listen(port);
      },
    });
    try {
      expect(tried[0]).toBe(chosen);
      expect(tried).toHaveLength(2);
      expect(new URL(db.url).port).toBe(String(tried[1]));
      expect(await selectOne(db.url)).toBe(1);
    } finally {
      await db.stop();
      await new Promise((resolve) => squatter?.close(resolve));
    }
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  }, 60_000);

  it("runs outside the starting process's group, and stops when that process is SIGKILLed", async () => {
    const dataDir = path.join(tmp, "orphan");
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(embeddedModule)});
      const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      console.log("READY " + db.url);
      setInterval(() => {}, 1000);`;
    // Its own group, as a terminal would start it: a Ctrl-C there reaches that group only.
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/READY/);

    const pid = postmasterPid(dataDir);
    expect(processGroup(child.pid!)).toBe(child.pid);
    expect(processGroup(pid)).not.toBe(child.pid);

    // A Ctrl-C to the app's group does not reach Postgres.
    process.kill(-child.pid!, "SIGINT");
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The app died of the signal (it has no handler here) and Postgres followed it, stopped by
    // its keeper, instead of running on orphaned.
    await expect.poll(() => alive(pid), { timeout: 15_000, interval: 100 }).toBe(false);

    // The next start finds a clean data folder and owns its server again.
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(again.owned).toBe(true);
      expect(await selectOne(again.url)).toBe(1);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it("stops when the starting process is SIGKILLed, and the next start owns it again", async () => {
    const dataDir = path.join(tmp, "killed");
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(embeddedModule)});
      const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      console.log("READY " + db.url);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/READY/);
    const pid = postmasterPid(dataDir);

    child.kill("SIGKILL");
    // Nothing ran in the killed process; its keeper noticed and stopped Postgres.
    await expect.poll(() => alive(pid), { timeout: 10_000, interval: 50 }).toBe(false);
    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(again.owned).toBe(true);
      expect(await selectOne(again.url)).toBe(1);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
