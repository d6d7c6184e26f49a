import { type ShopSettings, shopSettingsSchema } from "../domain/settings-schema.ts";
import type { SettingRequirement, TaskDefinition } from "./define-task.ts";

function valueAt(settings: unknown, path: readonly string[]): unknown {
  let value: unknown = settings;
  for (const key of path) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** The reason a task's setting requirement is not met for these settings, or null. */
export function unmetSetting(task: TaskDefinition, settings: ShopSettings): string | null {
  const requirement = task.requires?.setting;
  if (!requirement) return null;
  return requirement.oneOf.includes(String(valueAt(settings, requirement.path))) ? null : requirement.reason;
}

/**
 * The requirement as the tick checks it in SQL against the stored JSON: the path, the values, and
 * the default a shop gets when its stored settings lack the key.
 */
export function settingCheck(requirement: SettingRequirement): { path: string[]; oneOf: string[]; fallback: string } {
  return {
    path: [...requirement.path],
    oneOf: [...requirement.oneOf],
    fallback: String(valueAt(shopSettingsSchema.parse({}), requirement.path)),
  };
}
