import type { Task } from "graphile-worker";

import { isErpError } from "../adapters/erp/errors.ts";
import { getDb } from "../db.ts";
import { coerceError } from "../errors/coerce-error.ts";
import { getShopSettings } from "../queries/shops.ts";
import { ShopNotConnectedError } from "../shopify/offline-token.ts";
import { type RunContext, RunFailure, RunSkipped, type TaskDefinition } from "./define-task.ts";
import { enqueueRun } from "./enqueue-run.ts";
import { unmetSetting } from "./requirements.ts";
import { createRunContext } from "./run-context.ts";
import { envelopeOf } from "./run-payload.ts";
import { finishRun, startRun, touchRun } from "./run-records.ts";

/** How often a running run says it is alive, beside its progress writes. */
export const RUN_HEARTBEAT_MS = 20_000;

const systemClock = { now: () => new Date() };

/** Why a task cannot run for this shop now, or null: the ERP it needs, its capabilities, its settings. */
async function unmetRequirement(task: TaskDefinition, ctx: RunContext): Promise<string | null> {
  const fromSettings = unmetSetting(task, ctx.settings);
  if (fromSettings) return fromSettings;
  const needs = task.requires?.erp;
  if (!needs) return null;
  const adapter = await ctx.erp();
  if (needs === true) return null;
  const capabilities = await adapter.capabilities();
  const missing = needs.filter((capability) => !capabilities[capability]);
  return missing.length === 0 ? null : `The ${adapter.kind} ERP connection does not offer ${missing.join(", ")}.`;
}

/** The payload a retry (or continuation) queues again: the task's own fields, envelope renewed by enqueueRun. */
function withoutEnvelope(payload: unknown): Record<string, unknown> | Record<string, unknown>[] {
  const strip = (item: unknown) => {
    if (typeof item !== "object" || item === null) return {};

    const { shopId: _s, trigger: _t, dryRun: _d, ...rest } = item as Record<string, unknown>;
    return rest;
  };
  return Array.isArray(payload) ? payload.map(strip) : strip(payload);
}

/**
 * A registry task as a graphile-worker task. Every attempt is a run record: started, its progress
 * and outcomes written as it goes, and ended in one status. A failed attempt with attempts left is
 * `retrying` (graphile-worker retries it in the same queue under the same key); the last one is
 * `failed` with a Retry on the dashboard. A run that cannot start (no ERP, a missing capability,
 * a setting) is `skipped` with the reason; a continuation is queued under the task's key.
 */
export function toWorkerTask(task: TaskDefinition, options: { clock?: { now(): Date } } = {}): Task {
  const clock = options.clock ?? systemClock;
  return async (raw, helpers) => {
    const envelope = envelopeOf(raw);
    const payload: unknown = task.payload.parse(raw);
    const db = getDb();
    const attempt = helpers.job.attempts;
    const trigger = attempt > 1 ? "retry" : envelope.trigger;
    const runId = await startRun(db, {
      shopId: envelope.shopId,
      task: task.name,
      category: task.category,
      trigger,
      dryRun: envelope.dryRun,
      jobId: Number(helpers.job.id),
      attempts: attempt,
      now: clock.now(),
    });
    const settings = await getShopSettings(db, envelope.shopId);
    const handle = createRunContext({
      db,
      task,
      shopId: envelope.shopId,
      runId,
      trigger,
      dryRun: envelope.dryRun,
      attempt,
      settings,
      clock,
      log: {
        info: (m) => helpers.logger.info(`${task.name} shop ${envelope.shopId}: ${m}`),
        warn: (m) => helpers.logger.warn(`${task.name} shop ${envelope.shopId}: ${m}`),
        debug: (m) => helpers.logger.debug(`${task.name} shop ${envelope.shopId}: ${m}`),
      },
    });
    const { ctx, state } = handle;
    const heartbeat = setInterval(() => {
      touchRun(db, { shopId: envelope.shopId, runId, at: clock.now() }).catch(() => undefined);
    }, RUN_HEARTBEAT_MS);
    heartbeat.unref();
    const finish = async (
      status: Parameters<typeof finishRun>[1]["status"],
      extra: { errorMessage?: string; retryJob?: { task: string; payload: unknown } } = {},
    ) => {
      clearInterval(heartbeat);
      await handle.flush().catch((error: unknown) => {
        helpers.logger.error(`${task.name}: outcomes of run ${runId} not written: ${coerceError(error).message}`);
      });
      await finishRun(db, {
        shopId: envelope.shopId,
        runId,
        status,
        at: clock.now(),
        counts: state.counts,
        done: state.done,
        total: state.total,
        summary: state.summary,
        stats: state.stats,
        ...extra,
      });
    };
    const retryJob = (retryPayload?: unknown) => ({
      task: task.name,
      payload: withoutEnvelope(retryPayload ?? raw),
    });

    try {
      const unmet = await unmetRequirement(task, ctx);
      if (unmet) throw new RunSkipped(unmet);
      await task.run(ctx, payload);
      const continuation = state.continuation;
      if (continuation && !envelope.dryRun) {
        // Same key: a trigger that came meanwhile and this continuation become one waiting run.
        await enqueueRun(db, task, {
          shopId: envelope.shopId,
          trigger: "continuation",
          payload: continuation.payload ?? withoutEnvelope(raw),
          ...(continuation.at ? { runAt: continuation.at } : {}),
        });
        if (continuation.reason && !state.summary) state.summary = continuation.reason;
        await finish("continued");
        return;
      }
      await finish("succeeded");
    } catch (caught) {
      if (caught instanceof RunSkipped || caught instanceof ShopNotConnectedError) {
        await finish("skipped", { errorMessage: caught.message });
        helpers.logger.info(`${task.name} shop ${envelope.shopId} skipped: ${caught.message}`);
        return;
      }
      if (isErpError(caught) && caught.code === "RATE_LIMITED" && !envelope.dryRun) {
        // The ERP's request budget is spent (BC: 6,000 requests per 5 minutes per user, shared by
        // every shop on that user): no failure, and no retry that spends what is left. The run
        // goes on from its cursors once the budget has room again.
        const at = new Date(clock.now().getTime() + (caught.retryAfterMs ?? 60_000));
        await enqueueRun(db, task, {
          shopId: envelope.shopId,
          trigger: "continuation",
          payload: withoutEnvelope(raw),
          runAt: at,
        });
        state.summary ??= `The ERP's request budget is spent for now: goes on at ${at.toISOString()}`;
        await finish("continued");
        return;
      }
      const error = coerceError(caught);
      if (caught instanceof RunFailure) {
        await finish("failed", { errorMessage: error.message, retryJob: retryJob(caught.retryPayload) });
        return;
      }
      if (attempt < helpers.job.max_attempts) {
        await finish("retrying", { errorMessage: error.message });
        throw caught;
      }
      await finish("failed", { errorMessage: error.message, retryJob: retryJob() });
    }
  };
}
