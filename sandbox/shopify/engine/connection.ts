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

function compare(a: [SortValue, number], b: [SortValue, number]): number {
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  return a[1] - b[1];
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
  const dir = args.reverse ? -1 : 1;
  const rows = items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => dir * compare([a.k.value, a.k.id], [b.k.value, b.k.id]));
  let start = 0;
  let end = rows.length;
  if (args.after) {
    const c = decodeCursor(args.after);
    const idx = rows.findIndex((r) => dir * compare([r.k.value, r.k.id], [c.last_value, c.last_id]) > 0);
    start = idx === -1 ? rows.length : idx;
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    const idx = rows.findIndex((r) => dir * compare([r.k.value, r.k.id], [c.last_value, c.last_id]) >= 0);
    end = idx === -1 ? rows.length : idx;
  }
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
