import { dialogError } from "./validation.ts";

/**
 * BC's DateFormula, the part payment terms use: terms such as `14D`, `1M`, `-1W`, `1Y+2D`, and
 * `C<unit>` for the end of the current week/month/quarter/year (`CM` = last day of the month).
 * Weekday terms (`WD1`) and the `D10`-style "next 10th" are not modelled; they are refused.
 * The API writes a formula without BC's angle brackets; either spelling is accepted here.
 */
const TERM = /([+-]?)(?:(\d+)([DWMQY])|C([DWMQY]))/gy;

type Term = { sign: 1 | -1; count: number; unit: string; current: boolean };

function parse(formula: string): Term[] {
  const text = formula.replace(/^<|>$/g, "").toUpperCase().replaceAll(" ", "");
  const terms: Term[] = [];
  TERM.lastIndex = 0;
  while (TERM.lastIndex < text.length) {
    const at = TERM.lastIndex;
    const m = TERM.exec(text);
    // The first term may omit its sign; later ones must say + or -.
    if (!m || (terms.length > 0 && !m[1]) || m.index !== at) {
      // Wording is a guess: BC refuses a formula it cannot evaluate when it is validated.
      throw dialogError(`The date formula ${formula} is not valid.`);
    }
    terms.push({
      sign: m[1] === "-" ? -1 : 1,
      count: m[2] ? Number(m[2]) : 0,
      unit: m[3] ?? m[4]!,
      current: Boolean(m[4]),
    });
  }
  return terms;
}

/** The formula normalised as the API shows it ("" stays ""); throws BC's error when it is not one. */
export function normaliseDateFormula(formula: string): string {
  if (formula.trim() === "") return "";
  parse(formula);
  return formula.replace(/^<|>$/g, "").toUpperCase().replaceAll(" ", "");
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

function addMonths(d: Date, months: number): Date {
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

function periodEnd(d: Date, unit: string): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case "D":
      return d;
    case "W": {
      // BC weeks run Monday–Sunday; CW is the coming Sunday.
      const toSunday = (7 - d.getUTCDay()) % 7;
      return new Date(d.getTime() + toSunday * 86_400_000);
    }
    case "M":
      return new Date(Date.UTC(y, m + 1, 0));
    case "Q":
      return new Date(Date.UTC(y, Math.floor(m / 3) * 3 + 3, 0));
    default:
      return new Date(Date.UTC(y, 11, 31));
  }
}

/** CalcDate(formula, date) for `yyyy-mm-dd` dates; a blank formula gives the date itself. */
export function calcDate(formula: string, date: string): string {
  if (formula.trim() === "") return date;
  let d = new Date(`${date}T00:00:00Z`);
  for (const t of parse(formula)) {
    if (t.current) d = periodEnd(d, t.unit);
    else if (t.unit === "D") d = new Date(d.getTime() + t.sign * t.count * 86_400_000);
    else if (t.unit === "W") d = new Date(d.getTime() + t.sign * t.count * 7 * 86_400_000);
    else d = addMonths(d, t.sign * t.count * (t.unit === "M" ? 1 : t.unit === "Q" ? 3 : 12));
  }
  return iso(d);
}
