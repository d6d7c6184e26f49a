import type { TaskList } from "graphile-worker";

import { cronTick } from "./tasks/cron__tick.ts";
import { documentsPost } from "./tasks/documents__post.ts";
import { ordersImport } from "./tasks/orders__import.ts";
import { ordersProcess } from "./tasks/orders__process.ts";
import { ordersProcessPending } from "./tasks/orders__process_pending.ts";
import { ordersReconcile } from "./tasks/orders__reconcile.ts";
import { shipmentsSync } from "./tasks/shipments__sync.ts";
import { webhookProcess } from "./tasks/webhook__process.ts";

/** Every task the worker runs, by identifier (`entity__action`). */
export const taskList: TaskList = {
  cron__tick: cronTick,
  documents__post: documentsPost,
  orders__import: ordersImport,
  orders__process: ordersProcess,
  orders__process_pending: ordersProcessPending,
  orders__reconcile: ordersReconcile,
  shipments__sync: shipmentsSync,
  webhook__process: webhookProcess,
};

/** UTC, graphile-worker crontab syntax. Each line has a fixed id so schedules survive renames. */
export const crontab = ["* * * * * cron__tick ?id=cron_tick&fill=2m&max=3"].join("\n");
