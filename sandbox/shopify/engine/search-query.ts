/**
 * A subset of Shopify's search syntax (shopify.dev/api/usage/search-syntax): terms are ANDed,
 * `OR` between terms joins groups (AND binds tighter, as in Shopify's grammar),
 * `field:value`, `field:>value` (also >=, <, <=), quoted values, `-field:value` / `NOT` negation,
 * `*` suffix wildcard, plain words matched against a resource's default text.
 */
export interface SearchTerm {
  field: string | null;
  op: ":" | ">" | ">=" | "<" | "<=";
  value: string;
  negate: boolean;
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const ch of query) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (/\s/.test(ch)) {
      if (current) tokens.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

/** Where `OR` stood between the terms. */
const OR_MARK: SearchTerm = { field: "\u0000or", op: ":", value: "", negate: false };

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  let negateNext = false;
  for (const raw of tokenize(query)) {
    if (raw === "AND") continue;
    if (raw === "OR") {
      terms.push(OR_MARK);
      continue;
    }
    if (raw === "NOT") {
      negateNext = true;
      continue;
    }
    let token = raw;
    let negate = negateNext;
    negateNext = false;
    if (token.startsWith("-") && token.length > 1) {
      negate = true;
      token = token.slice(1);
    }
    const m = /^([a-z_.]+):(>=|<=|>|<)?(.*)$/i.exec(token);
    if (m && m[1] !== undefined) {
      const op = (m[2] ?? ":") as SearchTerm["op"];
      terms.push({ field: m[1].toLowerCase(), op, value: m[3] ?? "", negate });
    } else {
      terms.push({ field: null, op: ":", value: token, negate });
    }
  }
  return terms;
}

export type FieldValue = string | number | boolean | null | readonly (string | number | null)[];

/** How one resource exposes its searchable fields; `text` feeds plain words. */
export interface SearchSpec<T> {
  fields: Record<string, (item: T) => FieldValue>;
  text: (item: T) => string;
  /** Fields compared as instants (`updated_at:>'2026-01-01'`). */
  dates?: readonly string[];
}

function matchScalar(actual: string | number | null, term: SearchTerm, isDate: boolean): boolean {
  if (actual === null) return false;
  if (term.op !== ":" || isDate) {
    const a = isDate ? Date.parse(String(actual)) : Number(actual);
    const b = isDate ? Date.parse(term.value) : Number(term.value);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    switch (term.op) {
      case ">":
        return a > b;
      case ">=":
        return a >= b;
      case "<":
        return a < b;
      case "<=":
        return a <= b;
      default:
        return a === b;
    }
  }
  const have = String(actual).toLowerCase();
  const want = term.value.toLowerCase();
  if (want.endsWith("*")) return have.startsWith(want.slice(0, -1));
  return have === want;
}

function matchTerm<T>(item: T, term: SearchTerm, spec: SearchSpec<T>): boolean {
  if (term.field === null) {
    const want = term.value.toLowerCase().replace(/\*$/, "");
    return spec.text(item).toLowerCase().includes(want);
  }
  const getter = spec.fields[term.field];
  // Shopify ignores filters a resource does not support rather than failing the query.
  if (!getter) return true;
  const value = getter(item);
  const isDate = spec.dates?.includes(term.field) ?? false;
  if (Array.isArray(value)) return value.some((v) => matchScalar(v, term, isDate));
  if (typeof value === "boolean") return String(value) === term.value.toLowerCase();
  return matchScalar(value as string | number | null, term, isDate);
}

export function filterBySearch<T>(items: Iterable<T>, query: string | null | undefined, spec: SearchSpec<T>): T[] {
  const groups: SearchTerm[][] = [[]];
  for (const term of parseSearch(query)) {
    if (term === OR_MARK) groups.push([]);
    else groups.at(-1)?.push(term);
  }
  // "a OR" (nothing after OR) is just "a": an empty group must not match everything.
  const live = groups.length === 1 ? groups : groups.filter((g) => g.length > 0);
  const out: T[] = [];
  for (const item of items) {
    if (live.some((group) => group.every((t) => matchTerm(item, t, spec) !== t.negate))) out.push(item);
  }
  return out;
}
