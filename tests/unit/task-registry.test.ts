import { describe, expect, it } from "vitest";
import { z } from "zod";

import { checkRegistry } from "../../app/.server/runs/check-registry.ts";
import { defineTask, type TaskDefinition } from "../../app/.server/runs/define-task.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { taskList } from "../../worker/task-list.ts";

const good = defineTask({
  name: "things__sync",
  title: "Sync things",
  description: "A definition every check passes.",
  report: null,
  direction: "both",
  category: "catalog",
  payload: z.looseObject({ shopId: z.number() }),
  schedule: { recurrence: { kind: "minutes", every: 5 }, onHold: false },
  run: async () => {},
});

/** A copy of the good definition with one field broken (the cast is the point: the types forbid it). */
const broken = (change: Record<string, unknown>) => ({ ...good, ...change }) as unknown as TaskDefinition;

describe("the task registry", () => {
  it("has a sound definition for every registered task, each in the worker's task list", () => {
    expect(taskRegistry.length).toBeGreaterThanOrEqual(5);
    expect(checkRegistry(taskRegistry, Object.keys(taskList))).toEqual([]);
  });

  it("has an entry (a recurrence) for the tasks a merchant schedules and partOf for the webhook import", () => {
    const withEntry = taskRegistry.filter((t) => "recurrence" in t.schedule).map((t) => t.name);
    expect(withEntry).toEqual([
      "orders__reconcile",
      "orders__process",
      "refunds__process",
      "payments__sync",
      "shipments__sync",
      "documents__post",
      "products__sync",
      "prices__sync",
      "images__sync",
      "inventory__sync",
      "inventory__drift",
      "customers__sync",
      "companies__sync",
    ]);
    expect(taskRegistry.find((t) => t.name === "orders__import")?.schedule).toEqual({ partOf: "orders__reconcile" });
  });

  it("passes a good definition", () => {
    expect(checkRegistry([good], ["things__sync"])).toEqual([]);
  });

  it.each([
    ["no title", { title: "" }, /no title/],
    ["a blank title", { title: "   " }, /no title/],
    ["no category", { category: undefined }, /category undefined is not one/],
    ["an unknown category", { category: "everything" }, /category everything is not one/],
    ["no schedule", { schedule: undefined }, /no schedule default/],
    ["an empty schedule", { schedule: {} }, /no schedule default/],
    [
      "every 7 minutes",
      { schedule: { recurrence: { kind: "minutes", every: 7 }, onHold: false } },
      /recurrence is invalid/,
    ],
    [
      "a time of 25:00",
      { schedule: { recurrence: { kind: "daily", time: "25:00" }, onHold: false } },
      /recurrence is invalid/,
    ],
    ["no hold flag", { schedule: { recurrence: { kind: "hourly", minute: 0 } } }, /on hold/],
    ["partOf an unknown task", { schedule: { partOf: "nothing__here" } }, /nothing__here, which is not registered/],
    ["a name that is not entity__action", { name: "sync-things" }, /entity__action/],
  ])("refuses a definition with %s", (_what, change, problem) => {
    const problems = checkRegistry([broken(change)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("refuses partOf a task that has no entry of its own", () => {
    const part = broken({ name: "things__part", schedule: { partOf: "other__part" } });
    const other = broken({ name: "other__part", schedule: { partOf: "things__sync" } });
    expect(checkRegistry([good, part, other])).toEqual([
      "things__part: part of other__part, which has no entry of its own",
    ]);
  });

  it("refuses a name registered twice", () => {
    expect(checkRegistry([good, good])).toEqual(["things__sync: registered twice"]);
  });

  it("refuses a task missing from the worker's task list", () => {
    expect(checkRegistry([good], ["other__task"])).toEqual(["things__sync: not in the worker's task list"]);
  });
});
