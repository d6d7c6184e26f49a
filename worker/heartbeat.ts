import os from "node:os";

import type pg from "pg";

import { coerceError } from "../app/.server/errors/coerce-error.ts";

export interface HeartbeatOptions {
  pool: pg.Pool;
  /** graphile-worker's worker pool ids of this process: what its jobs are `locked_by`. */
  workerIds: string[];
  /** How often this process records that it is alive (and sweeps, at twice this interval). */
  intervalMs: number;
  /** A worker silent for longer than this is dead: its jobs are released to the others. */
  deadAfterMs: number;
  log: (level: string, message: string) => void;
}

export interface Heartbeat {
  /** Stop the timers and delete this process's rows (a clean stop is not a death). */
  stop(): Promise<void>;
  /** One sweep now; resolves to the worker ids whose jobs were released. */
  sweep(): Promise<string[]>;
}

/**
 * Liveness for any number of worker processes on any number of machines sharing one database
 * (ADR 010). graphile-worker only frees a crashed worker's locks after 4 hours; here every
 * process records a heartbeat, and every process sweeps: the jobs and queues of a worker whose
 * heartbeat is older than `deadAfterMs`, or locked for that long by an id with no heartbeat at
 * all, are unlocked with graphile-worker's own `force_unlock_workers`, so they run again at once.
 * A live worker is never swept: its heartbeat is at most `intervalMs` old. All times are the
 * database's clock, so machines' clocks need not agree.
 */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const { pool, workerIds, log } = options;
  const host = os.hostname();
  const deadAfter = `${options.deadAfterMs} milliseconds`;

  const beat = async () => {
    await pool.query(
      `insert into worker_heartbeats (worker_id, host, pid)
         select unnest($1::text[]), $2, $3
       on conflict (worker_id) do update set last_seen_at = now(), host = excluded.host, pid = excluded.pid`,
      [workerIds, host, process.pid],
    );
  };

  const sweep = async (): Promise<string[]> => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const silent = await client.query<{ worker_id: string }>(
        `delete from worker_heartbeats where last_seen_at < now() - $1::interval and not (worker_id = any($2::text[]))
         returning worker_id`,
        [deadAfter, workerIds],
      );
      // Jobs locked by an id that never had a heartbeat (a worker without this mechanism, or one
      // killed before its first beat), once their lock is older than the dead-after time.
      const unknown = await client.query<{ locked_by: string }>(
        `select distinct locked_by from graphile_worker.jobs j
          where j.locked_by is not null and j.locked_at < now() - $1::interval
            and not exists (select 1 from worker_heartbeats h where h.worker_id = j.locked_by)`,
        [deadAfter],
      );
      const dead = [...new Set([...silent.rows.map((r) => r.worker_id), ...unknown.rows.map((r) => r.locked_by)])];
      if (dead.length > 0) {
        // A dead worker's job never finished its attempt, so it gets one more even when its count
        // says it is spent. graphile-worker also spends it on purpose: a new add under a running
        // job's key sets that job's attempts to the maximum, and the key-less job would then never
        // run again — with the orders of an interrupted import in its payload.
        await client.query(
          `update graphile_worker._private_jobs set attempts = least(attempts, max_attempts - 1)
            where locked_by = any($1::text[]) and attempts >= max_attempts`,
          [dead],
        );
        await client.query("select graphile_worker.force_unlock_workers($1::text[])", [dead]);
      }
      await client.query("commit");
      if (dead.length > 0) log("warning", `released the jobs of dead workers ${dead.join(", ")}`);
      return dead;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  // A failed beat or sweep (database restarting, say) is one log line; the next tick tries again.
  const guarded = (what: string, run: () => Promise<unknown>) => () => {
    run().catch((error: unknown) =>
      log("error", `worker ${what} failed: ${coerceError(error).message}`),
    );
  };
  await beat();
  const beatTimer = setInterval(guarded("heartbeat", beat), options.intervalMs);
  const sweepTimer = setInterval(guarded("dead-worker sweep", sweep), options.intervalMs * 2);
  // Sweep once at start too: a worker restarted after a crash frees its predecessor's jobs early.
  guarded("dead-worker sweep", sweep)();

  return {
    sweep,
    stop: async () => {
      clearInterval(beatTimer);
      clearInterval(sweepTimer);
      await pool.query("delete from worker_heartbeats where worker_id = any($1::text[])", [workerIds]);
    },
  };
}
