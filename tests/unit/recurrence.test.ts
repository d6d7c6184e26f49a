import { describe, expect, it } from "vitest";

import {
  describeRecurrence,
  MINUTE_STEPS,
  nextRun,
  nextRuns,
  type Recurrence,
  recurrenceSchema,
  toCron,
} from "../../app/.server/runs/recurrence.ts";

/** Wall-clock time of an instant in a zone, "2026-03-29 03:00". */
const local = (at: Date, timeZone: string) => at.toLocaleString("sv-SE", { timeZone, hour12: false }).slice(0, 16);

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

describe("toCron", () => {
  it.each<[Recurrence, number, string]>([
    [{ kind: "minutes", every: 1 }, 7, "* * * * *"],
    [{ kind: "minutes", every: 5 }, 0, "0-59/5 * * * *"],
    [{ kind: "minutes", every: 5 }, 7, "2-59/5 * * * *"],
    [{ kind: "minutes", every: 15 }, 44, "14-59/15 * * * *"],
    [{ kind: "minutes", every: 30 }, 47, "17-59/30 * * * *"],
    [{ kind: "hourly", minute: 0 }, 7, "0 * * * *"],
    [{ kind: "hourly", minute: 45 }, 0, "45 * * * *"],
    [{ kind: "daily", time: "02:30" }, 7, "30 2 * * *"],
    [{ kind: "daily", time: "00:00" }, 0, "0 0 * * *"],
    [{ kind: "weekly", days: ["wed", "mon"], time: "09:00" }, 0, "0 9 * * 1,3"],
    [{ kind: "weekly", days: ["sun", "sat", "sun"], time: "23:59" }, 0, "59 23 * * 0,6"],
  ])("%j (spread %i) is %s", (recurrence, spread, cron) => {
    expect(toCron(recurrence, spread)).toBe(cron);
  });

  it("spreads 'every N minutes' over the N minutes of its step, one offset per shop id", () => {
    for (const every of MINUTE_STEPS.filter((n) => n > 1)) {
      const offsets = new Set(
        Array.from({ length: 240 }, (_, shopId) => {
          const first = nextRun(toCron({ kind: "minutes", every }, shopId), "UTC", new Date("2026-06-01T00:00:00Z"))!;
          return first.getUTCMinutes() % every;
        }),
      );
      expect(offsets.size, `every ${every}`).toBe(every);
    }
  });

  it("keeps the step whatever the spread: every 5 minutes runs 12 times an hour", () => {
    for (const shopId of [1, 2, 3, 4, 5, 9_999]) {
      const runs = nextRuns(toCron({ kind: "minutes", every: 5 }, shopId), "UTC", new Date("2026-06-01T00:00:00Z"), 13);
      const inHour = runs.filter((r) => r.getTime() <= Date.parse("2026-06-01T01:00:00Z"));
      expect(inHour.length, `shop ${shopId}`).toBe(12);
      for (let i = 1; i < runs.length; i += 1) expect(runs[i]!.getTime() - runs[i - 1]!.getTime()).toBe(5 * 60_000);
    }
  });
});

