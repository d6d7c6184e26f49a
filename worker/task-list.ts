import type { TaskList } from "graphile-worker";

import { cronTick } from "./tasks/cron__tick.ts";
import { webhookProcess } from "./tasks/webhook__process.ts";

/** Every task the worker runs, by identifier (`entity__action`). */
export const taskList: TaskList = {
  cron__tick: cronTick,
  webhook__process: webhookProcess,
};

/** UTC, graphile-worker crontab syntax. Each line has a fixed id so schedules survive renames. */
export const crontab = ["* * * * * cron__tick ?id=cron_tick&fill=2m&max=3"].join("\n");
