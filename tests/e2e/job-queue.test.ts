import { describe, expect, it } from "vitest";

import { entryTasks as entryTasksOf } from "../../app/.server/runs/entries.ts";
import { taskRegistry } from "../../app/.server/tasks/registry.ts";
import { screenshot } from "./browser.ts";
import { useDemoInBrowser } from "./demo-in-browser.ts";

const e2e = useDemoInBrowser("e2e-job-queue");

// The Job queue as a merchant uses it in the sandbox admin, on the demo's real worker and tick.

/** The tasks a merchant schedules: every registry task with a recurrence of its own. */
const entryTasks = entryTasksOf(taskRegistry).map(({ task }) => task);

async function shopId(): Promise<number> {
  const [row] = await e2e.sql`select id from shops where domain = ${e2e.demo.info.shopify.shop}`;
  return Number(row?.id);
}

async function setBackgroundSyncs(on: boolean) {
  await e2e.sql`update shops set settings = jsonb_set(settings, '{allowBackgroundSyncs}', to_jsonb(${on}::boolean))
    where domain = ${e2e.demo.info.shopify.shop}`;
}

async function openJobQueue() {
  await e2e.page.goto(e2e.demo.info.adminUrl);
  await e2e.page.getByRole("link", { name: "Job queue" }).click();
  await expect.poll(() => e2e.app().getByRole("heading", { name: "Job queue" }).count(), { timeout: 30_000 }).toBe(1);
}

describe("the Job queue page", () => {
  it("lists every task with its recurrence and next run", async () => {
    await openJobQueue();
    for (const task of entryTasks) {
      await expect
        .poll(() => e2e.app().locator(`[data-entry="${task.name}"]`).textContent(), { timeout: 20_000 })
        .toBe(task.title);
    }
    const entries = await e2e.sql`select task, next_run_at from job_queue_entries where shop_id = ${await shopId()}`;
    expect(entries.map((e) => e.task).sort()).toEqual(entryTasks.map((t) => t.name).sort());
    for (const entry of entries) {
      // The page shows the stored next run of each entry (the demo runs everything every minute).
      const shown = await e2e.app().locator(`[data-next-run="${entry.task}"]`).getAttribute("data-next-run-at");
      expect(new Date(shown ?? "").getTime()).toBe(new Date(entry.next_run_at).getTime());
    }
    expect(await e2e.app().getByText("Every minute").count()).toBe(entryTasks.length);
    await screenshot(e2e.page, "job-queue");
  });

  it("refuses every 0 minutes inline and saves nothing, then saves every 2 minutes with its next five runs", async () => {
    const id = await shopId();
    const [before] = await e2e.sql`select recurrence, next_run_at, updated_at from job_queue_entries
      where shop_id = ${id} and task = 'shipments__sync'`;
    await openJobQueue();
    await e2e.app().getByRole("link", { name: "Edit Sync shipments" }).click();
    await expect
      .poll(() => e2e.app().getByRole("heading", { name: "Edit: Sync shipments" }).count(), { timeout: 20_000 })
      .toBe(1);

    await e2e.app().getByLabel("Every (minutes)").fill("0");
    await expect
      .poll(() => e2e.app().getByText("No runs until the fields marked are corrected.").count(), { timeout: 10_000 })
      .toBe(1);
    await e2e.app().getByRole("button", { name: "Save" }).click();
    await expect.poll(() => e2e.app().getByText("The entry was not saved").count(), { timeout: 10_000 }).toBe(1);
    const [unchanged] = await e2e.sql`select recurrence, next_run_at, updated_at from job_queue_entries
      where shop_id = ${id} and task = 'shipments__sync'`;
    expect(unchanged).toEqual(before);

    await e2e.app().getByLabel("Every (minutes)").fill("2");
    const upcoming = e2e.app().getByTestId("upcoming-runs");
    await expect
      .poll(async () => (await upcoming.getAttribute("data-upcoming-at")) ?? "", { timeout: 10_000 })
      .not.toBe("");
    const times = ((await upcoming.getAttribute("data-upcoming-at")) ?? "")
      .split(",")
      .map((t) => new Date(t).getTime());
    expect(times).toHaveLength(5);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBe(120_000);
    await screenshot(e2e.page, "job-queue-edit");

    await e2e.app().getByRole("button", { name: "Save" }).click();
    await expect.poll(() => e2e.app().locator('[data-entry="shipments__sync"]').count(), { timeout: 20_000 }).toBe(1);
    const [after] = await e2e.sql`select recurrence, next_run_at from job_queue_entries
      where shop_id = ${id} and task = 'shipments__sync'`;
    expect(after?.recurrence).toMatchObject({ kind: "minutes", every: 2 });
    // The stored next run is the first one the form showed, unless that minute has passed since.
    const next = new Date(after?.next_run_at).getTime();
    expect(times.includes(next) || next === (times[0] ?? 0) + 120_000).toBe(true);
    expect(await e2e.app().getByText("Every 2 minutes").count()).toBe(1);

    // The tick honours it: the first scheduled run after the save starts in that 2-minute slot, not
    // in the next minute as "every minute" would have it.
    const savedAt = Date.now();
    const firstAfterSave = async () =>
      (
        await e2e.sql`select started_at from task_runs where shop_id = ${id} and task = 'shipments__sync'
          and trigger = 'schedule' and started_at > ${new Date(savedAt + 2_000).toISOString()}::timestamptz
          order by started_at limit 1`
      )[0]?.started_at as Date | undefined;
    await expect.poll(firstAfterSave, { timeout: 200_000, interval: 2_000 }).toBeDefined();
    expect(new Date((await firstAfterSave()) ?? 0).getTime()).toBeGreaterThanOrEqual(next - 1_000);
  }, 260_000);
});

