import { badRequest } from "../bc-error.ts";
import { compareValues, evaluateFilter } from "./filter.ts";
import type { OrderKey, QueryOptions } from "./query-options.ts";

type Row = Record<string, unknown>;

interface SkipToken {
  /** Sort-key values of the last row served, id last. */
  k: unknown[];
  /** What is left of $top, if one was given. */
  r?: number;
}

export interface Page<T> {
  rows: T[];
  /** `$skiptoken` value for the next page, when there is one. */
  next?: string;
  count?: number;
}

function sortKeys(options: QueryOptions, defaultOrder: string[], keyField: string): OrderKey[] {
  const keys =
    options.orderby.length > 0 ? [...options.orderby] : defaultOrder.map((field) => ({ field, desc: false }));
  // Ties are broken by the key so the order is total and a skiptoken resumes exactly where a page ended.
  if (!keys.some((k) => k.field === keyField)) keys.push({ field: keyField, desc: false });
  return keys;
}

function decodeToken(raw: string): SkipToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as SkipToken;
    if (!Array.isArray(parsed.k)) throw new Error("bad token");
    return parsed;
  } catch {
    throw badRequest(`The skip token value '${raw}' is invalid.`, "BadRequest_InvalidToken");
  }
}

/**
 * Filter, order, skip/top and page one collection. Paging is keyset-based: the skiptoken carries the sort
 * key of the last row, so rows inserted, deleted or modified between pages do not shift the window.
 * A page is picked in one pass that keeps only the best `limit` rows (a bounded heap) instead of
 * sorting the whole table for every page: a 200,000-row stock table paged 500 at a time is 400
 * requests, and a full sort each (~0.5 s of a blocked event loop) starved every other request of
 * the process.
 */
export function pageCollection<T extends Row>(
  rows: T[],
  options: QueryOptions,
  config: { entityType: string; defaultOrder: string[]; pageSize: number; keyField?: string },
): Page<T> {
  const keys = sortKeys(options, config.defaultOrder, config.keyField ?? "id");
  if (rows[0]) {
    for (const k of keys) {
      if (!(k.field in rows[0])) {
        throw badRequest(`Could not find a property named '${k.field}' on type 'Microsoft.NAV.${config.entityType}'.`);
      }
    }
  }
  const keyOf = (row: T) => keys.map((k) => row[k.field]);
  const token = options.skiptoken ? decodeToken(options.skiptoken) : null;
  const remaining = token ? token.r : options.top;
  const skip = token ? 0 : (options.skip ?? 0);
  const limit = Math.min(config.pageSize, remaining ?? Number.POSITIVE_INFINITY);
  const compareRows = (a: T, b: T) => compareRowKeys(a, b, keys);
  // The rows after the token (and past $skip) that pass the filter: how many, and the first skip + limit of them.
  const heap = new BoundedHeap<T>(skip + limit, compareRows);
  let filtered = 0;
  let after = 0;
  for (const row of rows) {
    if (options.filter && !evaluateFilter(options.filter, row, config.entityType)) continue;
    filtered += 1;
    if (token && compareRowToKey(row, token.k, keys) <= 0) continue;
    after += 1;
    heap.offer(row);
  }
  const page = heap.sorted().slice(skip);
  const page_: Page<T> = { rows: page };
  const leftAfter = remaining === undefined ? undefined : remaining - page.length;
  const last = page[page.length - 1];
  if (last && after - skip > page.length && (leftAfter === undefined || leftAfter > 0)) {
    const next: SkipToken = { k: keyOf(last), ...(leftAfter === undefined ? {} : { r: leftAfter }) };
    page_.next = Buffer.from(JSON.stringify(next)).toString("base64url");
  }
  if (options.count) page_.count = filtered;
  return page_;
}

/**
 * A UTC stamp as the store writes it (`2026-12-04T10:11:12.123Z`): two of the same length order as
 * their text, without compareValues' regex and Date.parse, which cost ~2 µs a comparison and made
 * one page of a 200,000-row table take half a second.
 */
function isCanonicalUtc(s: string): boolean {
  return (
    s.length >= 20 &&
    s.charCodeAt(s.length - 1) === 90 /* Z */ &&
    s[4] === "-" &&
    s[7] === "-" &&
    s[10] === "T" &&
    s[13] === ":" &&
    s[16] === ":" &&
    s.charCodeAt(0) >= 48 &&
    s.charCodeAt(0) <= 57
  );
}

function compareKeyValues(a: unknown, b: unknown): number {
  if (
    typeof a === "string" &&
    typeof b === "string" &&
    a.length === b.length &&
    isCanonicalUtc(a) &&
    isCanonicalUtc(b)
  ) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareValues(a, b);
}

function compareRowKeys(a: Row, b: Row, keys: OrderKey[]): number {
  for (const k of keys) {
    const c = compareKeyValues(a[k.field], b[k.field]);
    if (c !== 0) return k.desc ? -c : c;
  }
  return 0;
}

function compareRowToKey(row: Row, key: unknown[], keys: OrderKey[]): number {
  for (let i = 0; i < keys.length; i += 1) {
    const c = compareKeyValues(row[keys[i]!.field], key[i]);
    if (c !== 0) return keys[i]!.desc ? -c : c;
  }
  return 0;
}

/**
 * The `capacity` smallest items offered, by `compare`: a max-heap whose top is the largest kept, so
 * most rows of a big table cost one comparison once the heap is full.
 */
class BoundedHeap<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  readonly #compare: (a: T, b: T) => number;
  constructor(capacity: number, compare: (a: T, b: T) => number) {
    this.#capacity = capacity;
    this.#compare = compare;
  }
  offer(item: T): void {
    const items = this.#items;
    if (this.#capacity <= 0) return;
    if (items.length < this.#capacity) {
      items.push(item);
      this.#up(items.length - 1);
    } else if (this.#compare(item, items[0]!) < 0) {
      items[0] = item;
      this.#down(0);
    }
  }
  sorted(): T[] {
    return [...this.#items].sort(this.#compare);
  }
  #up(i: number): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#compare(items[i]!, items[parent]!) <= 0) return;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  #down(i: number): void {
    const items = this.#items;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < items.length && this.#compare(items[left]!, items[top]!) > 0) top = left;
      if (right < items.length && this.#compare(items[right]!, items[top]!) > 0) top = right;
      if (top === i) return;
      [items[i], items[top]] = [items[top]!, items[i]!];
      i = top;
    }
  }
}
