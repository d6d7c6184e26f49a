import type { RecordOutcome } from "../../../db/schema/task-run-records.ts";
import type { RunCounts, TaskRunTrigger } from "../../../db/schema/task-runs.ts";
import type { ErpAdapter } from "../adapters/erp/port.ts";
import { refuseErpWrites } from "../adapters/erp/write-guard.ts";
import type { AdminClient } from "../adapters/shopify/admin-client.ts";
import type { Db } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import { erpAdapterForShop } from "../erp/connections.ts";
import { getSyncCursor, saveSyncCursor } from "../queries/sync-cursors.ts";
import { shopifyAdminForShopId } from "../shopify/admin-for-shop-id.ts";
import { ShopNotConnectedError } from "../shopify/offline-token.ts";
import type { RecordResult, RunContext, TaskDefinition } from "./define-task.ts";
import { RunSkipped } from "./define-task.ts";
import { emptyCounts, insertRunRecords, writeRunProgress } from "./run-records.ts";

/** Outcomes written per insert, and the longest a written progress may lag. */
export const RECORD_BATCH = 200;
export const PROGRESS_EVERY_MS = 1000;

export interface Continuation {
  at?: Date;
  reason?: string;
  payload?: Record<string, unknown>;
}

/** The run context plus what only the executor sees: the buffers to flush and how the run asked to end. */
export interface RunContextHandle {
  ctx: RunContext;
  /** Writes buffered outcomes and the last progress; safe to call more than once. */
  flush(): Promise<void>;
  readonly state: {
    counts: RunCounts;
    done: number;
    total: number | null;
    summary: string | null;
    stats: Record<string, number>;
    continuation: Continuation | null;
  };
}

/**
 * Builds the context a task's run gets. Outcomes and progress are buffered and written in small
 * batches, one statement each, on the process pool (never inside a transaction of the task's, and
 * never holding one across an API call); counts are kept as numbers, not as the records.
 */
export function createRunContext(input: {
  db: Db;
  task: TaskDefinition;
  shopId: number;
  runId: number;
  trigger: TaskRunTrigger;
  dryRun: boolean;
  attempt: number;
  settings: ShopSettings;
  clock: { now(): Date };
  log: RunContext["log"];
}): RunContextHandle {
  const { db, shopId, runId, clock } = input;
  const state: RunContextHandle["state"] = {
    counts: emptyCounts(),
    done: 0,
    total: null,
    summary: null,
    stats: {},
    continuation: null,
  };
  let buffer: (RecordResult & { at: Date })[] = [];
  let pending: Promise<void> = Promise.resolve();
  let lastProgressAt = 0;
  let progressDirty = false;
  let failure: unknown = null;

  // Writes run one after another, off the task's path; the first error is rethrown by flush().
  const chain = (write: () => Promise<void>) => {
    pending = pending.then(write).catch((error: unknown) => {
      failure ??= error;
    });
  };
  const writeRecords = () => {
    const records = buffer;
    buffer = [];
    chain(() => insertRunRecords(db, { shopId, runId, records }));
  };
  const writeProgress = () => {
    progressDirty = false;
    lastProgressAt = clock.now().getTime();
    const snapshot = { done: state.done, total: state.total, counts: { ...state.counts }, at: clock.now() };
    chain(() => writeRunProgress(db, { shopId, runId, ...snapshot }));
  };
  const maybeWriteProgress = () => {
    progressDirty = true;
    if (clock.now().getTime() - lastProgressAt >= PROGRESS_EVERY_MS) writeProgress();
  };

  let erp: Promise<ErpAdapter> | undefined;
  let shopify: Promise<AdminClient> | undefined;

  const ctx: RunContext = {
    shopId,
    runId,
    task: input.task.name,
    trigger: input.trigger,
    dryRun: input.dryRun,
    attempt: input.attempt,
    settings: input.settings,
    writesAllowed: input.settings.allowOutgoingWrites && !input.dryRun,
    db,
    clock,
    log: input.log,
    erp() {
      erp ??= erpAdapterForShop(shopId).then((adapter) => {
        if (!adapter) throw new RunSkipped("No ERP is connected (ERP connection page).");
        // A preview goes through the same guard as the kill switch: a write it forgot cannot leave.
        return input.dryRun ? refuseErpWrites(adapter) : adapter;
      });
      return erp;
    },
    shopify() {
      shopify ??= shopifyAdminForShopId(shopId, { refuseWrites: input.dryRun }).catch((error: unknown) => {
        if (error instanceof ShopNotConnectedError) throw new RunSkipped(`Shopify is not connected: ${error.message}`);
        throw error;
      });
      return shopify;
    },
    cursor(stream) {
      return {
        read: () => getSyncCursor(db, { shopId, stream }),
        checkpoint: async (cursor) => {
          if (input.dryRun) return;
          await saveSyncCursor(db, { shopId, stream, cursor });
        },
      };
    },
    progress({ done, total }) {
      state.done = done;
      if (total !== undefined) state.total = total;
      maybeWriteProgress();
    },
    record(result) {
      const outcome: RecordOutcome = result.outcome;
      state.counts[outcome] += 1;
      buffer.push({ ...result, at: clock.now() });
      if (buffer.length >= RECORD_BATCH) writeRecords();
      maybeWriteProgress();
    },
    summarize(summary) {
      state.summary = summary;
    },
    stat(name, value) {
      state.stats[name] = value;
    },
    continueLater(options = {}) {
      state.continuation = options;
    },
  };

  return {
    ctx,
    state,
    async flush() {
      if (buffer.length > 0) writeRecords();
      if (progressDirty) writeProgress();
      await pending;
      if (failure !== null) {
        const error = failure;
        failure = null;
        throw error;
      }
    },
  };
}
