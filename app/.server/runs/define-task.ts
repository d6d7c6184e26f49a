import type { z } from "zod";

import type { RecordOutcome } from "../../../db/schema/task-run-records.ts";
import type { TaskRunTrigger } from "../../../db/schema/task-runs.ts";
import type { ErpAdapter, ErpCapabilities } from "../adapters/erp/port.ts";
import type { AdminClient } from "../adapters/shopify/admin-client.ts";
import type { Db } from "../db.ts";
import type { ShopSettings } from "../domain/settings-schema.ts";
import type { TaskCategory } from "./categories.ts";
import type { Recurrence } from "./recurrence.ts";

/** Capabilities a task can require of the shop's ERP adapter (the boolean ones). */
export type ErpCapability = {
  [K in keyof ErpCapabilities]: ErpCapabilities[K] extends boolean ? K : never;
}[keyof ErpCapabilities];

export type TaskDirection = "shopify_to_app" | "app_to_erp" | "erp_to_shopify" | "shopify_to_erp" | "both" | "in_erp";

/** A merchant's entry for the task (Job queue page), or the entry task this one runs as part of. */
export type TaskSchedule =
  | { recurrence: Recurrence; onHold: boolean }
  /** Runs only as a part of another task's entry (webhook imports of "Sync orders"). */
  | { partOf: string };

export interface RecordResult {
  /** "order", "shipment", later "product", "customer"… */
  type: string;
  /** Our id of the record (links to its page), or the external id when we hold no row. */
  key: string | number;
  label?: string;
  outcome: RecordOutcome;
  reason?: string;
}

export interface RunCursor {
  read(): Promise<string | undefined>;
  /** Saved at once (never in a preview); call only after the page it describes is applied. */
  checkpoint(value: string): Promise<void>;
}

/** Everything a task's run gets, so that no task re-implements it. */
export interface RunContext {
  readonly shopId: number;
  readonly runId: number;
  readonly task: string;
  readonly trigger: TaskRunTrigger;
  /** Preview: plan and record what would be written, write nothing. The ports refuse writes too. */
  readonly dryRun: boolean;
  /** graphile-worker attempt number of this run, from 1. */
  readonly attempt: number;
  readonly settings: ShopSettings;
  /** Kill switch: off ⇒ the ports refuse writes; tasks record what they did not write as skipped. */
  readonly writesAllowed: boolean;
  readonly db: Db;
  readonly clock: { now(): Date };
  /** The shop's ERP adapter (refusing writes in a preview or with the kill switch off). */
  erp(): Promise<ErpAdapter>;
  /** The shop's Admin API client (refusing mutations in a preview or with the kill switch off). */
  shopify(): Promise<AdminClient>;
  cursor(stream: string): RunCursor;
  /** `total` when known; written at most once a second. */
  progress(progress: { done: number; total?: number | null }): void;
  /** A per-record outcome; buffered and written in batches. */
  record(result: RecordResult): void;
  /** A line for the run page ("listed 40 orders"). */
  summarize(summary: string): void;
  /** Extra numbers for the run page beside the counts. */
  stat(name: string, value: number): void;
  /** Stop here and queue the next run of the same task (budget reached, or the ERP said when). */
  continueLater(options?: { at?: Date; reason?: string; payload?: Record<string, unknown> }): void;
  readonly log: { info(message: string): void; warn(message: string): void; debug(message: string): void };
}

/** Thrown by a run: record the run as failed now, with this retry, without graphile-worker retries. */
export class RunFailure extends Error {
  readonly retryPayload: unknown;
  constructor(message: string, options: { retryPayload?: unknown } = {}) {
    super(message);
    this.name = "RunFailure";
    this.retryPayload = options.retryPayload;
  }
}

/** Thrown by a run that cannot start, with the reason (the run is recorded as skipped, not failed). */
export class RunSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunSkipped";
  }
}

/**
 * A setting that must have one of these values for the task to run (a sync direction). Declared as
 * data, not a function, so the minute tick can leave such entries out in SQL instead of queueing
 * runs that would only be skipped (`runs/requirements.ts` reads it both ways).
 */
export interface SettingRequirement {
  /** The path in the settings object, e.g. ["products", "direction"]. */
  path: readonly string[];
  oneOf: readonly string[];
  /** Why the task does not run, in the merchant's words (where to change it). */
  reason: string;
}

export interface TaskRequirements {
  /** The task needs an ERP connection with these capabilities. */
  erp?: readonly ErpCapability[] | true;
  setting?: SettingRequirement;
}

export interface TaskDefinition<P extends z.ZodType = z.ZodType> {
  /** graphile-worker identifier, `entity__action`. */
  name: string;
  /** What a merchant reads: "Sync orders". */
  title: string;
  description: string;
  /** Business Central's report number(s) for the same job, or null. */
  report: string | null;
  direction: TaskDirection;
  category: TaskCategory;
  /**
   * The job payload beside `shopId`, `trigger`, `dryRun` (which every payload carries). A batched
   * task's payload is an array whose items each carry them (graphile-worker concatenates array
   * payloads under one job key, so a burst becomes one run).
   */
  payload: P;
  batched?: boolean;
  schedule: TaskSchedule;
  requires?: TaskRequirements;
  /**
   * For tasks whose runs each handle one record (one order): the record's key. Such runs coalesce
   * per record and run outside the category queue, since the record's row lock keeps them apart.
   */
  recordKey?: (payload: z.infer<P>) => string | null;
  /** Can this task preview (dry-run)? Off for tasks that only read. */
  preview?: boolean;
  maxAttempts?: number;
  priority?: number;
  run(ctx: RunContext, payload: z.infer<P>): Promise<void>;
}

/** Declares a task; the registry (`tasks/registry.ts`) lists them. */
export function defineTask<P extends z.ZodType>(definition: TaskDefinition<P>): TaskDefinition<P> {
  return definition;
}
