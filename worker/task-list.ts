import type { TaskList } from "graphile-worker";

import { toWorkerTask } from "../app/.server/runs/execute-run.ts";
import { taskRegistry } from "../app/.server/tasks/registry.ts";
import { cronTick } from "./tasks/cron__tick.ts";
import { webhookProcess } from "./tasks/webhook__process.ts";

/**
 * Every task the worker runs, by identifier (`entity__action`): the registry's sync tasks, plus
 * the two system tasks that are not a merchant's (webhook follow-up, the minute tick).
 */
export const taskList: TaskList = {
  ...Object.fromEntries(taskRegistry.map((task) => [task.name, toWorkerTask(task)])),
  cron__tick: cronTick,
  webhook__process: webhookProcess,
};

/**
 * UTC, graphile-worker crontab syntax: one line, the minute tick. The merchants' schedules are
 * job-queue entries (in each shop's time zone) that the tick enqueues, not crontab lines.
 */
export const crontab = ["* * * * * cron__tick ?id=cron_tick&fill=2m&max=3"].join("\n");
