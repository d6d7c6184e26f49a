import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testEnv } from "../setup/test-env.ts";

const root = path.resolve(import.meta.dirname, "../..");
let dataDir: string;
const started: ChildProcess[] = [];

/** The app's environment without DATABASE_URL: the embedded Postgres under DATA_DIR. */
function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, ...testEnv, DATA_DIR: dataDir, WORKER_HEARTBEAT_MS: "1000", WORKER_DEAD_AFTER_MS: "5000" };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "worker-signals-"));
  await chmod(dataDir, 0o755); // as root, Postgres runs as `postgres`
  await promisify(execFile)("npm", ["run", "setup"], { cwd: root, env: env() });
}, 120_000);

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm run worker on the embedded Postgres, stopped through its process group", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`exits 0 within 10 s on ${signal}, with no stack trace, and stops its Postgres`, async () => {
      let output = "";
      // Leading its own group, as a terminal's job does: the signal reaches npm and node together.
      const child = spawn("npm", ["run", "worker"], { cwd: root, env: env(), detached: true, stdio: "pipe" });
      started.push(child);
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.once("exit", (code, sig) => resolve({ code, signal: sig })),
      );
      await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/running with concurrency/);
      const postmaster = Number(readFileSync(path.join(dataDir, "pg/postmaster.pid"), "utf8").split("\n")[0]);

      const sentAt = Date.now();
      process.kill(-child.pid!, signal);
      const result = await Promise.race([
        exited,
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000)),
      ]);
      expect(result, output).toEqual({ code: 0, signal: null });
      expect(Date.now() - sentAt).toBeLessThan(10_000);
      expect(output).not.toMatch(/error|\n\s+at .+:\d+:\d+/i);
      expect(output).toMatch(/stopped database\n/);
      expect(alive(postmaster)).toBe(false);
    }, 90_000);
  }
});
