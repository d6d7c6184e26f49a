import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";

/**
 * `npm run worker` as a child process against the bench demo's database, so its RSS is the
 * worker's alone (as in production, where the web app is another process).
 */
export function startWorkerProcess(root: string, databaseUrl: string, concurrency = 4) {
  const child = spawn(process.execPath, ["worker/index.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
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
