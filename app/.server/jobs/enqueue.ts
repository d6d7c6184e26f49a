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
 */
export async function enqueueJob(db: DbOrTx, job: JobSpec): Promise<void> {
  await db.execute(sql`select graphile_worker.add_job(
    ${job.task},
    ${JSON.stringify(job.payload)}::json,
    queue_name := ${job.queueName ?? null},
    run_at := ${job.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts := ${job.maxAttempts ?? null}::int,
    job_key := ${job.jobKey ?? null},
    priority := ${job.priority ?? null}::int,
    job_key_mode := ${job.jobKeyMode ?? "replace"}
  )`);
}
