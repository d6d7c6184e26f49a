import { z } from "zod";

import { getDb } from "../db.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopSettings } from "../queries/shops.ts";
import { enqueueRun } from "../runs/enqueue-run.ts";
import { type EntryRow, entryTasks, holdAllEntries, listEntries, updateEntry } from "../runs/entries.ts";
import { describeRecurrence } from "../runs/recurrence.ts";
import { findTask, taskRegistry } from "../tasks/registry.ts";
import { entryFormValues, parseEntryForm, upcomingRuns } from "./entry-form.ts";

/** A task name from the URL or a form: only entry tasks of the registry. */
export const entryTaskName = z
  .string()
  .max(100)
  .refine((name) => entryTasks(taskRegistry).some(({ task }) => task.name === name), "is not a task of the job queue");

/** The Job queue page's buttons. */
export const jobQueueActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("run"), task: entryTaskName }),
  z.object({ intent: z.literal("preview"), task: entryTaskName }),
  z.object({ intent: z.literal("hold"), task: entryTaskName }),
  z.object({ intent: z.literal("resume"), task: entryTaskName }),
  z.object({ intent: z.literal("hold-all") }),
  z.object({ intent: z.literal("resume-all") }),
]);
export type JobQueueAction = z.infer<typeof jobQueueActionSchema>;

export type JobQueueActionResult =
  | {
      ok: true;
      message: string;
      started?: { jobId: string; task: string; title: string; dryRun: boolean; background: boolean };
    }
  | { ok: false; message: string };

/**
 * Run now / Preview queue a one-off run of the task under its job key (so it coalesces with a
 * run already waiting, whose id is returned). It always runs in the worker: with background
 * syncs on the merchant gets a toast and goes on; off, the page watches its progress. Either
 * way, leaving the page does not stop it.
 */
export async function performJobQueueAction(
  shopId: number,
  action: JobQueueAction,
  options: { now?: Date } = {},
): Promise<JobQueueActionResult> {
  const db = getDb();
  const now = options.now ?? new Date();
  switch (action.intent) {
    case "run":
    case "preview": {
      const task = findTask(action.task);
      if (!task) return { ok: false, message: "That task is not in the job queue." };
      const dryRun = action.intent === "preview";
      const [jobId, settings] = await Promise.all([
        enqueueRun(db, task, { shopId, trigger: "manual", dryRun }),
        getShopSettings(db, shopId),
      ]);
      if (jobId === null) return { ok: false, message: `${task.title} could not be queued.` };
      const background = settings.allowBackgroundSyncs;
      const what = dryRun ? `Preview of ${task.title}` : task.title;
      return {
        ok: true,
        message: background ? `${what} started in the background` : `${what} started`,
        started: { jobId, task: task.name, title: task.title, dryRun, background },
      };
    }
    case "hold":
    case "resume": {
      const onHold = action.intent === "hold";
      const found = await updateEntry(db, { shopId, task: action.task, onHold, now, by: "merchant" });
      const title = findTask(action.task)?.title ?? action.task;
      if (!found) return { ok: false, message: "That entry does not exist." };
      return { ok: true, message: onHold ? `${title} is on hold` : `${title} resumed` };
    }
    case "hold-all":
    case "resume-all": {
      const onHold = action.intent === "hold-all";
      if (onHold) await holdAllEntries(db, { shopId, onHold, now });
      else {
        // Resuming recomputes each entry's next run from now (a held entry's time is long past).
        for (const entry of await listEntries(db, shopId)) {
          await updateEntry(db, { shopId, task: entry.task, onHold: false, now, by: "merchant" });
        }
      }
      return { ok: true, message: onHold ? "Every entry is on hold" : "Every entry resumed" };
    }
  }
}

export interface EntryEditPage {
  task: string;
  title: string;
  description: string;
  onHold: boolean;
  recurrence: string;
  values: Record<string, string | string[]>;
  timeZone: string;
  upcoming: string[];
}

async function findEntry(shopId: number, task: string): Promise<EntryRow | undefined> {
  return (await listEntries(getDb(), shopId)).find((e) => e.task === task);
}

/** The edit form of one entry, with its next five runs. Null for an entry the shop does not have. */
export async function loadEntryEdit(shopId: number, taskName: string, options: { now?: Date } = {}) {
  const task = findTask(taskName);
  const entry = await findEntry(shopId, taskName);
  if (!task || !entry) return null;
  const now = options.now ?? new Date();
  const page: EntryEditPage = {
    task: task.name,
    title: task.title,
    description: task.description,
    onHold: entry.onHold,
    recurrence: describeRecurrence(entry.recurrence),
    values: entryFormValues(entry.recurrence),
    timeZone: entry.timezone,
    upcoming: upcomingRuns({ recurrence: entry.recurrence, shopId, timezone: entry.timezone, from: now }).map((d) =>
      formatDateTime(d, entry.timezone),
    ),
  };
  return page;
}

export type NextRunsPreview =
  | { ok: true; recurrence: string; upcoming: string[]; upcomingAt: string[] }
  | { ok: false; fieldErrors: Record<string, string> };

/** The next five runs of the form's current values, in the entry's zone, nothing saved. */
export async function previewNextRuns(
  shopId: number,
  taskName: string,
  form: URLSearchParams | FormData,
  options: { now?: Date } = {},
): Promise<NextRunsPreview | null> {
  const entry = await findEntry(shopId, taskName);
  if (!entry) return null;
  const parsed = parseEntryForm(form);
  if (!parsed.ok) return parsed;
  const runs = upcomingRuns({
    recurrence: parsed.recurrence,
    shopId,
    timezone: entry.timezone,
    from: options.now ?? new Date(),
  });
  return {
    ok: true,
    recurrence: describeRecurrence(parsed.recurrence),
    upcoming: runs.map((d) => formatDateTime(d, entry.timezone)),
    upcomingAt: runs.map((d) => d.toISOString()),
  };
}

export type SaveEntryResult = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string> };

/** Save the edit form: refused with each field's message, nothing written, when it does not parse. */
export async function saveEntryForm(
  shopId: number,
  taskName: string,
  form: FormData,
  options: { now?: Date } = {},
): Promise<SaveEntryResult | null> {
  const parsed = parseEntryForm(form);
  if (!parsed.ok) return parsed;
  const saved = await updateEntry(getDb(), {
    shopId,
    task: taskName,
    recurrence: parsed.recurrence,
    now: options.now ?? new Date(),
    by: "merchant",
  });
  if (!saved) return null;
  return { ok: true, message: `${findTask(taskName)?.title ?? taskName}: ${describeRecurrence(parsed.recurrence)}` };
}
