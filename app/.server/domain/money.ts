/**
 * Decimal money without float drift: amounts travel as decimal strings (Shopify's MoneyV2, the ERP
 * port's `Decimal`) and are added as integers of 1/1,000,000 of a unit. Six places hold every ISO
 * currency (at most 3) plus per-unit prices some ERPs keep to 5.
 */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export type Micros = bigint;

export function toMicros(value: string): Micros {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: "${value}"`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) {
    throw new Error(`more than ${SCALE} decimal places: "${value}"`);
  }
  const micros = BigInt(whole) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, "0"));
  return sign === "-" ? -micros : micros;
}

/** "12.5", "-3", "0.125": the shortest exact decimal string. */
export function fromMicros(value: Micros): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

export function sum(values: readonly Micros[]): Micros {
  return values.reduce((a, b) => a + b, 0n);
}

/**
 * `amount × part ÷ whole`, rounded half away from zero to `places` decimals (a line discount kept
 * for the quantity that is left after refunds).
 */
export function prorate(amount: Micros, part: number, whole: number, places = 2): Micros {
  if (whole <= 0) return 0n;
  if (part === whole) return amount;
  const step = 10n ** BigInt(SCALE - places);
  const numerator = amount * BigInt(part);
  const denominator = BigInt(whole) * step;
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = ((abs * 2n + denominator) / (denominator * 2n)) * step;
  return negative ? -rounded : rounded;
}
