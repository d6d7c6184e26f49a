/**
 * How lists and pages show dates, money and counts to a merchant. Formatting happens on the
 * server, in the shop's time zone, so the page renders the same text on the server and in the
 * browser (no hydration mismatch) and a merchant abroad sees the shop's day, as Shopify admin does.
 */
const LOCALE = "en-US";

function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** "Dec 1, 2026, 9:05 PM" in the shop's time zone (UTC when the shop's zone is not known). */
export function formatDateTime(value: Date | string | null | undefined, timeZone?: string | null): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone: validTimeZone(timeZone),
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

/** "Dec 1, 2026" in the shop's time zone. */
export function formatDate(value: Date | string | null | undefined, timeZone?: string | null): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(LOCALE, { timeZone: validTimeZone(timeZone), dateStyle: "medium" }).format(date);
}

/** "$1,234.50" (or "1,234.50 XYZ" for a code Intl does not know); "" without an amount. */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "";
  const value = Number(amount);
  if (!Number.isFinite(value)) return amount;
  if (currency) {
    try {
      return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).format(value);
    } catch {
      // Not a currency code at all: show the number with the text after it.
    }
  }
  const number = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return currency ? `${number} ${currency}` : number;
}

const pluralRules = new Intl.PluralRules(LOCALE);

/** "1 product", "2 products", "0 orders": the count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${new Intl.NumberFormat(LOCALE).format(count)} ${pluralRules.select(count) === "one" ? singular : plural}`;
}
