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

function compareByKeys(a: unknown[], b: unknown[], keys: OrderKey[]): number {
  for (let i = 0; i < keys.length; i += 1) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return keys[i]!.desc ? -c : c;
  }
  return 0;
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
  const filtered = options.filter ? rows.filter((r) => evaluateFilter(options.filter!, r, config.entityType)) : rows;
  const sorted = filtered.map((row) => ({ row, key: keyOf(row) })).sort((a, b) => compareByKeys(a.key, b.key, keys));
  let remaining = options.top;
  let window = sorted;
  if (options.skiptoken) {
    const token = decodeToken(options.skiptoken);
    window = sorted.filter((x) => compareByKeys(x.key, token.k, keys) > 0);
    remaining = token.r;
  } else if (options.skip) {
    window = sorted.slice(options.skip);
  }
  const limit = Math.min(config.pageSize, remaining ?? Number.POSITIVE_INFINITY);
  const page = window.slice(0, limit);
  const page_: Page<T> = { rows: page.map((x) => x.row) };
  const leftAfter = remaining === undefined ? undefined : remaining - page.length;
  const last = page[page.length - 1];
  if (last && window.length > page.length && (leftAfter === undefined || leftAfter > 0)) {
    const token: SkipToken = { k: last.key, ...(leftAfter === undefined ? {} : { r: leftAfter }) };
    page_.next = Buffer.from(JSON.stringify(token)).toString("base64url");
  }
  if (options.count) page_.count = filtered.length;
  return page_;
}
