import type { RecordOutcome } from "../../../db/schema/task-run-records.ts";
import type { TaskRunStatus, TaskRunTrigger } from "../../../db/schema/task-runs.ts";

/** How the run history names statuses, triggers and outcomes to a merchant. Pure. */

export type BadgeTone = "success" | "critical" | "warning" | "attention" | "info" | undefined;

export const runStatusBadges: Record<TaskRunStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "info" },
  running: { label: "Running", tone: "attention" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  retrying: { label: "Failed, retrying", tone: "warning" },
  interrupted: { label: "Interrupted", tone: "warning" },
  continued: { label: "Continued", tone: "info" },
  skipped: { label: "Could not start", tone: undefined },
  cancelled: { label: "Cancelled", tone: undefined },
};

export const runTriggerLabels: Record<TaskRunTrigger, string> = {
  webhook: "Webhook",
  schedule: "Schedule",
  manual: "Run now",
  continuation: "Continuation",
  retry: "Retry",
  system: "System",
};

export const outcomeLabels: Record<RecordOutcome, { label: string; tone: BadgeTone }> = {
  created: { label: "Created", tone: "success" },
  updated: { label: "Updated", tone: "success" },
  unchanged: { label: "Unchanged", tone: undefined },
  skipped: { label: "Skipped", tone: "warning" },
  failed: { label: "Failed", tone: "critical" },
  planned: { label: "Planned", tone: "info" },
};

/** "0.4 s", "12 s", "3 min 5 s", "1 h 2 min"; "" when the run has not started. */
export function formatDuration(start: Date | null, end: Date | null): string {
  if (!start || !end) return "";
  const ms = Math.max(0, end.getTime() - start.getTime());
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/**
 * The page of the record an outcome row names, when it has one: an order we hold (numeric key =
 * orders.id), a shipment (the shipments list narrowed to its ERP number). Others: no link yet.
 */
export function recordHref(recordType: string, recordKey: string): string | null {
  if (recordType === "order" && /^[1-9]\d{0,15}$/.test(recordKey)) return `/app/orders/${recordKey}`;
  if (recordType === "shipment") return `/app/shipments?shipment=${encodeURIComponent(recordKey)}`;
  if (recordType === "product" && /^[1-9]\d{0,15}$/.test(recordKey)) return `/app/products/${recordKey}`;
  return null;
}

/** "3 created · 1 failed": only the counts that are not zero, in a fixed order. */
export function countsLine(counts: Record<RecordOutcome, number>): string {
  const order: RecordOutcome[] = ["created", "updated", "unchanged", "skipped", "failed", "planned"];
  return order
    .filter((key) => (counts[key] ?? 0) > 0)
    .map((key) => `${counts[key]} ${key}`)
    .join(" · ");
}
