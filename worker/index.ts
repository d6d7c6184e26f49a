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
const config = getConfig();

// Started before the signal handlers are in place, but awaited by them: the runner can lock a job
// before startWorker returns (the heartbeat starts after it), and a SIGTERM in that window must
// still finish or release that job instead of killing the process with the job locked.
const database = resolveDatabase(log);
const worker = database.then((db) =>
  startWorker({
    connectionString: db.url,
    concurrency: config.WORKER_CONCURRENCY,
    verbose: config.LOG_LEVEL === "info" || config.LOG_LEVEL === "debug",
    heartbeatMs: config.WORKER_HEARTBEAT_MS,
    deadAfterMs: config.WORKER_DEAD_AFTER_MS,
  }),
);

shutdownOnSignals(
  [
    { name: "worker", run: async () => stopWorker(await worker, config.WORKER_SHUTDOWN_GRACE_MS) },
    { name: "database pool", run: closeDb },
    { name: "database", run: async () => (await database).stop() },
  ],
  log,
);

const running = await worker;
log(`running with concurrency ${config.WORKER_CONCURRENCY}`);

// If the worker dies on its own (lost database, graphile-worker#636), exit so a supervisor restarts us.
running.runner.promise.catch((error: unknown) => {
  log(`worker stopped unexpectedly: ${coerceError(error).message}`);
  process.exit(1);
});
