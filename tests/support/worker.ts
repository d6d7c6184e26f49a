import { Logger, runOnce, type TaskList } from "graphile-worker";
import type { Sql } from "postgres";

import { taskList } from "../../worker/task-list.ts";

/** Run every job that is due, with the real tasks (or the ones given), then return (graphile-worker's runOnce). */
export async function drainJobs(connectionString: string, tasks: TaskList = taskList): Promise<void> {
  await runOnce({
    connectionString,
    taskList: tasks,
    logger: new Logger(() => () => {}),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
}

/**
 * Every due job with the real task list, delayed ones made due, until the queue is quiet (the
 * minute tick aside); throws when jobs keep coming after ten rounds.
 */
export async function drainAllJobs(db: { url: string; sql: Sql }): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    await db.sql`update graphile_worker._private_jobs set run_at = now() where run_at > now()`;
    await drainJobs(db.url);
    const [left] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs where attempts < max_attempts and task_identifier <> 'cron__tick'`;
    if (left!.n === 0) return;
  }
  throw new Error("jobs did not settle");
}
