import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { saveEntryForm } from "../../app/.server/job-queue/job-queue-actions.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import { ensureEntries, setEntriesTimezone } from "../../app/.server/runs/entries.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { scheduleDemoEntries } from "../../scripts/demo/demo-entries.ts";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";

let db: TestDatabase;
let shopId: number;

beforeAll(async () => {
  db = await useTestDatabase();
  shopId = await ensureShop(getDb(), "demo-entries.myshopify.com");
});

const entries = async () =>
  db.sql<{ task: string; recurrence: { kind: string; every?: number }; on_hold: boolean; edited_at: Date | null }[]>`
    select task, recurrence, on_hold, edited_at from job_queue_entries where shop_id = ${shopId} order by task`;

describe("the demo's schedule", () => {
  it("runs every entry every minute after an install, whose time-zone update is not a merchant's edit", async () => {
    // What an install does: the entries with their defaults, then the shop's time zone.
    await ensureEntries(getDb(), { tasks: taskRegistry, shopIds: [shopId], now: new Date() });
    await setEntriesTimezone(getDb(), { shopId, timezone: "America/New_York", now: new Date(Date.now() + 5_000) });
    await scheduleDemoEntries(getDb(), shopId);
    const rows = await entries();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row).toMatchObject({ recurrence: { kind: "minutes", every: 1 }, on_hold: false, edited_at: null });
    }
  });

  it("keeps an entry the merchant changed across demo restarts", async () => {
    const form = new FormData();
    form.set("kind", "minutes");
    form.set("every", "2");
    expect(await saveEntryForm(shopId, "shipments__sync", form)).toMatchObject({ ok: true });
    await scheduleDemoEntries(getDb(), shopId);
    const rows = await entries();
    const shipments = rows.find((r) => r.task === "shipments__sync");
    expect(shipments?.recurrence).toMatchObject({ kind: "minutes", every: 2 });
    expect(shipments?.edited_at).not.toBeNull();
    for (const row of rows.filter((r) => r.task !== "shipments__sync")) {
      expect(row.recurrence).toMatchObject({ kind: "minutes", every: 1 });
    }
  });
});
