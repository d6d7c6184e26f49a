import { Logger, runOnce } from "graphile-worker";

import { taskList } from "../../worker/task-list.ts";

/** Run every job that is due, with the real tasks, then return (graphile-worker's runOnce). */
export async function drainJobs(connectionString: string): Promise<void> {
  await runOnce({
    connectionString,
    taskList,
    logger: new Logger(() => () => {}),
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
}
