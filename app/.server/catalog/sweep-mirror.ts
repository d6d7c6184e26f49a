import { z } from "zod";

import { ErpError } from "../adapters/erp/errors.ts";
import type { ErpAdapter } from "../adapters/erp/port.ts";
import { markSwept, markUnsweptDeleted } from "../queries/erp-records.ts";
import type { RunContext } from "../runs/define-task.ts";
import type { MirroredEntity } from "./pull-into-mirror.ts";

/** The cursor stream of an entity's key sweeps (shared by the catalog tasks, like the pulls). */
export const sweepStream = (entity: MirroredEntity) => `erp-mirror-sweep:${entity}`;

const KEYS_PER_PAGE = 5_000;

/** `day`: the shop day of the last finished sweep; `startedAt`/`keys`: the sweep under way. */
const sweepCursor = z.object({
  day: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  keys: z.string().nullable(),
});
type SweepCursor = z.infer<typeof sweepCursor>;

function readSweep(raw: string | undefined): SweepCursor {
  try {
    const parsed = sweepCursor.safeParse(raw ? JSON.parse(raw) : null);
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable cursor sweeps again: a sweep only marks what it finds.
  }
  return { day: null, startedAt: null, keys: null };
}

export interface SweepResult {
  /** Item numbers with records found gone from the ERP in this run (they are on the change feed now). */
  deletedItems: number;
  /** A sweep is under way and its page budget ran out. */
  hasMore: boolean;
}

/**
 * Once a shop day, every key of each entity is listed from the ERP (ids only) and the mirror's
 * records the ERP no longer has are marked deleted, which puts their items on the change feed: a
 * delta pull never sees a deletion (BC API v2.0 has no deleted-records feed). Spread over runs by
 * its page budget; a preview does not sweep. An entity the ERP does not serve is left alone.
 */
export async function sweepMirror(
  ctx: Pick<RunContext, "db" | "shopId" | "cursor" | "clock" | "dryRun">,
  adapter: ErpAdapter,
  input: { entities: readonly MirroredEntity[]; today: string; maxPages: number },
): Promise<SweepResult> {
  const result: SweepResult = { deletedItems: 0, hasMore: false };
  if (ctx.dryRun) return result;
  let pages = 0;
  for (const entity of input.entities) {
    const cursor = ctx.cursor(sweepStream(entity));
    let state = readSweep(await cursor.read());
    if (state.startedAt === null && state.day === input.today) continue;
    if (state.startedAt === null) state = { ...state, startedAt: ctx.clock.now().toISOString(), keys: null };
    const sweptAt = new Date(state.startedAt!);
    for (;;) {
      if (pages >= input.maxPages) {
        result.hasMore = true;
        return result;
      }
      pages += 1;
      let page;
      try {
        page = await adapter.listKeys(entity, { cursor: state.keys, pageSize: KEYS_PER_PAGE });
      } catch (error) {
        if (error instanceof ErpError && error.code === "UNSUPPORTED") break;
        throw error;
      }
      await markSwept(ctx.db, { shopId: ctx.shopId, entity, erpIds: page.ids, sweptAt });
      if (page.hasMore) {
        state = { ...state, keys: page.cursor };
        await cursor.checkpoint(JSON.stringify(state));
        continue;
      }
      const deleted = await markUnsweptDeleted(ctx.db, { shopId: ctx.shopId, entity, sweptAt });
      result.deletedItems += deleted.length;
      await cursor.checkpoint(JSON.stringify({ day: input.today, startedAt: null, keys: null }));
      break;
    }
  }
  return result;
}
