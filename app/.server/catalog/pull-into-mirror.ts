import type { ErpAdapter } from "../adapters/erp/port.ts";
import type { ErpEntityMap } from "../adapters/erp/types.ts";
import type { DbOrTx } from "../db.ts";
import { contentHash } from "../mapping/canonical-hash.ts";
import { upsertMirrorRecords } from "../queries/erp-records.ts";
import type { RunContext, RunCursor } from "../runs/define-task.ts";

/** The ERP entities the mirror holds, and the item (for customers: the customer) each record belongs to. */
const itemNumberOf = {
  items: (data: ErpEntityMap["items"]) => data.number,
  itemVariants: (data: ErpEntityMap["itemVariants"]) => data.itemNumber,
  barcodes: (data: ErpEntityMap["barcodes"]) => data.itemNumber,
  prices: (data: ErpEntityMap["prices"]) => data.itemNumber,
  stockByLocation: (data: ErpEntityMap["stockByLocation"]) => data.itemNumber,
  // Not a catalog entity: "Sync customers" keeps its ERP side here too, grouped by customer number.
  customers: (data: ErpEntityMap["customers"]) => data.number,
} as const;

export type MirroredEntity = keyof typeof itemNumberOf;

/** The cursor stream of an entity's pulls into the mirror; every catalog task pulls through the same one. */
export const mirrorStream = (entity: MirroredEntity) => `erp-mirror:${entity}`;

export interface MirrorPullResult {
  pulled: number;
  changed: number;
  /** The page budget ran out before the ERP said "no more". */
  hasMore: boolean;
}

/**
 * Pulls an entity's changes since its cursor into the mirror, page by page, checkpointing after
 * each stored page (a preview stores but does not move the cursor). Pulls are idempotent: a record
 * pulled again with the same content changes nothing, which is what makes the shared cursor safe
 * for the several catalog tasks (they never run at once: one category).
 */
export async function pullIntoMirror<E extends MirroredEntity>(
  db: DbOrTx,
  input: { adapter: ErpAdapter; shopId: number; entity: E; cursor: RunCursor; maxPages: number; pageSize?: number },
): Promise<MirrorPullResult> {
  let cursor = (await input.cursor.read()) ?? null;
  let pulled = 0;
  let changed = 0;
  const mapItemNumber = itemNumberOf[input.entity] as (data: ErpEntityMap[E]) => string;
  for (let page = 0; page < input.maxPages; page++) {
    const result = await input.adapter.pull(input.entity, { cursor, pageSize: input.pageSize ?? 500 });
    pulled += result.records.length;
    changed += await upsertMirrorRecords(
      db,
      input.shopId,
      result.records.map((record) => {
        const data = record.data as unknown as Record<string, unknown>;
        return {
          entity: input.entity,
          erpId: record.id,
          itemNumber: mapItemNumber(record.data),
          data,
          hash: contentHash(data),
          erpModifiedAt: record.modifiedAt || null,
        };
      }),
    );
    await input.cursor.checkpoint(result.cursor);
    cursor = result.cursor;
    if (!result.hasMore) return { pulled, changed, hasMore: false };
  }
  return { pulled, changed, hasMore: true };
}

/** A run's pulls of several entities, each through its shared stream, with the run's page budget. */
export async function pullEntitiesIntoMirror(
  ctx: Pick<RunContext, "db" | "shopId" | "cursor">,
  adapter: ErpAdapter,
  entities: readonly MirroredEntity[],
  maxPages: number,
): Promise<MirrorPullResult> {
  const total: MirrorPullResult = { pulled: 0, changed: 0, hasMore: false };
  for (const entity of entities) {
    const result = await pullIntoMirror(ctx.db, {
      adapter,
      shopId: ctx.shopId,
      entity,
      cursor: ctx.cursor(mirrorStream(entity)),
      maxPages,
    });
    total.pulled += result.pulled;
    total.changed += result.changed;
    total.hasMore ||= result.hasMore;
  }
  return total;
}
