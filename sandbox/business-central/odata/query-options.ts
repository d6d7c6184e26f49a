import { badRequest } from "../bc-error.ts";
import { type FilterNode, parseFilter } from "./filter.ts";

export interface OrderKey {
  field: string;
  desc: boolean;
}

export interface ExpandSpec {
  name: string;
  options: QueryOptions;
}

export interface QueryOptions {
  filter?: FilterNode;
  orderby: OrderKey[];
  top?: number;
  skip?: number;
  select?: string[];
  expand: ExpandSpec[];
  count: boolean;
  skiptoken?: string;
}

const KNOWN = new Set([
  "$filter",
  "$orderby",
  "$top",
  "$skip",
  "$select",
  "$expand",
  "$count",
  "$skiptoken",
  "$schemaversion",
  "company",
  "tenant",
]);

function nonNegativeInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw badRequest(`Invalid value '${raw}' for the query option '${name}'.`);
  return Number(raw);
}

/** Splits on `sep` outside parentheses and quotes: "a($select=x,y),b" → ["a($select=x,y)", "b"]. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth += 1;
    else if (!quoted && ch === ")") depth -= 1;
    else if (!quoted && depth === 0 && ch === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function parseExpand(raw: string): ExpandSpec[] {
  return splitTopLevel(raw, ",").map((part) => {
    const open = part.indexOf("(");
    if (open < 0) return { name: part, options: { orderby: [], expand: [], count: false } };
    if (!part.endsWith(")")) throw badRequest(`Syntax error in $expand '${raw}'.`);
    const inner = new Map<string, string>();
    for (const opt of splitTopLevel(part.slice(open + 1, -1), ";")) {
      const eq = opt.indexOf("=");
      inner.set(opt.slice(0, eq).trim(), opt.slice(eq + 1));
    }
    return { name: part.slice(0, open).trim(), options: parseQueryOptions(inner) };
  });
}

/** Parses the system query options BC supports; unknown `$` options are refused like BC does. */
export function parseQueryOptions(params: Map<string, string> | URLSearchParams): QueryOptions {
  const get = (k: string) => params.get(k) ?? undefined;
  for (const key of params.keys()) {
    if (key.startsWith("$") && !KNOWN.has(key)) throw badRequest(`The query parameter '${key}' is not supported.`);
  }
  const options: QueryOptions = { orderby: [], expand: [], count: get("$count") === "true" };
  const filter = get("$filter");
  if (filter !== undefined && filter.trim() !== "") options.filter = parseFilter(filter);
  const orderby = get("$orderby");
  if (orderby) {
    options.orderby = splitTopLevel(orderby, ",").map((k) => {
      const [field = "", dir = "asc"] = k.split(/\s+/);
      if (dir !== "asc" && dir !== "desc") throw badRequest(`Syntax error in $orderby '${orderby}'.`);
      return { field, desc: dir === "desc" };
    });
  }
  const top = get("$top");
  if (top !== undefined) options.top = nonNegativeInt("$top", top);
  const skip = get("$skip");
  if (skip !== undefined) options.skip = nonNegativeInt("$skip", skip);
  const select = get("$select");
  if (select) options.select = select.split(",").map((s) => s.trim());
  const expand = get("$expand");
  if (expand) options.expand = parseExpand(expand);
  const skiptoken = get("$skiptoken");
  if (skiptoken) options.skiptoken = skiptoken;
  return options;
}
