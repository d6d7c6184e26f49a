/**
 * Pure OData v4 helpers for BC query strings. Values always go through these, never string
 * concatenation: a Shopify order number like `O'Brien #12` must not end or alter the filter.
 */

/** A string literal: quoted, with `'` doubled (OData ABNF `SQUOTE-in-string`). */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DateTimeOffset literal (unquoted in OData v4); normalised to UTC with milliseconds. */
export function odataDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return new Date(ms).toISOString();
}

type Literal = string | number | boolean;

function literal(value: Literal): string {
  if (typeof value === "string") return odataString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return value ? "true" : "false";
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_/]*$/;

function field(name: string): string {
  // Field names are ours (constants), but a typo would otherwise become an injection point.
  if (!FIELD.test(name)) throw new Error(`not an OData field name: ${name}`);
  return name;
}

export function eq(name: string, value: Literal): string {
  return `${field(name)} eq ${literal(value)}`;
}

export function ne(name: string, value: Literal): string {
  return `${field(name)} ne ${literal(value)}`;
}

/** `lastModifiedDateTime ge 2026-01-01T00:00:00.000Z`; inclusive so the boundary millisecond is re-read. */
export function modifiedSince(name: string, iso: string): string {
  return `${field(name)} ge ${odataDateTime(iso)}`;
}

/** `lastModifiedDateTime le …`: the other end of a window of change times. */
export function modifiedUntil(name: string, iso: string): string {
  return `${field(name)} le ${odataDateTime(iso)}`;
}

/** Joins clauses with `and`, dropping empty ones; parenthesised so `or` inside stays grouped. */
export function and(...clauses: Array<string | null | undefined | false>): string {
  const present = clauses.filter((c): c is string => typeof c === "string" && c.length > 0);
  if (present.length === 1) return present[0]!;
  return present.map((c) => `(${c})`).join(" and ");
}

export function anyOf(name: string, values: readonly Literal[]): string {
  if (values.length === 0) throw new Error("anyOf needs at least one value");
  return values.map((v) => eq(name, v)).join(" or ");
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `id eq 5d115c9c-…`: Edm.Guid literals are unquoted in OData v4. */
export function eqGuid(name: string, id: string): string {
  if (!GUID.test(id)) throw new Error(`not a GUID: ${id.slice(0, 40)}`);
  return `${field(name)} eq ${id}`;
}

export function anyGuid(name: string, ids: readonly string[]): string {
  if (ids.length === 0) throw new Error("anyGuid needs at least one id");
  return ids.map((id) => eqGuid(name, id)).join(" or ");
}

export interface ODataQuery {
  filter?: string | null;
  select?: readonly string[];
  expand?: string;
  orderby?: readonly string[];
  top?: number;
}

/**
 * The query string (with leading `?`, or "" when empty). Values are percent-encoded with
 * encodeURIComponent, not URLSearchParams: that writes spaces as `+`, which OData servers do not
 * all read as a space.
 */
export function buildQuery(query: ODataQuery): string {
  const parts: string[] = [];
  if (query.filter) parts.push(`$filter=${encodeURIComponent(query.filter)}`);
  if (query.select?.length) parts.push(`$select=${query.select.map(field).join(",")}`);
  if (query.expand) parts.push(`$expand=${encodeURIComponent(query.expand)}`);
  if (query.orderby?.length) parts.push(`$orderby=${encodeURIComponent(query.orderby.join(","))}`);
  if (query.top !== undefined) parts.push(`$top=${Math.max(0, Math.floor(query.top))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
