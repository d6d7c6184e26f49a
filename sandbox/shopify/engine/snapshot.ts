import { z } from "zod";

import { createCatalogIndex } from "./catalog-index.ts";
import { rebuildCatalogIndex } from "./catalog-index.ts";
import type { ShopHooks, ShopState } from "./shop-state.ts";
import { decodeIdempotentResult, encodeIdempotentResult } from "./snapshot-idempotency.ts";
import { backfillFulfillmentOrders, upgradeV1, upgradeV2, upgradeV3 } from "./snapshot-migrate.ts";
import { shopSnapshotSchema } from "./snapshot-schema.ts";

/**
 * Bump when the stored shape changes, and teach snapshot-migrate.ts to bring the previous version
 * up to date: a saved store should survive an upgrade. 2: fulfillment orders, fulfillments and
 * fulfillment services. 3: files, staged uploads, bulk operations, asynchronous productSet
 * operations, product and variant media, inventory policy, weights, the variant-creation throttle.
 * 4: variants a store holds without records (`existingVariants`). Version 4 later also holds, only
 * adding, B2B companies (locations, contacts, role assignments), customer consent, exemptions and
 * locale, and orders' company and payment terms: every new field has a default in
 * snapshot-schema.ts, so a version 4 file from before them loads unchanged.
 */
export const SNAPSHOT_VERSION = 4;
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

/** The shop's own fields (everything that is not a collection of records), JSON-ready. */
export function shopHead(state: ShopState) {
  return {
    info: state.info,
    counters: state.counters,
    nextOrderNumber: state.nextOrderNumber,
    lastStamp: state.lastStamp,
    eventSeq: state.eventSeq,
    variantCreations: state.variantCreations,
    existingVariants: state.existingVariants,
  };
}

/** The record collections of a shop, each a Map keyed by record id (the journal keeps them record by record). */
export const RECORD_COLLECTIONS = [
  "locations",
  "products",
  "variants",
  "inventoryItems",
  "customers",
  "orders",
  "fulfillmentOrders",
  "fulfillments",
  "blobs",
  "files",
  "bulkOperations",
  "productOperations",
  "companies",
  "companyLocations",
  "companyContacts",
  "companyRoleAssignments",
  "refunds",
  "returns",
  "payouts",
  "balanceTransactions",
] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

// A field added to the snapshot but to neither list above would be missed by the journal: fail the type check.
type Unlisted = Exclude<keyof ShopSnapshot, keyof ReturnType<typeof shopHead> | RecordCollection | "idempotency">;
const _everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The stored form of an `@idempotent` key's answer; null for a shape that is not kept (see snapshot-idempotency.ts). */
export function idempotencyEntry(entry: { fingerprint: string; result: unknown }) {
  const stored = encodeIdempotentResult(entry.result);
  return stored ? { fingerprint: entry.fingerprint, result: stored } : null;
}

function shopSnapshot(state: ShopState): ShopSnapshot {
  const idempotency: ShopSnapshot["idempotency"] = [];
  for (const [key, entry] of state.idempotency) {
    const stored = idempotencyEntry(entry);
    if (stored) idempotency.push([key, stored]);
  }
  const collections = Object.fromEntries(
    RECORD_COLLECTIONS.map((name) => [name, [...state[name]].map(([id, rec]) => [id, toJsonShape(rec)])]),
  ) as unknown as Pick<ShopSnapshot, RecordCollection>;
  return { ...shopHead(state), ...collections, idempotency };
}

/** Nested Maps (an inventory item's levels per location) as arrays of entries, the form the schema reads back. */
export function toJsonShape<T>(rec: T): T {
  if (!Object.values(rec as object).some((v) => v instanceof Map)) return rec;
  return Object.fromEntries(
    Object.entries(rec as object).map(([k, v]) => [k, v instanceof Map ? [...(v as Map<unknown, unknown>)] : v]),
  ) as T;
}

/**
 * Parses a snapshot (of this or an older version, upgraded first) into fresh shop states. Throws
 * SnapshotError before anything is built, so a bad or unknown file leaves the caller's engine as
 * it was.
 */
export function restoreShops(value: unknown, hooks: ShopHooks): Map<string, ShopState> {
  const version = isRecord(value) ? value.version : undefined;
  if (typeof version !== "number") {
    throw new SnapshotError("not a sandbox store snapshot: no numeric `version` field");
  }
  if (!Number.isInteger(version) || version < OLDEST_READABLE_VERSION || version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `sandbox store snapshot version ${version} is not supported (expected ${OLDEST_READABLE_VERSION} to ${SNAPSHOT_VERSION})`,
    );
  }
  let upgraded = value as Record<string, unknown>;
  if (version < 2) upgraded = upgradeV1(upgraded);
  if (version < 3) upgraded = upgradeV2(upgraded);
  if (version < 4) upgraded = { ...upgradeV3(upgraded), version: SNAPSHOT_VERSION };
  const parsed = engineSnapshotSchema.safeParse(upgraded);
  if (!parsed.success) {
    throw new SnapshotError(`invalid sandbox store snapshot:\n${z.prettifyError(parsed.error)}`);
  }
  const shops = new Map<string, ShopState>();
  for (const { idempotency, ...shop } of parsed.data.shops) {
    if (shops.has(shop.info.domain)) throw new SnapshotError(`sandbox store snapshot repeats shop ${shop.info.domain}`);
    const state: ShopState = {
      ...shop,
      idempotency: new Map(),
      emitEvents: true,
      index: createCatalogIndex(),
      ...hooks,
    };
    rebuildCatalogIndex(state);
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
