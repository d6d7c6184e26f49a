import { taskRegistry } from "../tasks/registry.ts";

/** The registry's tasks as the run history's task filter offers them. */
export const taskOptions = taskRegistry.map((task) => ({ value: task.name, label: task.title }));

/** A run's task as a merchant reads it; the identifier itself for a task no longer registered. */
export function taskTitle(name: string): string {
  return taskRegistry.find((task) => task.name === name)?.title ?? name;
}
