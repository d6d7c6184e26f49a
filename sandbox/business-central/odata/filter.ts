import { badRequest } from "../bc-error.ts";

// A small OData v4 $filter: comparisons, and/or/not, parentheses, contains/startswith/endswith.
// Literals: 'strings' ('' escapes a quote), numbers, true/false/null, unquoted GUIDs, dates and datetimes.

type Literal = {
  value: string | number | boolean | null;
  kind: "string" | "number" | "boolean" | "null" | "datetime" | "date" | "guid";
};
type Operand = { field: string } | { literal: Literal };
export type FilterNode =
  | { op: "and" | "or"; left: FilterNode; right: FilterNode }
  | { op: "not"; inner: FilterNode }
  | { op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; left: Operand; right: Operand }
  | { op: "fn"; name: "contains" | "startswith" | "endswith"; args: Operand[] };

type Token = { t: "(" | ")" | "," } | { t: "word"; v: string } | { t: "lit"; v: Literal };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_/.]*/;

function syntaxError(text: string, at: number): Error {
  return badRequest(`Syntax error at position ${at} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = rest[0]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      out.push({ t: ch });
      i += 1;
    } else if (ch === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntaxError(text, i);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      out.push({ t: "lit", v: { value, kind: "string" } });
      i = j + 1;
    } else {
      const m =
        match(rest, GUID, "guid") ??
        match(rest, DATETIME, "datetime") ??
        match(rest, DATE, "date") ??
        match(rest, NUMBER, "number");
      if (m) {
        out.push({ t: "lit", v: m.lit });
        i += m.length;
        continue;
      }
      const w = WORD.exec(rest);
      if (!w) throw syntaxError(text, i);
      const word = w[0];
      if (word === "true" || word === "false") out.push({ t: "lit", v: { value: word === "true", kind: "boolean" } });
      else if (word === "null") out.push({ t: "lit", v: { value: null, kind: "null" } });
      else out.push({ t: "word", v: word });
      i += word.length;
    }
  }
  return out;
}

function match(rest: string, re: RegExp, kind: Literal["kind"]): { lit: Literal; length: number } | undefined {
  const m = re.exec(rest);
  if (!m) return undefined;
  // "2026-01-01T…" must not be read as the number 2026 and a GUID must not be read as a date.
  const next = rest[m[0].length];
  if (next !== undefined && /[0-9A-Za-z:-]/.test(next)) return undefined;
  const value = kind === "number" ? Number(m[0]) : kind === "guid" ? m[0].toLowerCase() : m[0];
  return { lit: { value, kind }, length: m[0].length };
}

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS = new Set(["contains", "startswith", "endswith"]);

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (v: string) => {
    const t = peek();
    return t?.t === "word" && t.v === v;
  };
  const expect = (t: "(" | ")" | ",") => {
    if (peek()?.t !== t) throw syntaxError(text, pos);
    pos += 1;
  };
  const operand = (): Operand => {
    const t = tokens[pos++];
    if (t?.t === "lit") return { literal: t.v };
    if (t?.t === "word") return { field: t.v };
    throw syntaxError(text, pos);
  };
  const primary = (): FilterNode => {
    if (isWord("not")) {
      pos += 1;
      return { op: "not", inner: primary() };
    }
    if (peek()?.t === "(") {
      pos += 1;
      const inner = or();
      expect(")");
      return inner;
    }
    const t = peek();
    if (t?.t === "word" && FUNCTIONS.has(t.v) && tokens[pos + 1]?.t === "(") {
      pos += 2;
      const args = [operand()];
      while (peek()?.t === ",") {
        pos += 1;
        args.push(operand());
      }
      expect(")");
      return { op: "fn", name: t.v as "contains", args };
    }
    const left = operand();
    const op = tokens[pos++];
    if (op?.t !== "word" || !COMPARISONS.has(op.v)) throw syntaxError(text, pos);
    return { op: op.v as "eq", left, right: operand() };
  };
  const and = (): FilterNode => {
    let node = primary();
    while (isWord("and")) {
      pos += 1;
      node = { op: "and", left: node, right: primary() };
    }
    return node;
  };
  const or = (): FilterNode => {
    let node = and();
    while (isWord("or")) {
      pos += 1;
      node = { op: "or", left: node, right: and() };
    }
    return node;
  };
  const node = or();
  if (pos !== tokens.length) throw syntaxError(text, pos);
  return node;
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;
const FRACTION = /T[^.]*\.(\d+)/;

/**
 * Digits past the millisecond (BC writes 7: "…10:00:00.1234567Z"), which Date.parse drops: a
 * change-feed client passing back BC's own stamp must not get `ge`/`gt` wrong at that precision.
 */
function subMilliseconds(iso: string): number {
  const digits = FRACTION.exec(iso)?.[1] ?? "";
  return Number(digits.slice(3, 7).padEnd(4, "0"));
}

/**
 * Orders two values the way SQL Server does for BC: numbers numerically, datetimes by instant, text
 * case-insensitively (BC databases use a CI collation; a guess that holds for Cronus).
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  const sa = String(a);
  const sb = String(b);
  if (ISO.test(sa) && ISO.test(sb)) return Date.parse(sa) - Date.parse(sb) || subMilliseconds(sa) - subMilliseconds(sb);
  const la = sa.toLowerCase();
  const lb = sb.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function resolve(operand: Operand, row: Record<string, unknown>, entityType: string): unknown {
  if ("literal" in operand) return operand.literal.value;
  if (!(operand.field in row)) {
    throw badRequest(`Could not find a property named '${operand.field}' on type 'Microsoft.NAV.${entityType}'.`);
  }
  return row[operand.field];
}

export function evaluateFilter(node: FilterNode, row: Record<string, unknown>, entityType: string): boolean {
  switch (node.op) {
    case "and":
      return evaluateFilter(node.left, row, entityType) && evaluateFilter(node.right, row, entityType);
    case "or":
      return evaluateFilter(node.left, row, entityType) || evaluateFilter(node.right, row, entityType);
    case "not":
      return !evaluateFilter(node.inner, row, entityType);
    case "fn": {
      const [hay, needle] = node.args.map((a) => String(resolve(a, row, entityType) ?? "").toLowerCase());
      if (hay === undefined || needle === undefined) return false;
      if (node.name === "contains") return hay.includes(needle);
      return node.name === "startswith" ? hay.startsWith(needle) : hay.endsWith(needle);
    }
    default: {
      const c = compareValues(resolve(node.left, row, entityType), resolve(node.right, row, entityType));
      const ops = { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 } as const;
      return ops[node.op];
    }
  }
}
