import { Cron } from "croner";
import { z } from "zod";

/**
 * When a job-queue entry runs, as a merchant sets it. Every kind becomes a cron expression read in
 * the shop's time zone by croner (a kept library: time zones, daylight-saving gaps and repeats),
 * never minute arithmetic of our own. "Every N minutes" takes the divisors of 60 so that it is one
 * cron step: 7 would run at :56 and again at :00.
 */
export const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30] as const;
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time from 00:00 to 23:59");

export const recurrenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("minutes"),
    every: z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .refine((n) => (MINUTE_STEPS as readonly number[]).includes(n), {
        message: `must divide the hour: ${MINUTE_STEPS.join(", ")}`,
      }),
  }),
  z.object({
    kind: z.literal("hourly"),
    minute: z.coerce
      .number("must be a number")
      .int("must be a whole number")
      .min(0, "must be 0–59")
      .max(59, "must be 0–59"),
  }),
  z.object({ kind: z.literal("daily"), time }),
  z.object({
    kind: z.literal("weekly"),
    days: z.array(z.enum(weekdays)).min(1, "choose at least one weekday"),
    time,
  }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

const CRON_DAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/**
 * The cron expression of a recurrence. `spread` (the shop id) shifts "every N minutes" within its
 * step, so ten thousand shops on "every 5 minutes" do not all start in the same minute.
 */
export function toCron(recurrence: Recurrence, spread = 0): string {
  switch (recurrence.kind) {
    case "minutes": {
      const offset = Math.abs(spread) % recurrence.every;
      return recurrence.every === 1 ? "* * * * *" : `${offset}-59/${recurrence.every} * * * *`;
    }
    case "hourly":
      return `${recurrence.minute} * * * *`;
    case "daily": {
      const [h, m] = recurrence.time.split(":").map(Number);
      return `${m} ${h} * * *`;
    }
    case "weekly": {
      const [h, m] = recurrence.time.split(":").map(Number);
      const days = [...new Set(recurrence.days.map((d) => CRON_DAY[d]))].sort((a, b) => a - b);
      return `${m} ${h} * * ${days.join(",")}`;
    }
  }
}

/** Parsed expressions, shared: the tick asks for the same few (cron, zone) pairs for every shop. */
const parsed = new Map<string, Cron>();

function cronOf(expression: string, timezone: string): Cron {
  const key = `${timezone} ${expression}`;
  let cron = parsed.get(key);
  if (!cron) {
    cron = new Cron(expression, { timezone, paused: true });
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(key, cron);
  }
  return cron;
}

/** The next `count` times strictly after `from`. */
export function nextRuns(expression: string, timezone: string, from: Date, count: number): Date[] {
  return cronOf(expression, timezone).nextRuns(count, from);
}

export function nextRun(expression: string, timezone: string, from: Date): Date | null {
  return cronOf(expression, timezone).nextRun(from);
}

/** A time zone croner (Intl) knows, or UTC: a shop's zone comes from Shopify and is trusted, but checked. */
export function knownTimezone(timezone: string | null | undefined): string {
  if (!timezone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return timezone;
  } catch {
    return "UTC";
  }
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

/** What the Job queue page says: "Every 5 minutes", "Daily at 02:30", "Monday, Friday at 06:00". */
export function describeRecurrence(recurrence: Recurrence): string {
  switch (recurrence.kind) {
    case "minutes":
      return recurrence.every === 1 ? "Every minute" : `Every ${recurrence.every} minutes`;
    case "hourly":
      return `Hourly at minute ${recurrence.minute}`;
    case "daily":
      return `Daily at ${recurrence.time}`;
    case "weekly":
      return `${weekdays
        .filter((d) => recurrence.days.includes(d))
        .map((d) => DAY_NAMES[d])
        .join(", ")} at ${recurrence.time}`;
  }
}
