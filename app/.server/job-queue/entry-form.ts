import { z } from "zod";

import { nextRuns, type Recurrence, recurrenceSchema, toCron } from "../runs/recurrence.ts";

/** The recurrence kinds the edit form offers, in its order, with their labels. */
export const recurrenceKinds = [
  { value: "minutes", label: "Every N minutes" },
  { value: "hourly", label: "Hourly, at a minute" },
  { value: "daily", label: "Daily, at a time" },
  { value: "weekly", label: "On chosen weekdays, at a time" },
] as const;

export type EntryFormResult = { ok: true; recurrence: Recurrence } | { ok: false; fieldErrors: Record<string, string> };

/** What the form posts, flat: only the fields of the chosen kind are read. */
const formShape = z.object({
  kind: z.string().default(""),
  every: z.string().optional(),
  minute: z.string().optional(),
  time: z.string().optional(),
  days: z.array(z.string()).default([]),
});

/**
 * The edit form (or the query string of the next-runs preview) → a recurrence, or each bad
 * field's message from recurrenceSchema ("must divide the hour…", "must be a time from 00:00 to
 * 23:59", "choose at least one weekday"). Weekdays arrive as repeated `days` values.
 */
export function parseEntryForm(form: URLSearchParams | FormData): EntryFormResult {
  const raw = formShape.parse({
    kind: form.get("kind") ?? undefined,
    every: form.get("every") ?? undefined,
    minute: form.get("minute") ?? undefined,
    time: form.get("time") ?? undefined,
    days: form.getAll("days").filter((d): d is string => typeof d === "string" && d !== ""),
  });
  // An empty number field must not coerce to 0 and pass as "minute 0".
  const number = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);
  const input =
    raw.kind === "minutes"
      ? { kind: raw.kind, every: number(raw.every) }
      : raw.kind === "hourly"
        ? { kind: raw.kind, minute: number(raw.minute) }
        : raw.kind === "daily"
          ? { kind: raw.kind, time: raw.time ?? "" }
          : { kind: raw.kind, time: raw.time ?? "", days: raw.days };
  const parsed = recurrenceSchema.safeParse(input);
  if (parsed.success) return { ok: true, recurrence: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "kind");
    const given = (input as Record<string, unknown>)[field];
    fieldErrors[field] ??= issue.code === "invalid_type" && given === undefined ? "is required" : issue.message;
  }
  return { ok: false, fieldErrors };
}

/** A recurrence as the form shows it: every field of every kind, the chosen kind's set. */
export function entryFormValues(recurrence: Recurrence): Record<string, string | string[]> {
  return {
    kind: recurrence.kind,
    every: recurrence.kind === "minutes" ? String(recurrence.every) : "5",
    minute: recurrence.kind === "hourly" ? String(recurrence.minute) : "0",
    time: recurrence.kind === "daily" || recurrence.kind === "weekly" ? recurrence.time : "06:00",
    days: recurrence.kind === "weekly" ? [...recurrence.days] : ["mon", "tue", "wed", "thu", "fri"],
  };
}

/** The next `count` run times of a recurrence for a shop, in its zone (the entry's own cron spread). */
export function upcomingRuns(input: {
  recurrence: Recurrence;
  shopId: number;
  timezone: string;
  from: Date;
  count?: number;
}): Date[] {
  return nextRuns(toCron(input.recurrence, input.shopId), input.timezone, input.from, input.count ?? 5);
}
