import { describe, expect, it } from "vitest";

import type { ErpCapabilities } from "../../app/.server/adapters/erp/port.ts";
import { unavailableReason } from "../../app/.server/job-queue/availability.ts";
import { entryFormValues, parseEntryForm, upcomingRuns } from "../../app/.server/job-queue/entry-form.ts";
import { describeCounts, formatDuration } from "../../app/.server/job-queue/run-labels.ts";
import { documentsPostTask } from "../../app/.server/tasks/documents-post/task.ts";
import { ordersSyncTask } from "../../app/.server/tasks/orders-sync/task.ts";
import { shipmentsSyncTask } from "../../app/.server/tasks/shipments-sync/task.ts";
import { settings } from "./orders-process/imported-order-factory.ts";

const form = (entries: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(entries)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params;
};

describe("the job-queue entry form", () => {
  it.each([
    [
      { kind: "minutes", every: "2" },
      { kind: "minutes", every: 2 },
    ],
    [
      { kind: "hourly", minute: "0" },
      { kind: "hourly", minute: 0 },
    ],
    [
      { kind: "daily", time: "02:30" },
      { kind: "daily", time: "02:30" },
    ],
    [
      { kind: "weekly", days: ["fri", "mon"], time: "06:00" },
      { kind: "weekly", days: ["fri", "mon"], time: "06:00" },
    ],
    // Fields of other kinds are ignored, whatever they hold.
    [
      { kind: "daily", time: "23:59", every: "0", minute: "99" },
      { kind: "daily", time: "23:59" },
    ],
  ])("reads %j", (input, recurrence) => {
    expect(parseEntryForm(form(input))).toEqual({ ok: true, recurrence });
  });

  it.each([
    [{ kind: "minutes", every: "0" }, "every", "must divide the hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30"],
    [{ kind: "minutes", every: "7" }, "every", "must divide the hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30"],
    [{ kind: "minutes", every: "" }, "every", "is required"],
    [{ kind: "minutes", every: "2.5" }, "every", "must be a whole number"],
    [{ kind: "hourly", minute: "60" }, "minute", "must be 0–59"],
    [{ kind: "daily", time: "25:00" }, "time", "must be a time from 00:00 to 23:59"],
    [{ kind: "daily", time: "" }, "time", "must be a time from 00:00 to 23:59"],
    [{ kind: "weekly", time: "06:00" }, "days", "choose at least one weekday"],
    [{ kind: "weekly", time: "06:00", days: ["someday"] }, "days", expect.any(String)],
  ])("refuses %j at %s with the schema's message", (input, field, message) => {
    const result = parseEntryForm(form(input));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors[field]).toEqual(message);
  });

  it("refuses a kind it does not know", () => {
    const result = parseEntryForm(form({ kind: "yearly" }));
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.fieldErrors)).toEqual(["kind"]);
  });

  it("fills every kind's fields from a recurrence, so switching kinds starts from sensible values", () => {
    expect(entryFormValues({ kind: "minutes", every: 15 })).toEqual({
      kind: "minutes",
      every: "15",
      minute: "0",
      time: "06:00",
      days: ["mon", "tue", "wed", "thu", "fri"],
    });
    const weekly = entryFormValues({ kind: "weekly", days: ["sat"], time: "08:15" });
    expect(parseEntryForm(form(weekly))).toEqual({
      ok: true,
      recurrence: { kind: "weekly", days: ["sat"], time: "08:15" },
    });
  });

  it("shows the next five runs in the shop's zone: every 2 minutes is 2 minutes apart", () => {
    const from = new Date("2026-03-29T00:55:30Z");
    const runs = upcomingRuns({
      recurrence: { kind: "minutes", every: 2 },
      shopId: 7,
      timezone: "Europe/Berlin",
      from,
    });
    expect(runs).toHaveLength(5);
    expect(runs.slice(1).map((run, i) => run.getTime() - runs[i]!.getTime())).toEqual([
      120_000, 120_000, 120_000, 120_000,
    ]);
    expect(runs[0]!.getTime()).toBeGreaterThan(from.getTime());
    expect(runs[0]!.getTime() - from.getTime()).toBeLessThanOrEqual(120_000);
  });

  it("reads a daily time in the shop's zone, across the spring-forward night", () => {
    const runs = upcomingRuns({
      recurrence: { kind: "daily", time: "06:00" },
      shopId: 1,
      timezone: "Europe/Berlin",
      from: new Date("2026-03-28T12:00:00Z"),
      count: 2,
    });
    // 06:00 CET is 05:00Z; after the change to CEST 06:00 is 04:00Z.
    expect(runs.map((d) => d.toISOString())).toEqual(["2026-03-29T04:00:00.000Z", "2026-03-30T04:00:00.000Z"]);
  });
});

describe("whether a task is available to the shop", () => {
  const caps = (overrides: Partial<ErpCapabilities> = {}): ErpCapabilities => ({
    perLocationStock: false,
    stockCalculations: [],
    priceLists: false,
    trackingNumbers: false,
    barcodes: false,
    companies: false,
    webhooks: false,
    posting: true,
    itemPictures: false,
    variantPictures: false,
    itemWrites: false,
    itemDetails: false,
    batchSize: 100,
    maxConcurrency: 5,
    maxPageSize: 100,
    ...overrides,
  });

  it("asks a task that needs an ERP for a connection, and one that needs a capability for that capability", () => {
    const none = { settings: settings(), erp: { connected: false as const } };
    expect(unavailableReason(shipmentsSyncTask, none)).toBe("Connect your ERP first (ERP connection page).");
    expect(unavailableReason(documentsPostTask, none)).toBe("Connect your ERP first (ERP connection page).");
    expect(unavailableReason(ordersSyncTask, none)).toBeNull();

    const withoutPosting = {
      settings: settings(),
      erp: { connected: true as const, kind: "memory", capabilities: caps({ posting: false }) },
    };
    expect(unavailableReason(documentsPostTask, withoutPosting)).toBe(
      "The memory ERP connection does not offer posting.",
    );
    expect(unavailableReason(shipmentsSyncTask, withoutPosting)).toBeNull();
    const withPosting = {
      settings: settings(),
      erp: { connected: true as const, kind: "memory", capabilities: caps() },
    };
    expect(unavailableReason(documentsPostTask, withPosting)).toBeNull();
    // Capabilities not known just now: offered, the run itself checks again.
    expect(
      unavailableReason(documentsPostTask, { ...withPosting, erp: { ...withPosting.erp, capabilities: null } }),
    ).toBeNull();
  });

  it("says so when a setting turns the task off", () => {
    const off = { settings: settings({ orders: { importEnabled: false } }), erp: { connected: false as const } };
    expect(unavailableReason(ordersSyncTask, off)).toBe("Order import is off (Settings → Orders).");
  });
});

describe("how a run reads", () => {
  it("names the non-zero counts, or says there were none", () => {
    expect(describeCounts({ created: 3, updated: 0, unchanged: 2, skipped: 1, failed: 0, planned: 0 })).toBe(
      "3 created, 2 unchanged, 1 skipped",
    );
    expect(describeCounts({ created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, planned: 0 })).toBe(
      "no records",
    );
  });

  it.each([
    [850, "850 ms"],
    [12_400, "12 s"],
    [185_000, "3 min 5 s"],
    [120_000, "2 min"],
    [7_440_000, "2 h 4 min"],
  ])("takes %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
