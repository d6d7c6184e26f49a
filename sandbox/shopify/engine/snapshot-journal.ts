import { z } from "zod";

import {
  flushingAfter,
  JournalWriter,
  type PersistenceFiles,
  readJournal,
  readJsonFile,
  type SandboxJournal,
  writeFileAtomic,
} from "../../common/journal-file.ts";
import type { SandboxShopifyEngine } from "./create-engine.ts";
import type { ShopState } from "./shop-state.ts";
import {
  idempotencyEntry,
  RECORD_COLLECTIONS,
  type RecordCollection,
  shopHead,
  SNAPSHOT_VERSION,
  toJsonShape,
} from "./snapshot.ts";

/**
 * The sandbox store's journal: after every call that may change the store, each shop's changed
 * records (upserts by id, deletes), its own fields (counters, order number, clock watermark,
 * event sequence) and new idempotency keys are appended as one JSON line, before the caller gets
 * its answer. On start the last snapshot is loaded and the journal applied to it record by record,
 * so ids, order numbers and timestamps come back exactly; nothing is re-executed.
 *
 * A record is changed when its key is new or it carries a stamp (`updatedAt`, or a nested
 * `updatedAt` such as an inventory level's) newer than the shop's clock watermark at the last
 * flush: every write in the engine stamps what it changes (as Shopify moves `updated_at`, which
 * the app's reconcile cursor relies on). A call that stamped nothing and changed no collection's
 * size costs one comparison per shop.
 */

const key = z.union([z.number(), z.string()]);
const shopOp = z.object({
  op: z.literal("shop"),
  domain: z.string(),
  /** The shop is new, or was replaced by a restore: every record follows, the old ones are gone. */
  replace: z.boolean().optional(),
  head: z.record(z.string(), z.unknown()).optional(),
  put: z.record(z.string(), z.array(z.tuple([key, z.unknown()]))).optional(),
  del: z.record(z.string(), z.array(key)).optional(),
});
const dropOp = z.object({ op: z.literal("dropShop"), domain: z.string() });
const entrySchema = z.object({ ops: z.array(z.discriminatedUnion("op", [shopOp, dropOp])) });
type ShopOp = z.infer<typeof shopOp>;
type Entry = z.infer<typeof entrySchema>;

type Collection = RecordCollection | "idempotency";
const COLLECTIONS: readonly Collection[] = [...RECORD_COLLECTIONS, "idempotency"];

interface Shadow {
  state: ShopState;
  lastStamp: number;
  eventSeq: number;
  head: string;
  keys: Record<Collection, Set<number | string>>;
}

export interface ShopifyPersistence extends SandboxJournal {
  /** The engine to serve: every call that can change the store flushes before it returns. */
  engine: SandboxShopifyEngine;
  /** True when a snapshot or journal was there and loaded. */
  restored: boolean;
  /** Flushes, writes the snapshot (0600, atomically) and empties the journal. */
  save(): Promise<void>;
  close(): void;
}

/**
 * Loads `snapshotFile` + `journalFile` into `engine` (a damaged or unreadable pair is reported
 * through `log` and the store starts empty, as a first run), compacts them into a fresh snapshot,
 * and journals from then on.
 */
export async function openShopifyJournal(
  engine: SandboxShopifyEngine,
  files: PersistenceFiles,
  log: (line: string) => void = () => {},
): Promise<ShopifyPersistence> {
  let restored = false;
  try {
    const base = await readJsonFile(files.snapshotFile);
    const { entries, torn } = await readJournal(files.journalFile);
    if (torn) log(`sandbox store: ignored the last line of ${files.journalFile}, cut off by a kill mid-write`);
    if (base !== undefined || entries.length > 0) {
      engine.restore(base === undefined ? { version: SNAPSHOT_VERSION, shops: [] } : base);
      if (entries.length > 0) engine.restore(applyEntries(engine.snapshot(), entries));
      restored = true;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`warning: could not restore the sandbox store from ${files.snapshotFile} (${reason}); starting empty`);
    engine.reset();
  }
  const writer = new JournalWriter(files.journalFile);
  const shadows = new Map<string, Shadow>();
  const flush = () => {
    const entry = scan(engine, shadows);
    if (entry) writer.append(entry);
  };
  const save = async () => {
    flush();
    await writeFileAtomic(files.snapshotFile, JSON.stringify(engine.snapshot()));
    writer.truncate();
  };
  // Start from one snapshot and an empty journal: the journal only ever holds one session's changes.
  scan(engine, shadows);
  await save();
  // Background work (bulk operations, file processing, asynchronous productSet) changes the store
  // between requests; what it announces is journaled on the next turn, coalesced, so a bulk
  // mutation's thousands of webhooks cost a handful of flushes.
  let pending = false;
  let closed = false;
  const unsubscribe = engine.onEvent(() => {
    if (pending || closed) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      if (!closed) flush();
    });
  });
  const close = () => {
    closed = true;
    unsubscribe();
    writer.close();
  };
  return { engine: flushingEngine(engine, flush), restored, flush, save, close };
}

