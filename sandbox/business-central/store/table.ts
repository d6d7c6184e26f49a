import { randomUUID } from "node:crypto";

import type { BaseRow } from "./row-types.ts";

/**
 * Hands out lastModifiedDateTime values: ms precision, from the sandbox clock, strictly increasing per
 * company so a `lastModifiedDateTime gt X` poll never misses a write made in the same millisecond.
 * (Real BC only promises SystemModifiedAt; equal stamps can happen there. Tests want a total order.)
 */
export class CompanyClock {
  readonly #now: () => number;
  #last: number;
  #version: number;
  #second = -1;
  #secondPrefix = "";
  /** `state` continues a clock from a snapshot, so stamps and row versions never go back. */
  constructor(now: () => number, state: ClockState = { lastStamp: 0, version: 0 }) {
    this.#now = now;
    this.#last = state.lastStamp;
    this.#version = state.version;
  }
  /** The watermark (last stamp handed out, in ms) and the row version counter. */
  state(): ClockState {
    return { lastStamp: this.#last, version: this.#version };
  }
  /** The sandbox clock's current time (ms): what "today" is for date-filtered stock figures. */
  now(): number {
    return this.#now();
  }
  stamp(): string {
    this.#last = Math.max(this.#now(), this.#last + 1);
    // Date#toISOString costs ~1 µs; a 100,000-item seed stamps a million rows. Stamps run in
    // ms order, so the "yyyy-mm-ddThh:mm:ss." part is cached per second and only ms appended.
    const second = Math.floor(this.#last / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#secondPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    }
    const ms = this.#last - second * 1000;
    return `${this.#secondPrefix}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
  }
  /** A row version (like SQL rowversion / SystemRowVersion): bumps on every write in the company. */
  nextVersion(): number {
    this.#version += 1;
    return this.#version;
  }
}

export interface ClockState {
  lastStamp: number;
  version: number;
}

/** A row and its row version (the etag's input). */
export interface Stored<T> {
  row: T;
  version: number;
}

/**
 * BC etags look like W/"JzQ0O0VnQUFBQUo3…Oyc=": base64 of `'<len>;<key blob>;<row version>;'`. We build the
 * same shape from the SystemId and row version; clients must treat it as opaque anyway.
 */
export function makeEtag(id: string, version: number): string {
  const blob = Buffer.from(id.replaceAll("-", ""), "hex").toString("base64");
  const inner = `${blob.length};${blob};${version};`;
  return `W/"${Buffer.from(`'${inner}'`).toString("base64")}"`;
}

/** One entity set's rows in one company. Writes stamp lastModifiedDateTime and bump the etag. */
export class Table<T extends BaseRow> {
  readonly #rows = new Map<string, Stored<T>>();
  readonly #clock: CompanyClock;
  /** Ids inserted, updated or deleted since the last takeWritten(); only while a journal tracks. */
  #written: Set<string> | null = null;
  constructor(clock: CompanyClock) {
    this.#clock = clock;
  }

  get(id: string): T | undefined {
    return this.#rows.get(id.toLowerCase())?.row;
  }
  etag(id: string): string | undefined {
    const stored = this.#rows.get(id.toLowerCase());
    return stored ? makeEtag(stored.row.id, stored.version) : undefined;
  }
  size(): number {
    return this.#rows.size;
  }
  all(): T[] {
    return [...this.#rows.values()].map((s) => s.row);
  }
  find(predicate: (row: T) => boolean): T | undefined {
    for (const { row } of this.#rows.values()) if (predicate(row)) return row;
    return undefined;
  }
  filter(predicate: (row: T) => boolean): T[] {
    return this.all().filter(predicate);
  }
  insert(fields: Omit<T, "id" | "lastModifiedDateTime"> & { id?: string }): T {
    const id = (fields.id ?? randomUUID()).toLowerCase();
    // BC lists id first and lastModifiedDateTime last; keep that order in the JSON. (Object.assign
    // onto `{ id }` keeps id first and is several times cheaper than a rest/spread copy.)
    const row = Object.assign({ id }, fields) as unknown as T & { lastModifiedDateTime: string };
    row.id = id;
    row.lastModifiedDateTime = this.#clock.stamp();
    this.#rows.set(id, { row, version: this.#clock.nextVersion() });
    this.#written?.add(id);
    return row;
  }
  update(id: string, patch: Partial<Omit<T, "id" | "lastModifiedDateTime">>): T {
    const stored = this.#rows.get(id.toLowerCase());
    if (!stored) throw new Error(`no row ${id}`);
    stored.row = { ...stored.row, ...patch, lastModifiedDateTime: this.#clock.stamp() };
    stored.version = this.#clock.nextVersion();
    this.#written?.add(id.toLowerCase());
    return stored.row;
  }
  delete(id: string): boolean {
    this.#written?.add(id.toLowerCase());
    return this.#rows.delete(id.toLowerCase());
  }

  /** From now on, remember which ids are written, so a journal reads only those (not every row). */
  trackWrites(): void {
    this.#written ??= new Set();
  }
  hasWritten(): boolean {
    return (this.#written?.size ?? 0) > 0;
  }
  /** The rows written since the last call (with their versions) and the ids deleted; then forgets them. */
  takeWritten(): { written: Stored<T>[]; deleted: string[] } {
    const written: Stored<T>[] = [];
    const deleted: string[] = [];
    for (const id of this.#written ?? []) {
      const stored = this.#rows.get(id);
      if (stored) written.push({ row: stored.row, version: stored.version });
      else deleted.push(id);
    }
    this.#written?.clear();
    return { written, deleted };
  }

  /** Every row with its version, in insertion order (the order reads and `$skiptoken` paging see). */
  entries(): Stored<T>[] {
    return [...this.#rows.values()].map(({ row, version }) => ({ row, version }));
  }
  /**
   * Puts rows back as a snapshot had them, keeping their stamps and versions (so etags stay valid)
   * instead of stamping them as writes. Only for a table that holds nothing yet.
   */
  load(entries: Stored<T>[]): void {
    if (this.#rows.size > 0) throw new Error("load() needs an empty table");
    for (const { row, version } of entries) this.#rows.set(row.id.toLowerCase(), { row, version });
  }
}
