import type { RunContext } from "../../runs/define-task.ts";
import type { ExportCounts } from "./export-customers.ts";
import type { ImportCounts } from "./import-customers.ts";

/** What "Sync customers" and "Sync companies" both end with, and how rate limits hand over. */
export interface TwoWaySyncResult {
  imports: ImportCounts;
  exports: ExportCounts;
  pulled: number;
  /** Why nothing (more) was done this run, when something waits. */
  waiting: string | null;
  continued: boolean;
  /** When the next run should start (the ERP's budget); absent = at once. */
  continueAt?: Date;
}

/** The run's stats and its one-line summary, in the records' own word ("customer", "company"). */
export function summarizeTwoWaySync(
  ctx: RunContext,
  r: TwoWaySyncResult,
  words: { plural: string; readNote?: string },
): void {
  const i = r.imports;
  const e = r.exports;
  ctx.stat(`${words.plural} read from Shopify`, i.read);
  ctx.stat("ERP customers pulled", r.pulled);
  ctx.stat("ERP customers changed", e.changedInErp);
  if (r.waiting && i.read === 0 && e.changedInErp === 0) {
    ctx.summarize(r.waiting);
    return;
  }
  const parts = [
    `${i.read} Shopify ${words.plural} read${words.readNote ?? ""}`,
    `${i.created} created and ${i.updated} updated in the ERP, ${i.linked} linked`,
    e.changedInErp > 0 ? `${e.updated} Shopify ${words.plural} updated from the ERP` : null,
    i.unmapped > 0 ? `${i.unmapped} unmapped` : null,
    i.conflicts + e.conflicts > 0 ? `${i.conflicts + e.conflicts} conflict(s)` : null,
    i.skipped + e.skipped > 0 ? `${i.skipped + e.skipped} skipped` : null,
    i.failed + e.failed > 0 ? `${i.failed + e.failed} failed` : null,
    r.waiting,
  ].filter((p) => p !== null);
  ctx.summarize(ctx.dryRun ? `Preview: ${parts.join("; ")}; nothing was written` : parts.join("; "));
}

/** The ERP's budget ran out: go on when it has room again, from where this run stopped. */
export function handOverRateLimited<R extends TwoWaySyncResult>(until: Date | null, result: R): R {
  if (!until) return result;
  result.continued = true;
  result.continueAt = until;
  result.waiting = "the ERP's request budget is spent for now; the next run goes on where this one stopped";
  return result;
}
