import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "../../app/.server/db.ts";
import { ensureShop } from "../../app/.server/queries/shops.ts";
import type * as JobsRoute from "../../app/routes/app.jobs._index.tsx";
import type * as EditRoute from "../../app/routes/app.jobs.$task.tsx";
import type * as NextRunsRoute from "../../app/routes/app.jobs.next-runs.tsx";
import type * as ProgressRoute from "../../app/routes/app.jobs.progress.$jobId.tsx";
import type * as RunOfJobRoute from "../../app/routes/app.runs.job.$jobId.tsx";
import { type TestDatabase, useTestDatabase } from "../setup/test-database.ts";
import { adminRequest, routeArgs, signInShop } from "../support/admin-request.ts";
import { drainJobs } from "../support/worker.ts";

const SHOP = "job-queue-page.myshopify.com";
const OTHER = "job-queue-other.myshopify.com";
let db: TestDatabase;
let shopId: number;
let otherId: number;
let jobs: typeof JobsRoute;
let edit: typeof EditRoute;
let nextRuns: typeof NextRunsRoute;
let progress: typeof ProgressRoute;
let runOfJob: typeof RunOfJobRoute;

beforeAll(async () => {
  db = await useTestDatabase();
  shopId = await ensureShop(getDb(), SHOP);
  otherId = await ensureShop(getDb(), OTHER);
  await db.sql`update shops set iana_timezone = 'Europe/Berlin', installed_at = now() where id = ${shopId}`;
  await signInShop(SHOP);
  jobs = await import("../../app/routes/app.jobs._index.tsx");
  edit = await import("../../app/routes/app.jobs.$task.tsx");
  nextRuns = await import("../../app/routes/app.jobs.next-runs.tsx");
  progress = await import("../../app/routes/app.jobs.progress.$jobId.tsx");
  runOfJob = await import("../../app/routes/app.runs.job.$jobId.tsx");
});

const loadPage = () => jobs.loader(routeArgs(adminRequest(SHOP, "/app/jobs")));
const act = (form: Record<string, string>) => jobs.action(routeArgs(adminRequest(SHOP, "/app/jobs?index", { form })));
const entryRow = async (task: string) =>
  (
    await db.sql<{ recurrence: unknown; cron: string; on_hold: boolean; next_run_at: Date; updated_at: Date }[]>`
      select recurrence, cron, on_hold, next_run_at, updated_at from job_queue_entries where shop_id = ${shopId} and task = ${task}`
  )[0];

