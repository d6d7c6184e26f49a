import { Logger, run, type Runner } from "graphile-worker";

import { crontab, taskList } from "./task-list.ts";

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  /** Run the cron tick (off in tests that drive time themselves). */
  cron?: boolean;
  log?: (level: string, message: string) => void;
}

/**
 * Start graphile-worker with the app's tasks. Signals are ours to handle (see shutdown.ts), and
 * job completions are written at once: with batching on, a job that finishes while the runner
 * stops can stay locked for hours (graphile-worker 0.17/0.18).
 */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const log = options.log ?? ((level, message) => console.log(`[worker] ${level}: ${message}`));
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    taskList,
    crontab: options.cron === false ? "# no cron" : crontab,
    logger: new Logger(() => (level, message) => {
      if (level !== "debug") log(level, message);
    }),
    preset: {
      worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0, gracefulShutdownAbortTimeout: 10_000 },
    },
  });
}

/**
 * Stop taking jobs and wait for the running ones; if they do not finish within `graceMs`, fail
 * and release them (they are retried later) rather than leave them locked.
 */
export async function stopWorker(runner: Runner, graceMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = runner.stop().then(() => "stopped" as const);
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const outcome = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (outcome === "timeout") await runner.kill("shutdown grace period elapsed");
  await runner.promise.catch(() => {});
}
