import { taskCategories } from "./categories.ts";
import type { TaskDefinition } from "./define-task.ts";
import { recurrenceSchema } from "./recurrence.ts";

const TASK_NAME = /^[a-z][a-z0-9_]*__[a-z][a-z0-9_]*$/;

/**
 * What every registered task must declare, as a list of problems (empty when the registry is
 * sound): a graphile-worker name `entity__action` used once, a title a merchant reads, a known
 * category, and a schedule default (a valid recurrence, or `partOf` an entry task of the
 * registry). With `workerTasks`, each must also be in the worker's task list. The registry test
 * runs it on the real registry and on bad definitions, so the check itself is proven to fire.
 */
export function checkRegistry(tasks: readonly TaskDefinition[], workerTasks?: readonly string[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, TaskDefinition>();
  for (const task of tasks) {
    const name = typeof task.name === "string" ? task.name : "";
    const label = name || "(unnamed task)";
    if (!TASK_NAME.test(name)) problems.push(`${label}: name must be entity__action`);
    if (byName.has(name)) problems.push(`${label}: registered twice`);
    byName.set(name, task);
    if (typeof task.title !== "string" || task.title.trim() === "") problems.push(`${label}: no title`);
    if (typeof task.category !== "string" || !Object.hasOwn(taskCategories, task.category)) {
      problems.push(`${label}: category ${String(task.category)} is not one of runs/categories.ts`);
    }
    if (workerTasks && !workerTasks.includes(name)) problems.push(`${label}: not in the worker's task list`);
  }
  for (const task of tasks) {
    const label = task.name || "(unnamed task)";
    const schedule = task.schedule as Partial<{ recurrence: unknown; onHold: unknown; partOf: unknown }> | undefined;
    if (!schedule || typeof schedule !== "object") {
      problems.push(`${label}: no schedule default`);
    } else if ("recurrence" in schedule) {
      const parsed = recurrenceSchema.safeParse(schedule.recurrence);
      if (!parsed.success) {
        problems.push(`${label}: default recurrence is invalid (${parsed.error.issues[0]?.message})`);
      }
      if (typeof schedule.onHold !== "boolean") {
        problems.push(`${label}: default schedule does not say whether it is on hold`);
      }
    } else if ("partOf" in schedule) {
      const parent = typeof schedule.partOf === "string" ? byName.get(schedule.partOf) : undefined;
      if (!parent) problems.push(`${label}: part of ${String(schedule.partOf)}, which is not registered`);
      else if (!("recurrence" in parent.schedule)) {
        problems.push(`${label}: part of ${parent.name}, which has no entry of its own`);
      }
    } else {
      problems.push(`${label}: no schedule default`);
    }
  }
  return problems;
}
