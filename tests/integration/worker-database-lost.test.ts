import { spawn } from "node:child_process";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { testEnv } from "../setup/test-env.ts";

const root = path.resolve(import.meta.dirname, "../..");
let db: TestDatabase;

beforeAll(async () => {
  db = await useTestDatabase();
});

describe("a worker whose database connections are cut", () => {
  it("logs the lost connections and keeps working, instead of crashing on an unhandled pool error", async () => {
    let output = "";
    const worker = spawn(process.execPath, [path.join(root, "worker/index.ts")], {
      cwd: root,
      env: {
        ...process.env,
        ...testEnv,
        DATABASE_URL: db.url,
        WORKER_HEARTBEAT_MS: "1000",
        WORKER_DEAD_AFTER_MS: "5000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    const lastSeen = async () =>
      (await db.sql<{ at: Date }[]>`select max(last_seen_at) as at from worker_heartbeats`)[0]?.at ?? null;
    await expect.poll(lastSeen, { timeout: 30_000 }).not.toBeNull();

    // What a database restart does to every idle and listening connection of the process.
    const [cut] = await db.sql<{ n: number }[]>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    expect(cut!.n).toBeGreaterThan(0);
    const cutAt = new Date();

    // Still alive, and beating again on new connections.
    await expect.poll(async () => (await lastSeen())! > cutAt, { timeout: 20_000, interval: 250 }).toBe(true);
    expect(worker.exitCode, output).toBeNull();
    expect(output).not.toMatch(/Unhandled 'error' event|Emitted 'error' event/);

    worker.kill("SIGTERM");
    expect(await exited, output).toBe(0);
  }, 60_000);
});
