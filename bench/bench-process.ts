import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";

/**
 * The V8 flags of `npm run worker` (package.json), so the bench measures the worker as it runs.
 * The worker's live heap stays at 30–40 MiB through a 40,000-level first sync (measured after a
 * forced GC every 2 s); what made its RSS climb was V8 growing the young generation to its
 * default maximum (64 MiB semi-spaces on a 24 GiB machine: ~165 MiB of heap for ~35 MiB alive).
 * 16 MiB semi-spaces bound that whatever the catalog's size.
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=16"];

/**
 * `npm run worker` as a child process against the bench demo's database, so its RSS is the
 * worker's alone (as in production, where the web app is another process).
 */
export function startWorkerProcess(root: string, databaseUrl: string, concurrency = 4) {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, "worker/index.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A bench stopped by a signal takes its worker with it: an orphan worker would go on taking the
  // jobs of the next bench's database (same port), with the last bench's encryption key.
  const killWorker = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  process.once("exit", killWorker);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killWorker();
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The process's resident set in MiB, from /proc (Linux). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}
