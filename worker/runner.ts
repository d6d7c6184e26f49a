import { EventEmitter } from "node:events";

import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";

import { getDb } from "../app/.server/db.ts";
import { ensureEntries } from "../app/.server/runs/entries.ts";
import { taskRegistry } from "../app/.server/tasks/registry.ts";
import { type Heartbeat, startHeartbeat } from "./heartbeat.ts";
import { crontab, taskList } from "./task-list.ts";

export interface WorkerOptions {
  connectionString: string;
  concurrency: number;
  /** Run the cron tick (off in tests that drive time themselves). */
  cron?: boolean;
  /** Also log each job's start/completion (graphile-worker's info level). Default: warnings and errors. */
  verbose?: boolean;
  log?: (level: string, message: string) => void;
  /** Heartbeat interval and dead-worker threshold (worker/heartbeat.ts); defaults 15 s and 60 s. */
  heartbeatMs?: number;
  deadAfterMs?: number;
}

export interface Worker {
  runner: Runner;
  connectionString: string;
  /** Ids graphile-worker locks jobs with (one per worker pool). */
  poolIds: string[];
  /** The worker's own pg pool (graphile-worker's queries and the heartbeat). */
  pgPool: pg.Pool;
  closePool: () => Promise<void>;
  heartbeat: Heartbeat;
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
  // graphile-worker locks jobs and queues with the worker pool's id (batchGetJobs(…, workerPool.id)).
  events.on("pool:create", ({ workerPool }) => poolIds.push(workerPool.id));
  if (options.cron !== false) {
    // A task added by an upgrade gets its entry in every shop that already has a job queue.
    await ensureEntries(getDb(), { tasks: taskRegistry, now: new Date() });
  }
  const { pool: pgPool, close: closePool } = createWorkerPool(options.connectionString, options.concurrency, log);
  const runner = await run({
    pgPool,
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
  const heartbeat = await startHeartbeat({
    pool: pgPool,
    workerIds: poolIds,
    intervalMs: options.heartbeatMs ?? 15_000,
    deadAfterMs: options.deadAfterMs ?? 60_000,
    log,
  }).catch(async (error: unknown) => {
    await runner.stop().catch(() => {});
    await closePool();
    throw error;
  });
  return { runner, connectionString: options.connectionString, poolIds, pgPool, closePool, heartbeat };
}

/**
 * The pool graphile-worker runs on, made here so it has error handlers: a database that goes
 * away is a log line (graphile-worker reconnects, or the runner ends and index.ts exits), never an
 * unhandled 'error' event that crashes the process. `close` waits until every connection has
 * really closed: pg's `pool.end()` resolves once it has asked them to, and a Postgres stopped
 * right after would still find them open.
 */
function createWorkerPool(
  connectionString: string,
  concurrency: number,
  log: (level: string, message: string) => void,
): { pool: pg.Pool; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: Math.max(10, concurrency + 4) });
  const open = new Set<Promise<void>>();
  let closing = false;
  const onError = (error: Error) => {
    if (!closing) log("error", `database connection lost: ${error.message}`);
  };
  pool.on("error", onError);
  pool.on("connect", (client) => {
    client.on("error", onError);
    const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
    open.add(ended);
    void ended.then(() => open.delete(ended));
  });
  const close = async () => {
    closing = true;
    // A job still running after the unlock holds a client; do not wait for it.
    await within(
      pool.end().catch(() => {}),
      2_000,
    );
    await within(Promise.all(open), 2_000);
  };
  return { pool, close };
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
  try {
    if ((await within(stopped, graceMs)) === "stopped") {
      await within(
        worker.runner.promise.catch(() => {}),
        5_000,
      );
    } else {
      await worker.pgPool.query("select graphile_worker.force_unlock_workers($1::text[])", [worker.poolIds]);
    }
    await worker.heartbeat.stop();
  } finally {
    await worker.closePool();
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