describe("the Job queue page", () => {
  it("creates a shop's entries on first sight and lists every entry task with its defaults and next run", async () => {
    expect(await db.sql`select 1 from job_queue_entries where shop_id = ${shopId}`).toHaveLength(0);
    const page = await loadPage();
    expect(page.timeZone).toBe("Europe/Berlin");
    expect(page.rows.map((r) => [r.task, r.recurrence, r.onHold, r.category])).toEqual([
      ["orders__reconcile", "Every 5 minutes", false, "orders"],
      ["orders__process", "Every 5 minutes", false, "order-documents"],
      ["refunds__process", "Every 5 minutes", false, "order-documents"],
      ["payments__sync", "Every 5 minutes", false, "payments"],
      ["shipments__sync", "Every 15 minutes", false, "shipments"],
      ["documents__post", "Hourly at minute 0", true, "order-documents"],
      ["products__sync", "Hourly at minute 10", false, "catalog"],
      ["prices__sync", "Hourly at minute 25", false, "catalog"],
      ["images__sync", "Hourly at minute 40", false, "catalog"],
      ["inventory__sync", "Every 15 minutes", false, "inventory"],
      ["inventory__drift", "Daily at 03:30", false, "inventory"],
      ["customers__sync", "Hourly at minute 20", false, "customers"],
      ["companies__sync", "Hourly at minute 25", false, "customers"],
    ]);
    for (const row of page.rows.filter((r) => !r.onHold)) {
      expect(row.nextRun).not.toBe("");
      expect(new Date(row.nextRunAt!).getTime()).toBeGreaterThan(Date.now() - 1000);
    }
    expect(page.rows.find((r) => r.task === "documents__post")).toMatchObject({ nextRun: "", nextRunAt: null });
    // No ERP connected: the tasks that need one say why; their entries are listed all the same.
    expect(Object.fromEntries(page.rows.map((r) => [r.task, r.unavailable]))).toEqual({
      orders__reconcile: null,
      orders__process: "Connect your ERP first (ERP connection page).",
      refunds__process: "Connect your ERP first (ERP connection page).",
      payments__sync: "Connect your ERP first (ERP connection page).",
      shipments__sync: "Connect your ERP first (ERP connection page).",
      documents__post: "Connect your ERP first (ERP connection page).",
      // Off by default: the setting is the first thing to change.
      products__sync: "product sync is off in Settings (Products → Product sync)",
      prices__sync: "prices come from the ERP only when products sync ERP → Shopify (Settings → Product sync)",
      images__sync: "picture sync is off in Settings (Prices and images → Picture sync)",
      inventory__sync: "stock sync is off in Settings (Sync stock from the ERP to Shopify)",
      inventory__drift: "stock sync is off in Settings (Sync stock from the ERP to Shopify)",
      customers__sync: "Connect your ERP first (ERP connection page).",
      companies__sync: "Connect your ERP first (ERP connection page).",
    });
    expect(page.rows.every((r) => r.lastRun === null)).toBe(true);
    expect(await db.sql`select 1 from job_queue_entries where shop_id = ${otherId}`).toHaveLength(0);
  });

  it("refuses invalid recurrences with the field's message and saves nothing", async () => {
    const before = await entryRow("shipments__sync");
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ kind: "minutes", every: "0" }, "every", "must divide the hour"],
      [{ kind: "minutes", every: "7" }, "every", "must divide the hour"],
      [{ kind: "daily", time: "25:00" }, "time", "must be a time from 00:00 to 23:59"],
      [{ kind: "weekly", time: "06:00" }, "days", "choose at least one weekday"],
    ];
    for (const [form, field, message] of cases) {
      const result = await edit.action(
        routeArgs(adminRequest(SHOP, "/app/jobs/shipments__sync", { form }), { task: "shipments__sync" }),
      );
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors[field]).toContain(message);
      const preview = await nextRuns.loader(
        routeArgs(
          adminRequest(SHOP, `/app/jobs/next-runs?${new URLSearchParams({ task: "shipments__sync", ...form })}`),
        ),
      );
      expect(preview.ok).toBe(false);
    }
    expect(await entryRow("shipments__sync")).toEqual(before);
  });

  it("shows the next five runs of the form's values, and saving every 2 minutes moves the next run", async () => {
    const preview = await nextRuns.loader(
      routeArgs(adminRequest(SHOP, "/app/jobs/next-runs?task=shipments__sync&kind=minutes&every=2")),
    );
    expect(preview.ok).toBe(true);
    const times = preview.ok ? preview.upcomingAt.map((t) => new Date(t).getTime()) : [];
    expect(times).toHaveLength(5);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([120_000, 120_000, 120_000, 120_000]);
    // Nothing saved by a preview.
    expect((await entryRow("shipments__sync"))?.recurrence).toEqual({ kind: "minutes", every: 15 });

    const saved = await edit.action(
      routeArgs(adminRequest(SHOP, "/app/jobs/shipments__sync", { form: { kind: "minutes", every: "2" } }), {
        task: "shipments__sync",
      }),
    );
    expect(saved).toMatchObject({ ok: true });
    const row = await entryRow("shipments__sync");
    expect(row?.recurrence).toEqual({ kind: "minutes", every: 2 });
    expect(row!.next_run_at.getTime() - Date.now()).toBeLessThanOrEqual(120_000);
    const page = await loadPage();
    expect(page.rows.find((r) => r.task === "shipments__sync")?.recurrence).toBe("Every 2 minutes");

    const form = await edit.loader(
      routeArgs(adminRequest(SHOP, "/app/jobs/shipments__sync"), { task: "shipments__sync" }),
    );
    expect(form.values).toMatchObject({ kind: "minutes", every: "2" });
    expect(form.upcoming).toHaveLength(5);
  });

  it("puts entries on hold and resumes them, one or all", async () => {
    expect(await act({ intent: "hold", task: "orders__reconcile" })).toMatchObject({ ok: true });
    expect((await entryRow("orders__reconcile"))?.on_hold).toBe(true);
    expect(await act({ intent: "resume", task: "orders__reconcile" })).toMatchObject({ ok: true });
    expect((await entryRow("orders__reconcile"))?.on_hold).toBe(false);

    await act({ intent: "hold-all" });
    expect((await loadPage()).allOnHold).toBe(true);
    await act({ intent: "resume-all" });
    const page = await loadPage();
    expect(page.rows.every((r) => !r.onHold)).toBe(true);
    expect(page.rows.every((r) => new Date(r.nextRunAt!).getTime() > Date.now() - 1000)).toBe(true);
    expect(await act({ intent: "hold", task: "not__a_task" })).toMatchObject({ ok: false });
  });

  it("Run now with background syncs off: the page polls the job's run until it ends, then shows its result", async () => {
    await db.sql`update shops set settings = jsonb_set(settings, '{allowBackgroundSyncs}', 'false') where id = ${shopId}`;
    const result = await act({ intent: "run", task: "shipments__sync" });
    expect(result).toMatchObject({ ok: true, started: { task: "shipments__sync", background: false, dryRun: false } });
    const jobId = result.ok && "started" in result ? result.started!.jobId : "";
    const [job] = await db.sql`select j.key, j.queue_name, p.payload from graphile_worker.jobs j
      join graphile_worker._private_jobs p on p.id = j.id where j.id = ${jobId}`;
    expect(job).toMatchObject({
      key: `shipments__sync:${shopId}`,
      queue_name: `shipments:${shopId}`,
      payload: { shopId, trigger: "manual" },
    });
    // A second Run now coalesces into the waiting run: same job.
    const again = await act({ intent: "run", task: "shipments__sync" });
    expect(again.ok && "started" in again ? again.started!.jobId : "").toBe(jobId);

    const poll = () => progress.loader(routeArgs(adminRequest(SHOP, `/app/jobs/progress/${jobId}`), { jobId }));
    expect(await poll()).toMatchObject({ status: "queued", ended: false, runId: null });

    await drainJobs(db.url);
    const ended = await poll();
    // No ERP connected: the run could not start, and says why.
    expect(ended).toMatchObject({ status: "skipped", ended: true, title: "Sync shipments", dryRun: false });
    expect(ended.error).toContain("No ERP is connected");
    const [run] = await db.sql`select id, trigger from task_runs where shop_id = ${shopId} and job_id = ${jobId}`;
    expect(run).toMatchObject({ id: String(ended.runId), trigger: "manual" });

    const page = await loadPage();
    expect(page.background).toBe(false);
    expect(page.rows.find((r) => r.task === "shipments__sync")?.lastRun).toMatchObject({
      id: ended.runId,
      status: "Skipped",
      counts: "no records",
    });
  });

  it("Run now with background syncs on returns at once with a link that leads to the run", async () => {
    await db.sql`update shops set settings = jsonb_set(settings, '{allowBackgroundSyncs}', 'true') where id = ${shopId}`;
    const result = await act({ intent: "preview", task: "shipments__sync" });
    expect(result).toMatchObject({ ok: true, started: { background: true, dryRun: true } });
    const jobId = result.ok && "started" in result ? result.started!.jobId : "";
    const [job] = await db.sql`select key from graphile_worker.jobs where id = ${jobId}`;
    expect(job?.key).toBe(`shipments__sync:${shopId}:preview`);

    const follow = () =>
      runOfJob
        .loader(routeArgs(adminRequest(SHOP, `/app/runs/job/${jobId}`), { jobId }))
        .catch((thrown: unknown) => thrown);
    // Not started yet: the link's page waits for it.
    expect(await follow()).toEqual({ jobId: Number(jobId) });
    await drainJobs(db.url);
    const [run] = await db.sql<{ id: string; dry_run: boolean }[]>`
      select id, dry_run from task_runs where shop_id = ${shopId} and job_id = ${jobId}`;
    expect(run?.dry_run).toBe(true);
    const redirected = await follow();
    expect(redirected).toBeInstanceOf(Response);
    const location = (redirected as Response).headers.get("Location") ?? "";
    expect(location).toContain(`/app/runs/${run!.id}`);
    // Previews are not the entry's last run.
    const page = await loadPage();
    expect(page.rows.find((r) => r.task === "shipments__sync")?.lastRun?.id).not.toBe(Number(run!.id));
  });

  it("counts a part-of task's run as its entry's last run, and knows no other shop's job", async () => {
    await db.sql`insert into task_runs (shop_id, task, category, trigger, status, started_at, finished_at, counts)
      values (${shopId}, 'orders__import', 'orders', 'webhook', 'succeeded', now() - interval '3 seconds', now(),
        '{"created":2,"updated":1,"unchanged":0,"skipped":0,"failed":0,"planned":0}')`;
    const last = (await loadPage()).rows.find((r) => r.task === "orders__reconcile")?.lastRun;
    expect(last).toMatchObject({
      status: "Succeeded",
      counts: "2 created, 1 updated",
      via: "Sync orders (webhooks)",
      duration: "3 s",
    });

    const [foreign] = await db.sql<{ id: string }[]>`
      select (graphile_worker.add_job('shipments__sync', json_build_object('shopId', ${otherId}::int, 'trigger', 'manual'),
        run_at := now() + interval '1 hour')).id`;
    const foreignJob = foreign!.id;
    expect(
      await progress.loader(routeArgs(adminRequest(SHOP, `/app/jobs/progress/${foreignJob}`), { jobId: foreignJob })),
    ).toMatchObject({ status: "unknown", ended: true });
  });
});