/** The engine with a flush after every method that can change a shop. */
function flushingEngine(engine: SandboxShopifyEngine, flush: () => void): SandboxShopifyEngine {
  const after = flushingAfter(flush);
  return {
    ...engine,
    async execute(request) {
      try {
        return await engine.execute(request);
      } finally {
        flush();
      }
    },
    createShop: after(engine.createShop),
    seed: after(engine.seed),
    createFulfillmentService: after(engine.createFulfillmentService),
    setExistingVariants: after(engine.setExistingVariants),
    ...(engine.createPayout ? { createPayout: after(engine.createPayout) } : {}),
    ...(engine.setPayoutStatus ? { setPayoutStatus: after(engine.setPayoutStatus) } : {}),
    reset: after(engine.reset),
    restore: after(engine.restore),
    storage: { ...engine.storage, acceptUpload: after(engine.storage.acceptUpload) },
  };
}

/** Every change since the last scan as one journal entry (null: nothing changed); updates `shadows`. */
export function scan(engine: SandboxShopifyEngine, shadows: Map<string, Shadow>): Entry | null {
  const ops: Entry["ops"] = [];
  const domains = new Set(engine.listShops());
  for (const domain of [...shadows.keys()]) {
    if (domains.has(domain)) continue;
    shadows.delete(domain);
    ops.push({ op: "dropShop", domain });
  }
  for (const domain of domains) {
    const state = engine.shopState(domain);
    if (!state) continue;
    const op = scanShop(domain, state, shadows);
    if (op) ops.push(op);
  }
  return ops.length > 0 ? { ops } : null;
}

function scanShop(domain: string, state: ShopState, shadows: Map<string, Shadow>): ShopOp | null {
  const shadow = shadows.get(domain);
  const fresh = !shadow || shadow.state !== state;
  if (!fresh && unchanged(state, shadow)) return null;
  const keys = fresh ? emptyKeys() : shadow.keys;
  const watermark = fresh ? "" : new Date(shadow.lastStamp).toISOString();
  const put: NonNullable<ShopOp["put"]> = {};
  const del: NonNullable<ShopOp["del"]> = {};
  for (const name of COLLECTIONS) {
    const map: Map<number | string, unknown> = state[name];
    const seen = keys[name];
    const changed = name === "idempotency" ? [] : stampedSince(map, watermark);
    for (const [id] of changed) seen.add(id);
    // Ids the stamps did not account for: records added without a new stamp (a load, idempotency
    // keys) or removed. Rare, so only then is every id compared (the common flush stays a pass of
    // string comparisons, no lookups).
    if (seen.size !== map.size || fresh) {
      map.forEach((rec, id) => {
        if (seen.has(id)) return;
        seen.add(id);
        if (name !== "idempotency") changed.push([id, toJsonShape(rec)]);
        else {
          const stored = idempotencyEntry(rec as { fingerprint: string; result: unknown });
          if (stored) changed.push([id, stored]);
        }
      });
      const gone = seen.size > map.size ? [...seen].filter((id) => !map.has(id)) : [];
      for (const id of gone) seen.delete(id);
      if (gone.length > 0 && !fresh) del[name] = gone;
    }
    if (changed.length > 0) put[name] = changed;
  }
  const head = JSON.stringify(shopHead(state));
  shadows.set(domain, { state, lastStamp: state.lastStamp, eventSeq: state.eventSeq, head, keys });
  const op: ShopOp = { op: "shop", domain };
  if (fresh) op.replace = true;
  if (fresh || head !== shadow.head) op.head = JSON.parse(head) as Record<string, unknown>;
  if (Object.keys(put).length > 0) op.put = put;
  if (Object.keys(del).length > 0) op.del = del;
  return op.replace || op.head || op.put || op.del ? op : null;
}

