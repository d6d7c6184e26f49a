import { sql } from "drizzle-orm";

import type { DbOrTx } from "../db.ts";

export interface JobSpec {
  /** Worker task identifier, `entity__action`. */
  task: string;
  payload: unknown;
  /** Jobs in one queue run one at a time (used per shop and category). */
  queueName?: string;
  /** Same key ⇒ one pending job: a burst coalesces into one run. */
  jobKey?: string;
  jobKeyMode?: "replace" | "preserve_run_at";
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
}

/**
 * Enqueue through SQL so the job commits or rolls back with the caller's transaction
 * (graphile-worker's JS addJob uses its own pool and could not join it).
 *
 * A keyed add can be lost inside graphile-worker 0.18's `add_jobs`: it first takes the key off a
 * job that is running, then inserts `on conflict (key) do update … where locked_at is null`. A
 * worker that locks the keyed job between those two statements makes the insert skip silently
 * (the function returns no job), and what this add carried (an order to import) reaches no run.
 * Asking again is safe and closes the gap: the job is locked now, so its key is taken off it and
 * a new job is made.
 */
/** Returns the job's id (a coalesced add returns the waiting job's id), or null for an unkeyed add that made none. */
export async function enqueueJob(db: DbOrTx, job: JobSpec): Promise<string | null> {
  for (let attempt = 1; ; attempt += 1) {
    const rows = await db.execute<{ id: string | null }>(sql`select (graphile_worker.add_job(
      ${job.task},
      ${JSON.stringify(job.payload)}::json,
      queue_name := ${job.queueName ?? null},
      run_at := ${job.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts := ${job.maxAttempts ?? null}::int,
      job_key := ${job.jobKey ?? null},
      priority := ${job.priority ?? null}::int,
      job_key_mode := ${job.jobKeyMode ?? "replace"}
    )).id`);
    const added = rows[0]?.id !== null && rows[0]?.id !== undefined;
    if (added || job.jobKey === undefined) return rows[0]?.id ?? null;
    if (attempt >= MAX_KEYED_ADD_ATTEMPTS) {
      throw new Error(`graphile-worker did not add ${job.task} under key ${job.jobKey} (${attempt} attempts)`);
    }
  }
}

/** A second attempt always succeeds unless a worker locks the new job in the same instant again. */
const MAX_KEYED_ADD_ATTEMPTS = 5;
