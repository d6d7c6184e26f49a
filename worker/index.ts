/**
 * `npm run worker`: graphile-worker with the app's tasks, against DATABASE_URL (or the embedded
 * Postgres). Run as many of these as you like, on as many machines; jobs are shared through Postgres.
 */
import { getConfig } from "../app/.server/config.ts";
import { closeDb } from "../app/.server/db.ts";
import { coerceError } from "../app/.server/errors/coerce-error.ts";
import { shutdownOnSignals } from "../app/.server/process/shutdown.ts";
import { resolveDatabase } from "../db/resolve-database.ts";
import { startWorker, stopWorker } from "./runner.ts";

const log = (line: string) => console.log(`[worker] ${line}`);
const database = await resolveDatabase(log);
const config = getConfig();
const worker = await startWorker({
  connectionString: database.url,
  concurrency: config.WORKER_CONCURRENCY,
  verbose: config.LOG_LEVEL === "info" || config.LOG_LEVEL === "debug",
  heartbeatMs: config.WORKER_HEARTBEAT_MS,
  deadAfterMs: config.WORKER_DEAD_AFTER_MS,
});
log(`running with concurrency ${config.WORKER_CONCURRENCY}`);

shutdownOnSignals(
  [
    { name: "worker", run: () => stopWorker(worker, config.WORKER_SHUTDOWN_GRACE_MS) },
    { name: "database pool", run: closeDb },
    { name: "database", run: database.stop },
  ],
  log,
);

// If the worker dies on its own (lost database, graphile-worker#636), exit so a supervisor restarts us.
worker.runner.promise.catch((error: unknown) => {
  log(`worker stopped unexpectedly: ${coerceError(error).message}`);
  process.exit(1);
});