/** Nothing stamped, no event announced and no collection grew or shrank: nothing to write. */
function unchanged(state: ShopState, shadow: Shadow): boolean {
  if (state.lastStamp !== shadow.lastStamp || state.eventSeq !== shadow.eventSeq) return false;
  return COLLECTIONS.every((name) => state[name].size === shadow.keys[name].size);
}

function emptyKeys(): Record<Collection, Set<number | string>> {
  return Object.fromEntries(COLLECTIONS.map((name) => [name, new Set()])) as Record<Collection, Set<number | string>>;
}

/**
 * The records of `map` stamped after `watermark`: their own `updatedAt`, or one of the records in
 * their nested Maps (an inventory item's stock levels), which the first record shows.
 */
function stampedSince(map: Map<number | string, unknown>, watermark: string): [number | string, unknown][] {
  const changed: [number | string, unknown][] = [];
  const first = map.values().next().value as Record<string, unknown> | undefined;
  const nested = first ? Object.keys(first).filter((key) => first[key] instanceof Map) : [];
  map.forEach((value, id) => {
    const rec = value as Record<string, unknown> & { updatedAt?: string };
    let latest = rec.updatedAt ?? "";
    for (const key of nested) {
      for (const inner of (rec[key] as Map<unknown, { updatedAt?: string }>).values()) {
        if ((inner.updatedAt ?? "") > latest) latest = inner.updatedAt ?? "";
      }
    }
    if (latest > watermark) changed.push([id, toJsonShape(rec)]);
  });
  return changed;
}

type JsonShop = Record<string, unknown>;

/** A snapshot (JSON form) with journal entries applied in order; the engine's restore checks the result. */
export function applyEntries(snapshot: unknown, entries: unknown[]): unknown {
  const base = snapshot as { version: number; shops: JsonShop[] };
  const shops = new Map<string, Map<string, Map<number | string, unknown>>>();
  const heads = new Map<string, Record<string, unknown>>();
  for (const shop of base.shops) {
    const { info } = shop as { info: { domain: string } };
    heads.set(info.domain, Object.fromEntries(Object.entries(shop).filter(([k]) => !isCollection(k))));
    shops.set(info.domain, collectionsOf(shop));
  }
  entries.forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw new Error(`journal line ${index + 1}: ${z.prettifyError(parsed.error)}`);
    for (const op of parsed.data.ops) {
      if (op.op === "dropShop") {
        shops.delete(op.domain);
        heads.delete(op.domain);
        continue;
      }
      if (op.replace || !shops.has(op.domain)) shops.set(op.domain, collectionsOf({}));
      const cells = shops.get(op.domain)!;
      if (op.head) heads.set(op.domain, op.head);
      for (const [name, list] of Object.entries(op.put ?? {})) {
        for (const [id, rec] of list) cells.get(name)?.set(id, rec);
      }
      for (const [name, ids] of Object.entries(op.del ?? {})) for (const id of ids) cells.get(name)?.delete(id);
    }
  });
  return {
    version: base.version,
    shops: [...shops].map(([domain, cells]) => ({
      ...heads.get(domain),
      ...Object.fromEntries([...cells].map(([name, map]) => [name, [...map]])),
    })),
  };
}

function isCollection(name: string): boolean {
  return (COLLECTIONS as readonly string[]).includes(name);
}

function collectionsOf(shop: JsonShop): Map<string, Map<number | string, unknown>> {
  return new Map(
    COLLECTIONS.map((name) => {
      const list = Array.isArray(shop[name]) ? (shop[name] as [number | string, unknown][]) : [];
      return [name, new Map(list)];
    }),
  );
}
