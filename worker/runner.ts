import { EventEmitter } from "node:events";

import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";

import { crontab, taskList } from "./task-list.ts";

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  /** Run the cron tick (off in tests that drive time themselves). */
  cron?: boolean;
  /** Also log each job's start/completion (graphile-worker's info level). Default: warnings and errors. */
  verbose?: boolean;
  log?: (level: string, message: string) => void;
}

export interface Worker {
  runner: Runner;
  connectionString: string;
  /** Ids graphile-worker locks jobs with (one per worker pool). */
  poolIds: string[];
}

/**
 * Start graphile-worker with the app's tasks. Signals are ours to handle (see shutdown.ts), and
 * job completions are written at once: with batching on, a job that finishes while the runner
 * stops can stay locked for hours (graphile-worker 0.17/0.18).
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const log = options.log ?? ((level, message) => console.log(`[worker] ${level}: ${message}`));
  const events: WorkerEvents = new EventEmitter();
  const poolIds: string[] = [];
  events.on("pool:create", ({ workerPool }) => poolIds.push(workerPool.id));
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    taskList,
    events,
    crontab: options.cron === false ? "# no cron" : crontab,
    logger: new Logger(() => (level, message) => {
      if (level === "error" || level === "warning" || (options.verbose && level === "info")) log(level, message);
    }),
    preset: {
      worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0, gracefulShutdownAbortTimeout: 10_000 },
    },
  });
  return { runner, connectionString: options.connectionString, poolIds };
}

/**
 * Stop taking jobs and wait for the running ones. Jobs still running after `graceMs` are
 * unlocked (their attempt stays counted) so another worker retries them at once, instead of
 * waiting out graphile-worker's 4-hour stale-lock sweep.
 */
export async function stopWorker(worker: Worker, graceMs = 15_000): Promise<void> {
  const stopped = worker.runner.stop().then(
    () => "stopped" as const,
    () => "stopped" as const,
  );
  if ((await within(stopped, graceMs)) === "stopped") {
    await within(
      worker.runner.promise.catch(() => {}),
      5_000,
    );
    return;
  }
  const client = new pg.Client({ connectionString: worker.connectionString });
  await client.connect();
  try {
    await client.query("select graphile_worker.force_unlock_workers($1::text[])", [worker.poolIds]);
  } finally {
    await client.end();
  }
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
