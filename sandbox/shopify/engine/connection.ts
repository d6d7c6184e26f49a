import { GraphQLError } from "graphql";

/** Shopify's largest page for `first`/`last`. */
export const MAX_PAGE_SIZE = 250;

/** The `first` a bulk query's nested connections run with: every node (Shopify pages them itself). */
export const BULK_PAGE = Number.MAX_SAFE_INTEGER;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

type SortValue = string | number;

interface CursorData {
  last_id: number;
  last_value: SortValue;
}

// Shopify's cursors are base64 JSON of the last row's id and sort value; clients must treat them as opaque.
export function encodeCursor(id: number, value: SortValue): string {
  const data: CursorData = { last_id: id, last_value: value };
  return Buffer.from(JSON.stringify(data)).toString("base64");
}

function decodeCursor(cursor: string): CursorData {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (parsed && typeof parsed === "object" && "last_id" in parsed && "last_value" in parsed) {
      const { last_id, last_value } = parsed as Record<string, unknown>;
      if (typeof last_id === "number" && (typeof last_value === "string" || typeof last_value === "number")) {
        return { last_id, last_value };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/** Rejects what Shopify rejects before any paging happens. */
export function checkPageArgs(args: ConnectionArgs): void {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GraphQLError("you must provide one of first or last");
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value !== null && value !== undefined && value !== BULK_PAGE && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The '${name}' argument must be between 0 and ${MAX_PAGE_SIZE} (was ${value}).`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
}

/** Items with their sort keys, in (sort value, id) order, reversed when asked: what pageRows pages over. */
export interface SortedRows<T> {
  rows: { item: T; k: { id: number; value: SortValue } }[];
  dir: 1 | -1;
}

export function sortRows<T>(
  items: readonly T[],
  reverse: boolean | null | undefined,
  key: (item: T) => { id: number; value: SortValue },
): SortedRows<T> {
  const dir = reverse ? -1 : 1;
  const rows = items.map((item) => ({ item, k: key(item) }));
  // Stores keep records in id order, so the usual listing is already sorted: skip the sort then.
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i += 1) {
    sorted = order(dir, rows[i - 1]!.k, rows[i]!.k.value, rows[i]!.k.id) <= 0;
  }
  if (!sorted) rows.sort((x, y) => order(dir, x.k, y.k.value, y.k.id));
  return { rows, dir };
}

// No tuples per comparison: bulk queries page through 100,000 rows hundreds of times.
function order(dir: number, a: { id: number; value: SortValue }, value: SortValue, id: number): number {
  return dir * (a.value < value ? -1 : a.value > value ? 1 : a.id - id);
}

/**
 * Relay paging over an in-memory list, ordered by (sort value, id) then optionally reversed.
 * Cursors carry the sort value, so a page boundary survives inserts like Shopify's keyset cursors.
 */
export function paginate<T>(
  items: readonly T[],
  args: ConnectionArgs,
  key: (item: T) => { id: number; value: SortValue },
): Connection<T> {
  checkPageArgs(args);
  return pageRows(sortRows(items, args.reverse, key), args);
}

/** One page of sorted rows; cursors are found by binary search, so a page costs its size, not the list's. */
export function pageRows<T>({ rows, dir }: SortedRows<T>, args: ConnectionArgs): Connection<T> {
  checkPageArgs(args);
  /** The first row index whose key is past the cursor (or at it, with `inclusive`). */
  const boundary = (c: CursorData, inclusive: boolean) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const cmp = order(dir, rows[mid]!.k, c.last_value, c.last_id);
      if (cmp > 0 || (inclusive && cmp === 0)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let start = 0;
  let end = rows.length;
  if (args.after) start = boundary(decodeCursor(args.after), false);
  if (args.before) end = boundary(decodeCursor(args.before), true);
  let window = rows.slice(start, Math.max(start, end));
  let hasNextPage = end < rows.length;
  let hasPreviousPage = start > 0;
  if (typeof args.first === "number") {
    if (window.length > args.first) hasNextPage = true;
    window = window.slice(0, args.first);
  }
  if (typeof args.last === "number") {
    if (window.length > args.last) hasPreviousPage = true;
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map((r) => ({ cursor: encodeCursor(r.k.id, r.k.value), node: r.item }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A connection over a list that has no meaningful sort (line items, levels): position is the key. */
export function paginateList<T>(items: readonly T[], args: ConnectionArgs, idOf: (item: T) => number): Connection<T> {
  return paginate(items, args, (item) => ({ id: idOf(item), value: 0 }));
}

/** Same page, nodes turned into views. */
export function mapConnection<T, U>(conn: Connection<T>, fn: (item: T) => U): Connection<U> {
  const edges = conn.edges.map((e) => ({ cursor: e.cursor, node: fn(e.node) }));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: conn.pageInfo };
}
