import { z } from "zod";

import type { SandboxEvent } from "../contracts.ts";
import { type ShopState } from "./shop-state.ts";
import { decodeIdempotentResult, encodeIdempotentResult } from "./snapshot-idempotency.ts";
import { backfillFulfillmentOrders, upgradeV1 } from "./snapshot-migrate.ts";
import { shopSnapshotSchema } from "./snapshot-schema.ts";

/**
 * Bump when the stored shape changes, and teach snapshot-migrate.ts to bring the previous version
 * up to date: a saved store should survive an upgrade. 2: fulfillment orders, fulfillments and
 * fulfillment services.
 */
export const SNAPSHOT_VERSION = 2;
/** The oldest version this engine still reads (by upgrading it). */
const OLDEST_READABLE_VERSION = 1;

const engineSnapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  shops: z.array(shopSnapshotSchema),
});

/** The JSON form: Maps become arrays of entries, times stay ISO strings, the clock watermark stays ms. */
export type EngineSnapshot = z.input<typeof engineSnapshotSchema>;
type ShopSnapshot = z.input<typeof shopSnapshotSchema>;

export class SnapshotError extends Error {
  override name = "SnapshotError";
}

/** Every shop's records, counters, clock watermark and idempotency keys; throttle buckets are not kept. */
export function snapshotShops(shops: Map<string, ShopState>): EngineSnapshot {
  const snapshot: EngineSnapshot = { version: SNAPSHOT_VERSION, shops: [...shops.values()].map(shopSnapshot) };
  // A detached copy: the caller may hold it while the engine keeps mutating its records.
  return structuredClone(snapshot);
}

function shopSnapshot(state: ShopState): ShopSnapshot {
  const idempotency: ShopSnapshot["idempotency"] = [];
  for (const [key, { fingerprint, result }] of state.idempotency) {
    const stored = encodeIdempotentResult(result);
    if (stored) idempotency.push([key, { fingerprint, result: stored }]);
  }
  return {
    info: state.info,
    locations: [...state.locations],
    products: [...state.products],
    variants: [...state.variants],
    inventoryItems: [...state.inventoryItems].map(([id, item]) => [id, { ...item, levels: [...item.levels] }]),
    customers: [...state.customers],
    orders: [...state.orders],
    fulfillmentOrders: [...state.fulfillmentOrders],
    fulfillments: [...state.fulfillments],
    counters: state.counters,
    nextOrderNumber: state.nextOrderNumber,
    lastStamp: state.lastStamp,
    eventSeq: state.eventSeq,
    idempotency,
  };
}

/**
 * Parses a snapshot (of this or an older version, upgraded first) into fresh shop states. Throws
 * SnapshotError before anything is built, so a bad or unknown file leaves the caller's engine as
 * it was.
 */
export function restoreShops(
  value: unknown,
  now: () => number,
  publish: (event: SandboxEvent) => void,
): Map<string, ShopState> {
  const version = isRecord(value) ? value.version : undefined;
  if (typeof version !== "number") {
    throw new SnapshotError("not a sandbox store snapshot: no numeric `version` field");
  }
  if (!Number.isInteger(version) || version < OLDEST_READABLE_VERSION || version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `sandbox store snapshot version ${version} is not supported (expected ${OLDEST_READABLE_VERSION} to ${SNAPSHOT_VERSION})`,
    );
  }
  const upgraded =
    version === 1 ? { ...upgradeV1(value as Record<string, unknown>), version: SNAPSHOT_VERSION } : value;
  const parsed = engineSnapshotSchema.safeParse(upgraded);
  if (!parsed.success) {
    throw new SnapshotError(`invalid sandbox store snapshot:\n${z.prettifyError(parsed.error)}`);
  }
  const shops = new Map<string, ShopState>();
  for (const { idempotency, ...shop } of parsed.data.shops) {
    if (shops.has(shop.info.domain)) throw new SnapshotError(`sandbox store snapshot repeats shop ${shop.info.domain}`);
    const state: ShopState = { ...shop, idempotency: new Map(), emitEvents: true, now, publish };
    for (const [key, { fingerprint, result }] of idempotency) {
      state.idempotency.set(key, { fingerprint, result: decodeIdempotentResult(state, result) });
    }
    if (version < 2) backfillFulfillmentOrders(state);
    shops.set(shop.info.domain, state);
  }
  return shops;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
