import type { RunCounts, TaskRunStatus } from "../../../db/schema/task-runs.ts";

type Tone = "success" | "critical" | "warning" | "attention" | "info" | undefined;

/** How a run's status reads on the Job queue page, with its badge tone. */
export const runStatusLabels: Record<TaskRunStatus, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "info" },
  running: { label: "Running", tone: "attention" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  retrying: { label: "Retrying", tone: "warning" },
  interrupted: { label: "Interrupted", tone: "warning" },
  continued: { label: "Continued", tone: "info" },
  skipped: { label: "Skipped", tone: undefined },
  cancelled: { label: "Cancelled", tone: undefined },
};

/** A run has ended when no further attempt of its job will write to it. */
export const endedStatuses: ReadonlySet<TaskRunStatus> = new Set([
  "succeeded",
  "failed",
  "skipped",
  "continued",
  "cancelled",
]);

const countNames: Array<[keyof RunCounts, string]> = [
  ["created", "created"],
  ["updated", "updated"],
  ["unchanged", "unchanged"],
  ["skipped", "skipped"],
  ["failed", "failed"],
  ["planned", "planned"],
];

/** "3 created, 1 skipped" (zero counts left out); "no records" when all are zero. */
export function describeCounts(counts: Partial<RunCounts>): string {
  const parts = countNames.filter(([key]) => (counts[key] ?? 0) > 0).map(([key, name]) => `${counts[key]} ${name}`);
  return parts.length === 0 ? "no records" : parts.join(", ");
}

/** "850 ms", "12 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