describe("nextRuns across daylight-saving changes", () => {
  it("Berlin spring-forward (2026-03-29): daily 02:30 runs once that day, at 03:00 local", () => {
    const runs = nextRuns(toCron({ kind: "daily", time: "02:30" }), BERLIN, new Date("2026-03-27T12:00:00Z"), 4);
    expect(runs.map((r) => local(r, BERLIN))).toEqual([
      "2026-03-28 02:30",
      "2026-03-29 03:00",
      "2026-03-30 02:30",
      "2026-03-31 02:30",
    ]);
    expect(runs.map((r) => r.toISOString())).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
  });

  it("Berlin fall-back (2026-10-25): daily 02:30 runs once that day, at the first 02:30", () => {
    const runs = nextRuns(toCron({ kind: "daily", time: "02:30" }), BERLIN, new Date("2026-10-23T12:00:00Z"), 4);
    expect(runs.map((r) => r.toISOString())).toEqual([
      "2026-10-24T00:30:00.000Z",
      "2026-10-25T00:30:00.000Z", // 02:30 CEST; the repeated 02:30 CET (01:30Z) is not a second run
      "2026-10-26T01:30:00.000Z",
      "2026-10-27T01:30:00.000Z",
    ]);
    const onTheDay = runs.filter((r) => local(r, BERLIN).startsWith("2026-10-25"));
    expect(onTheDay).toHaveLength(1);
  });

  it("New York weekly Mon/Wed 09:00 stays at 09:00 local across 2026-11-01", () => {
    const runs = nextRuns(
      toCron({ kind: "weekly", days: ["mon", "wed"], time: "09:00" }),
      NEW_YORK,
      new Date("2026-10-25T12:00:00Z"),
      4,
    );
    expect(runs.map((r) => local(r, NEW_YORK))).toEqual([
      "2026-10-26 09:00",
      "2026-10-28 09:00",
      "2026-11-02 09:00",
      "2026-11-04 09:00",
    ]);
    // EDT (UTC-4) before, EST (UTC-5) after.
    expect(runs.map((r) => r.getUTCHours())).toEqual([13, 13, 14, 14]);
  });

  it("hourly runs once every real hour, through the skipped and the repeated hour", () => {
    const cron = toCron({ kind: "hourly", minute: 15 });
    const spring = nextRuns(cron, BERLIN, new Date("2026-03-29T00:00:00Z"), 3);
    expect(spring.map((r) => local(r, BERLIN))).toEqual(["2026-03-29 01:15", "2026-03-29 03:15", "2026-03-29 04:15"]);
    const fall = nextRuns(cron, BERLIN, new Date("2026-10-25T00:00:00Z"), 4);
    expect(fall.map((r) => r.toISOString())).toEqual([
      "2026-10-25T00:15:00.000Z",
      "2026-10-25T01:15:00.000Z",
      "2026-10-25T02:15:00.000Z",
      "2026-10-25T03:15:00.000Z",
    ]);
    for (const runs of [spring, fall]) {
      for (let i = 1; i < runs.length; i += 1) expect(runs[i]!.getTime() - runs[i - 1]!.getTime()).toBe(3_600_000);
    }
  });

  it("gives times strictly after `from`", () => {
    const from = new Date("2026-06-01T10:15:00Z");
    expect(nextRun(toCron({ kind: "hourly", minute: 15 }), "UTC", from)?.toISOString()).toBe(
      "2026-06-01T11:15:00.000Z",
    );
  });
});

describe("recurrenceSchema", () => {
  const issue = (input: unknown) => {
    const parsed = recurrenceSchema.safeParse(input);
    expect(parsed.success, JSON.stringify(input)).toBe(false);
    return parsed.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  };

  it("refuses every 0 and every 7 minutes: steps must divide the hour", () => {
    const message = "must divide the hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30";
    expect(issue({ kind: "minutes", every: 0 })).toEqual([{ path: "every", message }]);
    expect(issue({ kind: "minutes", every: 7 })).toEqual([{ path: "every", message }]);
    expect(issue({ kind: "minutes", every: "abc" })).toEqual([{ path: "every", message: "must be a number" }]);
  });

  it("refuses a time of 25:00", () => {
    expect(issue({ kind: "daily", time: "25:00" })).toEqual([
      { path: "time", message: "must be a time from 00:00 to 23:59" },
    ]);
    expect(issue({ kind: "weekly", days: ["mon"], time: "12:60" })).toEqual([
      { path: "time", message: "must be a time from 00:00 to 23:59" },
    ]);
  });

  it("refuses a weekly recurrence with no weekday", () => {
    expect(issue({ kind: "weekly", days: [], time: "09:00" })).toEqual([
      { path: "days", message: "choose at least one weekday" },
    ]);
  });

  it("refuses an hourly minute outside 0–59", () => {
    expect(issue({ kind: "hourly", minute: 60 })).toEqual([{ path: "minute", message: "must be 0–59" }]);
  });

  it("accepts form input (numbers as strings) and says it back in words", () => {
    const parsed = recurrenceSchema.parse({ kind: "minutes", every: "2" });
    expect(parsed).toEqual({ kind: "minutes", every: 2 });
    expect(describeRecurrence(parsed)).toBe("Every 2 minutes");
    expect(describeRecurrence({ kind: "weekly", days: ["fri", "mon"], time: "06:00" })).toBe("Monday, Friday at 06:00");
  });
});
