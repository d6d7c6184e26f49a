import { getDb } from "../db.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import { coerceError } from "../errors/coerce-error.ts";
import { formatDateTime } from "../format/format.ts";
import { getShopSettings } from "../queries/shops.ts";
import { taskCategories } from "../runs/categories.ts";
import type { TaskDefinition } from "../runs/define-task.ts";
import { ensureEntries, type EntryRow, entryTasks, listEntries } from "../runs/entries.ts";
import { describeRecurrence } from "../runs/recurrence.ts";
import { taskRegistry } from "../tasks/registry.ts";
import { type ShopFacilities, unavailableReason } from "./availability.ts";
import { type LastRunRow, latestRunsByEntry } from "./queries.ts";
import { describeCounts, formatDuration, runStatusLabels } from "./run-labels.ts";

/** How long the page waits for the ERP adapter to say what it can do before listing without it. */
const CAPABILITIES_TIMEOUT_MS = 3000;

export interface JobQueueRow {
  task: string;
  title: string;
  description: string;
  report: string | null;
  category: string;
  categoryDescription: string;
  onHold: boolean;
  recurrence: string;
  /** In the shop's time zone; "" while on hold. */
  nextRun: string;
  nextRunAt: string | null;
  lastRun: {
    id: number;
    when: string;
    duration: string;
    status: string;
    statusTone: (typeof runStatusLabels)[keyof typeof runStatusLabels]["tone"];
    counts: string;
    error: string | null;
    /** The part-of task that ran ("Sync orders (webhooks)"), when not the entry's own. */
    via: string | null;
  } | null;
  /** Why the task cannot run for this shop; null when it can. */
  unavailable: string | null;
  canPreview: boolean;
}

export interface JobQueuePage {
  rows: JobQueueRow[];
  /** Settings → Allow background syncs: Run now returns at once (on) or is watched on the page (off). */
  background: boolean;
  allOnHold: boolean;
  timeZone: string;
}

/**
 * The Job queue page: one row per entry task of the registry, with its entry (created with the
 * task defaults when the shop has none yet), its next run in the shop's zone, its last run, and
 * whether the shop's ERP can run it.
 */
export async function loadJobQueuePage(
  shopId: number,
  options: { now?: Date; tasks?: readonly TaskDefinition[] } = {},
): Promise<JobQueuePage> {
  const db = getDb();
  const now = options.now ?? new Date();
  const tasks = entryTasks(options.tasks ?? taskRegistry).map(({ task }) => task);
  let entries = await listEntries(db, shopId);
  if (tasks.some((task) => !entries.some((e) => e.task === task.name))) {
    await ensureEntries(db, { tasks, shopIds: [shopId], now });
    entries = await listEntries(db, shopId);
  }
  const all = options.tasks ?? taskRegistry;
  const groups = tasks.map((task) => ({
    entryTask: task.name,
    tasks: [
      task.name,
      ...all.filter((t) => "partOf" in t.schedule && t.schedule.partOf === task.name).map((t) => t.name),
    ],
  }));
  const [settings, lastRuns] = await Promise.all([
    getShopSettings(db, shopId),
    latestRunsByEntry(db, { shopId, groups }),
  ]);
  const facilities: ShopFacilities = { settings, erp: await erpFacilities(shopId, tasks) };
  const byTask = new Map(entries.map((e) => [e.task, e]));
  const lastByTask = new Map(lastRuns.map((r) => [r.entryTask, r]));
  const rows = tasks.flatMap((task) => {
    const entry = byTask.get(task.name);
    return entry ? [row(task, entry, lastByTask.get(task.name), facilities, all)] : [];
  });
  return {
    rows,
    background: settings.allowBackgroundSyncs,
    allOnHold: rows.length > 0 && rows.every((r) => r.onHold),
    timeZone: entries[0]?.timezone ?? "UTC",
  };
}

function row(
  task: TaskDefinition,
  entry: EntryRow,
  last: LastRunRow | undefined,
  facilities: ShopFacilities,
  all: readonly TaskDefinition[],
): JobQueueRow {
  return {
    task: task.name,
    title: task.title,
    description: task.description,
    report: task.report,
    category: task.category,
    categoryDescription: taskCategories[task.category],
    onHold: entry.onHold,
    recurrence: describeRecurrence(entry.recurrence),
    nextRun: entry.onHold ? "" : formatDateTime(entry.nextRunAt, entry.timezone),
    nextRunAt: entry.onHold ? null : (entry.nextRunAt?.toISOString() ?? null),
    lastRun: last ? lastRunView(last, entry.timezone, task, all) : null,
    unavailable: unavailableReason(task, facilities),
    canPreview: task.preview !== false,
  };
}

function lastRunView(last: LastRunRow, timezone: string, task: TaskDefinition, all: readonly TaskDefinition[]) {
  const label = runStatusLabels[last.status];
  const started = last.startedAt;
  return {
    id: last.id,
    when: formatDateTime(started ?? last.finishedAt, timezone),
    duration: started && last.finishedAt ? formatDuration(last.finishedAt.getTime() - started.getTime()) : "",
    status: label.label,
    statusTone: label.tone,
    counts: describeCounts(last.counts),
    error: last.errorMessage,
    via: last.task === task.name ? null : (all.find((t) => t.name === last.task)?.title ?? last.task),
  };
}

/** Whether the shop has an ERP, and what its adapter can do when a task asks for more than a connection. */
async function erpFacilities(shopId: number, tasks: readonly TaskDefinition[]): Promise<ShopFacilities["erp"]> {
  const adapter = await erpAdapterForShop(shopId).catch(() => null);
  if (!adapter) return { connected: false };
  const asksCapabilities = tasks.some((t) => Array.isArray(t.requires?.erp));
  if (!asksCapabilities) return { connected: true, kind: adapter.kind, capabilities: null };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), CAPABILITIES_TIMEOUT_MS);
  });
  try {
    // The adapter caches them: this asks the ERP once per connection and process.
    const capabilities = await Promise.race([adapter.capabilities(), timeout]);
    return { connected: true, kind: adapter.kind, capabilities };
  } catch (error) {
    console.warn(`job queue: ERP capabilities of shop ${shopId} not known: ${coerceError(error).message}`);
    return { connected: true, kind: adapter.kind, capabilities: null };
  } finally {
    clearTimeout(timer);
  }
}