describe("Run now", () => {
  it("with background syncs off, shows the run's progress on the page and then its result", async () => {
    await setBackgroundSyncs(false);
    await openJobQueue();
    await expect
      .poll(() => e2e.app().getByText("Allow background syncs is off", { exact: false }).count(), { timeout: 20_000 })
      .toBe(1);
    await e2e.app().getByRole("button", { name: "Run Sync orders now" }).click();
    // The progress card is there while the run waits and runs, before any result.
    await expect.poll(() => e2e.app().getByTestId("run-progress").count(), { timeout: 10_000 }).toBe(1);
    await screenshot(e2e.page, "job-queue-foreground-progress");
    await expect.poll(() => e2e.app().getByTestId("run-result").count(), { timeout: 60_000 }).toBe(1);
    expect(await e2e.app().getByTestId("run-progress").count()).toBe(0);
    const [run] = await e2e.sql`select id, status, counts from task_runs
      where shop_id = ${await shopId()} and task = 'orders__reconcile' and trigger = 'manual' order by id desc limit 1`;
    expect(run?.status).toBe("succeeded");
    // The result names the run's counts as stored.
    const text = (await e2e.app().getByTestId("run-result").textContent()) ?? "";
    const counts = (run?.counts ?? {}) as Record<string, number>;
    for (const count of Object.values(counts)) if (count > 0) expect(text).toContain(String(count));
    await screenshot(e2e.page, "job-queue-foreground-result");

    await e2e.app().getByRole("link", { name: "View the run" }).click();
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain(`/app/runs/${run?.id}`);
  });

  it("with background syncs on, returns at once with a link to the run, and the run is on the Runs page", async () => {
    await setBackgroundSyncs(true);
    await openJobQueue();
    await e2e.app().getByRole("button", { name: "Preview Sync shipments" }).click();
    const banner = e2e.app().getByTestId("background-run");
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
    expect(await banner.textContent()).toContain("Preview of Sync shipments started in the background");
    // No progress bar: the merchant goes on.
    expect(await e2e.app().getByTestId("run-progress").count()).toBe(0);
    await screenshot(e2e.page, "job-queue-background");

    const id = await shopId();
    const finished = async () =>
      (
        await e2e.sql`select id, status, dry_run from task_runs where shop_id = ${id} and task = 'shipments__sync'
          and trigger = 'manual' and status not in ('queued', 'running') order by id desc limit 1`
      )[0];
    await expect.poll(finished, { timeout: 60_000 }).toMatchObject({ status: "succeeded", dry_run: true });
    const run = await finished();
    await e2e.page.goto(`${e2e.demo.info.adminUrl}/app/runs`);
    await expect.poll(() => e2e.app().locator(`a[data-run="${run?.id}"]`).count(), { timeout: 20_000 }).toBe(1);
  });
});
